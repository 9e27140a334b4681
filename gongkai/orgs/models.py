"""Organizations (agencies, townships, departments) and staff roles scoped to them."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    COUNTY_GOVERNMENT = "county_government", _("县级人民政府")
    GOVERNMENT_OFFICE = "government_office", _("政府办公室")
    DEPARTMENT = "department", _("政府部门")
    TOWNSHIP = "township", _("乡镇人民政府")
    STREET_OFFICE = "street_office", _("街道办事处")
    VILLAGE = "village", _("村（居）委会")
    PUBLIC_INSTITUTION = "public_institution", _("公共企事业单位")
    OTHER = "other", _("其他")


code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$",
    _("机构代码只能包含字母、数字、下划线和连字符，长度 2–40 位。"),
)


class Organization(models.Model):
    code = models.CharField(_("机构代码"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("机构名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=32, choices=OrgKind.choices, default=OrgKind.DEPARTMENT)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    takes_requests = models.BooleanField(_("受理依申请公开"), default=True)
    position = models.PositiveIntegerField(_("排序"), default=0)
    # 索引号 format: placeholders {code}, {year}, {seq}; default <org code>/<year>-<7 digits>.
    index_format = models.CharField(_("索引号格式"), max_length=80, default="{code}/{year}-{seq:07d}")
    # Disclosure guide (指南) facts, 条例 Art. 12.
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    fax = models.CharField(_("传真"), max_length=60, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    leader = models.CharField(_("负责人"), max_length=60, blank=True)
    functions = models.TextField(_("机构职能"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Organization"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def descendant_ids(self) -> set[int]:
        """Ids of this organization and every unit below it (breadth-first, one query per level)."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier = [i for i in frontier if i not in ids]
            ids.update(frontier)
        return ids


class Role(models.TextChoices):
    OFFICER = "officer", _("信息员")
    OFFICE_REVIEWER = "office_reviewer", _("党政办审核人")
    LEADER_REVIEWER = "leader_reviewer", _("分管领导")
    SECRECY_REVIEWER = "secrecy_reviewer", _("保密审查人")
    REQUEST_HANDLER = "request_handler", _("依申请公开经办人")
    LEGAL_ADVISER = "legal_adviser", _("法律顾问")
    OFFICE_ADMIN = "office_admin", _("政务公开办管理员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")


class Membership(models.Model):
    """A staff user's role in one organization.

    A disclosure-office admin's membership also covers the units below the organization
    (the county office oversees its townships); every other role covers its organization only.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey(Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.get_role_display()}"
