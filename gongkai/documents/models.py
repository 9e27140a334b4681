"""Government information items (政府信息) with the standard catalog metadata of seed 001."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import events


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("审核中")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("待发布")
    PUBLISHED = "published", _("已发布")
    REJECTED = "rejected", _("不予发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Attribute(models.TextChoices):
    """公开属性, decided while drafting (rules.md §2)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class NotDisclosedGround(models.TextChoices):
    """Legal grounds for 不予公开 (条例 Art. 14–16)."""

    STATE_SECRET = "state_secret", _("属于国家秘密（第十四条）")
    PROHIBITED_BY_LAW = "prohibited_by_law", _("法律、行政法规禁止公开（第十四条）")
    SECURITY_STABILITY = "security_stability", _("危及国家安全、公共安全、经济安全、社会稳定（第十四条）")
    THIRD_PARTY = "third_party", _("涉及商业秘密、个人隐私等第三方合法权益（第十五条）")
    INTERNAL_AFFAIRS = "internal_affairs", _("内部事务信息（第十六条第一款）")
    PROCESS_INFO = "process_info", _("过程性信息（第十六条第二款）")
    ENFORCEMENT_FILE = "enforcement_file", _("行政执法案卷信息（第十六条第二款）")


class Validity(models.TextChoices):
    """效力状态."""

    NONE = "", _("—")
    IN_FORCE = "in_force", _("有效")
    AMENDED = "amended", _("已修改")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class Genre(models.TextChoices):
    """公文类型 (GB/T 9704 kinds plus the catalog's usual extras)."""

    NOTICE = "通知", "通知"
    OPINION = "意见", "意见"
    DECISION = "决定", "决定"
    ANNOUNCEMENT = "公告", "公告"
    BULLETIN = "通告", "通告"
    REPORT = "报告", "报告"
    REQUEST = "请示", "请示"
    REPLY = "批复", "批复"
    LETTER = "函", "函"
    MINUTES = "纪要", "纪要"
    ORDER = "命令（令）", "命令（令）"
    SCHEME = "方案", "方案"
    PLAN = "计划", "计划"
    RULE = "规章", "规章"
    NORMATIVE = "行政规范性文件", "行政规范性文件"
    NEWS = "工作动态", "工作动态"
    OTHER = "其他", "其他"


# What the public may see: the one definition. The queryset (``Document.objects.public()``), related
# lookups (``public_q("document__")``) and ``Document.is_public`` are all derived from it.
PUBLIC = {"status": Status.PUBLISHED, "attribute": Attribute.PROACTIVE}


def public_q(prefix: str = "") -> models.Q:
    """The public-document condition for a lookup path, e.g. ``public_q("document__")``."""
    return models.Q(**{prefix + name: value for name, value in PUBLIC.items()})


class DocumentQuerySet(models.QuerySet):
    def public(self) -> "DocumentQuerySet":
        """Published, proactively disclosed (主动公开) documents: all the portal, search and API show."""
        return self.filter(public_q())


class Document(models.Model):
    org = models.ForeignKey("orgs.Organization", verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="documents")
    column = models.ForeignKey("catalog.Column", verbose_name=_("栏目"), on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("正文"), blank=True)  # sanitized HTML
    agency = models.CharField(_("发文机关"), max_length=200)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True)
    # An imported number no form could read: kept as it came, published, and listed for the office to review.
    doc_number_flagged = models.BooleanField(_("发文字号待核"), default=False)
    index_number = models.CharField(_("索引号"), max_length=100, blank=True)
    subject = models.CharField(_("主题分类"), max_length=60, blank=True)
    genre = models.CharField(_("公文类型"), max_length=20, choices=Genre.choices, blank=True)
    validity = models.CharField(_("效力状态"), max_length=20, choices=Validity.choices, blank=True)
    unified_number = models.CharField(_("统一编号"), max_length=100, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    attribute = models.CharField(_("公开属性"), max_length=20, choices=Attribute.choices, default=Attribute.PROACTIVE)
    not_disclosed_ground = models.CharField(_("不予公开理由"), max_length=32, choices=NotDisclosedGround.choices, blank=True)
    needs_interpretation = models.BooleanField(_("需要政策解读"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    review_step = models.PositiveSmallIntegerField(_("当前审核环节"), default=0)
    pii_override = models.BooleanField(_("已确认个人信息检查结果"), default=False)
    source_url = models.URLField(_("来源网址"), blank=True, max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "index_number"], condition=~models.Q(index_number=""), name="unique_index_number_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["column", "status", "-published_on", "-id"], name="doc_column_list"),
            models.Index(fields=["org", "status", "-published_on"], name="doc_org_list"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Save; a changed 效力状态 also gets its dated ValidityEvent (see validity.py)."""
        update_fields = kwargs.get("update_fields")
        before = None
        if not self._state.adding and (update_fields is None or "validity" in update_fields):
            before = getattr(self, "_saved_validity", None)
            if before is None and self.pk is not None:  # built in memory (e.g. bulk_create): ask the row
                before = Document.objects.filter(pk=self.pk).values_list("validity", flat=True).first()
        super().save(*args, **kwargs)
        self._saved_validity = self.validity
        if before is not None and before != self.validity:
            self._date_validity_change(before)

    def get_absolute_url(self) -> str:
        return f"/gk/{self.org.code}/doc/{self.pk}/"

    @classmethod  # remembers the stored 效力状态, so save() sees a change without a query
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "validity" in field_names:
            instance._saved_validity = instance.validity
        return instance

    @property
    def is_public(self) -> bool:
        return all(getattr(self, name) == value for name, value in PUBLIC.items())

    def _date_validity_change(self, before: str) -> None:
        """A saved change of 效力状态 without a known effective date is dated today (validity.py)."""
        today = timezone.localdate()
        ValidityEvent.objects.create(document=self, status=self.validity or Validity.IN_FORCE, effective_on=today,
                                     note="效力状态修改")
        events.announce(events.validity_changed, document_id=self.pk, before=before, after=self.validity,
                        effective_on=today)


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.document.org.code}/{instance.document_id}/{filename}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("提取的文本"), blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class ValidityEvent(models.Model):
    """A dated change of a document's 效力状态, so "repealed in the year" and "in force at year end" can
    be answered for any past year (the annual report, section 二). Written by validity.py.

    The table keeps the name it had when the reports app owned the model (data stays in place).
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="validity_events")
    status = models.CharField(_("效力状态"), max_length=20, choices=Validity.choices)
    effective_on = models.DateField(_("生效日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "reports_validityevent"
        verbose_name = _("效力状态变更")
        verbose_name_plural = _("效力状态变更")
        ordering = ["effective_on", "id"]
        indexes = [models.Index(fields=["document", "effective_on"], name="reports_val_documen_a2a07a_idx")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.status} {self.effective_on}"
