"""The electronic government gazette (政府公报): issues assembled from published documents.

Documents issued in the government's name reach the gazette within 20 working days of being formed
(seed 002, rules.md §4); an entry links an issue to a ``documents.Document`` — the gazette prints the
document, it does not copy it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Sections of an issue's table of contents."""

    GOVERNMENT = "government", _("政府文件")
    OFFICE = "office", _("政府办公室文件")
    DEPARTMENT = "department", _("部门文件")
    PERSONNEL = "personnel", _("人事任免")
    OTHER = "other", _("其他")


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("编辑中")
    PUBLISHED = "published", _("已出版")


class RegisterAction(models.TextChoices):
    ISSUE_CREATE = "gazette.issue_create", _("新建公报期次")
    ENTRY_ADD = "gazette.entry_add", _("公报收录文件")
    ENTRY_CHANGE = "gazette.entry_change", _("调整公报栏目或顺序")
    ENTRY_REMOVE = "gazette.entry_remove", _("公报移除文件")
    ISSUE_PUBLISH = "gazette.issue_publish", _("出版公报")


def issue_pdf_path(instance: "GazetteIssue", filename: str) -> str:
    return f"gazette/{instance.org.code}/{instance.year}/{filename}"


class GazetteIssue(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("出版机关"), on_delete=models.PROTECT,
                            related_name="+")
    year = models.PositiveSmallIntegerField(_("年份"))
    number = models.PositiveSmallIntegerField(_("期号"))
    total_number = models.PositiveIntegerField(_("总期号"), null=True, blank=True)
    issue_date = models.DateField(_("出版日期"))
    status = models.CharField(_("状态"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    published_at = models.DateTimeField(_("出版时间"), null=True, blank=True)
    pdf = models.FileField(_("整期PDF"), upload_to=issue_pdf_path, max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府公报")
        verbose_name_plural = _("政府公报")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["org", "year", "number"], name="unique_gazette_issue")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/gk/{self.org.code}/gazette/{self.year}/{self.number}/"

    @property
    def title(self) -> str:
        return f"{self.org.name}公报 {self.year}年第{self.number}期"


class GazetteEntry(models.Model):
    issue = models.ForeignKey(GazetteIssue, on_delete=models.CASCADE, related_name="entries")
    # A document is printed in one issue only.
    document = models.OneToOneField("documents.Document", verbose_name=_("文件"), on_delete=models.PROTECT,
                                    related_name="gazette_entry")
    category = models.CharField(_("栏目"), max_length=20, choices=Category.choices)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("公报文件")
        verbose_name_plural = _("公报文件")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.document_id}"
