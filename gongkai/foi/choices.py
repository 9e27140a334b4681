"""Enumerations of disclosure on request (依申请公开), with the labels of the annual report and contracts.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    """The applicant columns of the annual report's request table (section 三)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL_ENTERPRISE = "commercial_enterprise", _("商业企业")
    RESEARCH_INSTITUTION = "research_institution", _("科研机构")
    PUBLIC_INTEREST_ORG = "public_interest_org", _("社会公益组织")
    LEGAL_SERVICE_ORG = "legal_service_org", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    OTHER = "other", _("其他证件")


class Delivery(models.TextChoices):
    ELECTRONIC = "electronic", _("电子文本")
    PAPER = "paper", _("纸质文本")
    PICKUP = "pickup", _("自行领取")
    MAIL = "mail", _("邮寄")


class Channel(models.TextChoices):
    """How the request reached the agency; each channel has its own receipt-date rule (条例 Art. 31)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    MAIL_REGISTERED = "mail_registered", _("邮寄（需签收）")
    MAIL_ORDINARY = "mail_ordinary", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class Outcome(models.TextChoices):
    """Exactly the rows of the annual report's 办理结果 (contracts.md "Outcome codes")."""

    GRANTED = "granted", _("（一）予以公开")
    PARTIALLY_GRANTED = "partially_granted", _("（二）部分公开")
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("（三）1.属于国家秘密")
    WITHHELD_PROHIBITED_BY_LAW = "withheld_prohibited_by_law", _("（三）2.其他法律行政法规禁止公开")
    WITHHELD_SECURITY_STABILITY = "withheld_security_stability", _("（三）3.危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("（三）4.保护第三方合法权益")
    WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs", _("（三）5.属于三类内部事务信息")
    WITHHELD_PROCESS_INFO = "withheld_process_info", _("（三）6.属于四类过程性信息")
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", _("（三）7.属于行政执法案卷")
    WITHHELD_ADMINISTRATIVE_QUERY = "withheld_administrative_query", _("（三）8.属于行政查询事项")
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("（四）1.本机关不掌握相关政府信息")
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation", _("（四）2.没有现成信息需要另行制作")
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", _("（四）3.补正后申请内容仍不明确")
    REJECTED_PETITION = "rejected_petition", _("（五）1.信访举报投诉类申请")
    REJECTED_REPEATED = "rejected_repeated", _("（五）2.重复申请")
    REJECTED_PUBLICATION = "rejected_publication", _("（五）3.要求提供公开出版物")
    REJECTED_EXCESSIVE = "rejected_excessive", _("（五）4.无正当理由大量反复申请")
    REJECTED_CONFIRMATION = "rejected_confirmation", _("（五）5.要求行政机关确认或重新出具已获取信息")
    OTHER_NO_CORRECTION = "other_no_correction", _("（六）1.逾期不补正")
    OTHER_FEE_UNPAID = "other_fee_unpaid", _("（六）2.逾期未缴纳费用")
    OTHER = "other", _("（六）3.其他")


class Status(models.TextChoices):
    """Where a request stands. The first eight are seed 002's closed loop; the rest pause the clock."""

    REGISTERED = "registered", _("登记")
    SCREENING = "screening", _("初审")
    ASSIGNED = "assigned", _("分办")
    DRAFT_REVIEW = "draft_review", _("答复稿审核")
    LEGAL_REVIEW = "legal_review", _("法律顾问把关")
    LEADER_SIGNOFF = "leader_signoff", _("领导审签")
    REPLIED = "replied", _("已答复")
    ARCHIVED = "archived", _("已归档")
    WAITING_CORRECTION = "waiting_correction", _("待申请人补正")  # 补正, 条例 Art. 30
    IN_CONSULTATION = "in_consultation", _("征求第三方意见中")  # 条例 Art. 32
    WAITING_FEE = "waiting_fee", _("待缴纳信息处理费")


class EventKind(models.TextChoices):
    """Dated clock events; the due date is derived from these and nothing else."""

    RECEIVED = "received", _("收到申请")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTION_RECEIVED = "correction_received", _("收到补正")
    CORRECTION_LAPSED = "correction_lapsed", _("逾期未补正")
    CONSULTATION_STARTED = "consultation_started", _("开始征求意见")
    CONSULTATION_ANSWERED = "consultation_answered", _("收到征求意见答复")
    EXTENDED = "extended", _("延长答复期限")
    FEE_NOTICE = "fee_notice", _("发出收费通知")
    FEE_PAID = "fee_paid", _("缴纳费用")
    FEE_LAPSED = "fee_lapsed", _("逾期未缴费")
    STEP = "step", _("办理环节")
    REPLIED = "replied", _("作出答复")
    ARCHIVED = "archived", _("归档")
    LETTER_ISSUED = "letter_issued", _("出具文书")
    REMINDED = "reminded", _("发送办理提醒")


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号: one method per request, never both."""

    BY_PIECE = "by_piece", _("按件计收")
    BY_VOLUME = "by_volume", _("按量计收")


class ConsultationParty(models.TextChoices):
    THIRD_PARTY = "third_party", _("第三方")
    AGENCY = "agency", _("其他行政机关")


# Applicant types that are organizations (the annual report's 法人或其他组织 columns).
ORGANIZATION_TYPES = frozenset(t for t in ApplicantType if t != ApplicantType.NATURAL_PERSON)
