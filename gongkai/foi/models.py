"""Disclosure requests (依申请公开), their clock events, consultations and attachments.

The due date is stored for queues and reports but never typed: services.refresh_due_date() derives it
from the receipt date and the events with deadlines.compute_due_date().
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    ApplicantType,
    Channel,
    ConsultationParty,
    Delivery,
    EventKind,
    FeeMethod,
    IdType,
    Outcome,
    Status,
)
from .rules import WORKING_STEPS

QUERY_PURPOSE = "foi.request"  # the key salt of request query codes (core.querycodes)


class WorkflowConfig(models.Model):
    """The working steps an organization uses, a subsequence of seed 002's closed loop."""

    org = models.OneToOneField("orgs.Organization", on_delete=models.CASCADE, related_name="foi_workflow")
    steps = models.JSONField(_("办理环节"), default=list)

    class Meta:
        verbose_name = _("依申请公开办理流程")
        verbose_name_plural = _("依申请公开办理流程")

    def __str__(self) -> str:
        return f"{self.org}: {' → '.join(self.steps)}"


def default_steps() -> list[str]:
    return [str(s) for s in WORKING_STEPS]


class DisclosureRequest(models.Model):
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="disclosure_requests"
    )
    number = models.CharField(_("申请编号"), max_length=32, unique=True)
    # Salted hash of the applicant's query code (查询码); the code itself is shown once and never stored.
    query_code_hash = models.CharField(max_length=100, blank=True)  # core.querycodes, QUERY_PURPOSE

    applicant_type = models.CharField(_("申请人类型"), max_length=32, choices=ApplicantType.choices)
    name = models.CharField(_("姓名/名称"), max_length=100, blank=True)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True, db_index=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=60, blank=True)
    description = models.TextField(_("所需信息描述"), blank=True)
    purpose = models.TextField(_("用途"), blank=True)
    delivery = models.CharField(_("获取方式"), max_length=16, choices=Delivery.choices, blank=True)

    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices)
    received_on = models.DateField(_("收到申请日期"), db_index=True)
    on_the_spot = models.BooleanField(_("当场答复"), default=False)

    # 补正 (correction), 条例 Art. 30
    correction_requested_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_note = models.TextField(_("补正事项"), blank=True)
    correction_received_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    correction_text = models.TextField(_("补正内容"), blank=True)

    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)

    status = models.CharField(_("办理状态"), max_length=24, choices=Status.choices, default=Status.REGISTERED)
    resume_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("期限待定"), default=False)

    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    withheld_notes = models.TextField(_("不予公开部分及理由"), blank=True)
    transferred_to = models.CharField(_("负责公开的机关"), max_length=200, blank=True)

    fee_method = models.CharField(_("计费方式"), max_length=16, choices=FeeMethod.choices, blank=True)
    fee_amount = models.DecimalField(_("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_waived = models.DecimalField(_("减免金额（元）"), max_digits=10, decimal_places=2, default=0)
    fee_waiver_reason = models.TextField(_("减免理由"), blank=True)
    fee_due_on = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    imported = models.BooleanField(_("历史台账导入"), default=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extension_days__lte=20), name="foi_extension_at_most_20_workdays"
            ),
            # A reply carries exactly one outcome code (contracts.md); an open request none.
            models.CheckConstraint(
                condition=(models.Q(replied_on__isnull=True, outcome="")
                           | (models.Q(replied_on__isnull=False) & ~models.Q(outcome=""))),
                name="foi_outcome_iff_replied",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.replied_on is None

    @property
    def is_organization(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    @property
    def fee_payable(self):
        if self.fee_amount is None:
            return None
        return max(self.fee_amount - self.fee_waived, 0)


class Consultation(models.Model):
    """A written consultation of a third party or another agency (条例 Art. 32); its time is not counted."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="consultations")
    party_kind = models.CharField(_("征求对象类型"), max_length=16, choices=ConsultationParty.choices)
    party_name = models.CharField(_("征求对象"), max_length=200)
    started_on = models.DateField(_("发出征求意见日期"))
    answer_due_on = models.DateField(_("答复期限"), null=True, blank=True)
    answered_on = models.DateField(_("收到答复日期"), null=True, blank=True)
    answer = models.TextField(_("答复意见"), blank=True)

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.request} → {self.party_name}"


class RequestEvent(models.Model):
    """A dated step or clock event (receipt, correction, consultation, extension, fee, reply…)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=32, choices=EventKind.choices)
    on = models.DateField(_("日期"))
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("经办人"), max_length=150, blank=True)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    comment = models.TextField(_("意见"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.get_kind_display()} {self.on}"

    @property
    def label(self) -> str:
        """The step and decision in Chinese (「领导审签：通过」), or the kind of event for clock events."""
        from .rules import decision_label

        action = (self.data or {}).get("action", "")
        return decision_label(action, from_status=self.from_status, to_status=self.to_status) or \
            str(self.get_kind_display())


class AttachmentKind(models.TextChoices):
    SCAN = "scan", _("申请原件扫描件")
    CORRECTION = "correction", _("补正材料")
    REPLY = "reply", _("答复书")
    DISCLOSED = "disclosed", _("公开的政府信息")
    OTHER = "other", _("其他")


class RequestAttachment(models.Model):
    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("类别"), max_length=16, choices=AttachmentKind.choices)
    file = models.FileField(_("文件"), upload_to="foi/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("申请附件")
        verbose_name_plural = _("申请附件")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class LetterKind(models.TextChoices):
    """Letters to the applicant: the reply (条例 Art. 36) and the notices of the clock events."""

    REPLY = "reply", _("政府信息公开申请答复书")
    CORRECTION = "correction", _("政府信息公开申请补正告知书")  # 补正, 条例 Art. 30
    EXTENSION = "extension", _("延长政府信息公开申请答复期限告知书")  # 条例 Art. 33
    FEE = "fee", _("信息处理费缴费通知书")  # 条例 Art. 42, 国办函〔2020〕109号


class Letter(models.Model):
    """A letter drafted from a template, edited and reviewed by staff, then issued as .docx and PDF.

    Once issued the letter is frozen: its files and their SHA-256 digests are what the applicant received.
    """

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书类别"), max_length=16, choices=LetterKind.choices)
    template = models.CharField(_("模板"), max_length=40)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices, blank=True)
    withheld_notes = models.TextField(_("不予公开部分及理由"), blank=True)
    transferred_to = models.CharField(_("负责公开的机关"), max_length=200, blank=True)
    body = models.TextField(_("正文"))
    drafted_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_on = models.DateField(_("出具日期"), null=True, blank=True)
    issued_at = models.DateTimeField(_("出具时间"), null=True, blank=True)
    issued_by_name = models.CharField(_("出具人"), max_length=150, blank=True)
    docx = models.FileField(_("Word文件"), upload_to="foi/letters/%Y/%m/", blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(_("PDF文件"), upload_to="foi/letters/%Y/%m/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    disclosed = models.ManyToManyField(RequestAttachment, verbose_name=_("随答复提供的政府信息"), blank=True,
                                       related_name="letters")

    class Meta:
        verbose_name = _("答复及告知文书")
        verbose_name_plural = _("答复及告知文书")
        ordering = ["drafted_at", "id"]
        constraints = [
            # One reply per request: a redraft replaces the draft, an issued reply is final.
            models.UniqueConstraint(fields=["request"], condition=models.Q(kind="reply"), name="foi_one_reply_letter"),
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.get_kind_display()}"

    @property
    def is_issued(self) -> bool:
        return self.issued_on is not None

    @property
    def body_sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.body.encode()).hexdigest()


class ReminderRun(models.Model):
    """One day's reminder run; its row is locked while the run records events, so runs never overlap."""

    day = models.DateField(_("日期"), unique=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    items = models.PositiveIntegerField(_("提醒事项数"), default=0)
    mails = models.PositiveIntegerField(_("发送邮件数"), default=0)

    class Meta:
        verbose_name = _("办理提醒")
        verbose_name_plural = _("办理提醒")
        ordering = ["-day"]

    def __str__(self) -> str:
        return self.day.isoformat()
