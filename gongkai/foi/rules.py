"""Pure rules of disclosure on request: receipt dates, the state machine, fees, identity checks, repeats.

No database access here (role sets come from the permission table in gongkai.orgs.permissions);
services.py applies these rules and records the results.
"""

from __future__ import annotations

import datetime as dt
import re

from gongkai.orgs.models import Role
from gongkai.orgs.permissions import Capability, roles_with
from gongkai.pii import rules as pii_rules
from gongkai.pii.rules import normalize_phone, phone_error  # noqa: F401  (re-exported for foi forms)

from .choices import Channel, Status
from .errors import RuleError
from .fees import (  # noqa: F401 (re-exported: fees used to live here)
    PIECE_BAND_SIZE,
    PIECE_FIRST_BAND_END,
    PIECE_FIRST_BAND_PRICE,
    PIECE_FREE,
    VOLUME_BANDS,
    fee_by_piece,
    fee_by_volume,
    piece_price,
)

# --- Receipt date (条例 Art. 31) -------------------------------------------------------------------

# channel → (which date decides, explanation shown with the due date)
RECEIPT_RULES: dict[str, tuple[str, str]] = {
    Channel.ONLINE: ("submitted_on", "网上提交的申请，以提交之日为收到申请之日"),
    Channel.IN_PERSON: ("submitted_on", "当面提交的申请，以提交之日为收到申请之日"),
    Channel.MAIL_REGISTERED: ("signed_on", "邮寄需签收的申请，以签收之日为收到申请之日"),
    Channel.MAIL_ORDINARY: ("confirmed_on", "平常信函提交的申请，以与申请人确认之日为收到申请之日"),
    Channel.FAX: ("confirmed_on", "传真提交的申请，以双方确认之日为收到申请之日"),
    Channel.EMAIL: ("confirmed_on", "电子邮件提交的申请，以双方确认之日为收到申请之日"),
}

RECEIPT_FIELD_LABELS = {"submitted_on": "提交日期", "signed_on": "签收日期", "confirmed_on": "确认收到日期"}



BACKDATE_WORKDAYS = 5  # GONGKAI_FOI_BACKDATE_WORKDAYS: older receipt dates need a recorded reason


def receipt_date_problem(received_on: dt.date, today: dt.date, *, workdays_ago: int, limit: int,
                         reason: str) -> tuple[str, str] | None:
    """(field, message) when a staff-registered receipt date may not stand as given, else None.

    A date in the future is refused; one more than ``limit`` working days before today needs a reason,
    which the register keeps (a 保密审查人 once registered a request "received" 11 months earlier).
    """
    if received_on > today:
        return "", "收到申请日期不能晚于今天。"
    if workdays_ago > limit and not reason.strip():
        return "backdate_reason", (f"收到申请日期比今天早{workdays_ago}个工作日（超过{limit}个工作日），"
                                   "请填写补登原因，原因将记入登记簿。")
    return None


def receipt_date(
    channel: str,
    *,
    submitted_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> dt.date:
    """The legal receipt date of a request arriving through ``channel``."""
    if channel not in RECEIPT_RULES:
        raise RuleError("未知的申请渠道。", "channel")
    field, _explanation = RECEIPT_RULES[channel]
    value = {"submitted_on": submitted_on, "signed_on": signed_on, "confirmed_on": confirmed_on}[field]
    if value is None:
        raise RuleError(f"该渠道须填写{RECEIPT_FIELD_LABELS[field]}。", field)
    return value


def receipt_explanation(channel: str) -> str:
    return RECEIPT_RULES.get(channel, ("", ""))[1]


# --- The state machine -----------------------------------------------------------------------------

# The closed loop of seed 002. REPLIED and ARCHIVED always end it; an organization chooses which of the
# working steps it uses (registration is always first).
WORKING_STEPS: tuple[str, ...] = (
    Status.REGISTERED,
    Status.SCREENING,
    Status.ASSIGNED,
    Status.DRAFT_REVIEW,
    Status.LEGAL_REVIEW,
    Status.LEADER_SIGNOFF,
)
PAUSED = frozenset({Status.WAITING_CORRECTION, Status.IN_CONSULTATION, Status.WAITING_FEE})
CLOSED = frozenset({Status.REPLIED, Status.ARCHIVED})
OPEN = frozenset(WORKING_STEPS) | PAUSED


class Action:
    ADVANCE = "advance"
    RETURN = "return"
    REQUEST_CORRECTION = "request_correction"
    RECEIVE_CORRECTION = "receive_correction"
    CORRECTION_LAPSED = "correction_lapsed"
    START_CONSULTATION = "start_consultation"
    FINISH_CONSULTATION = "finish_consultation"
    ISSUE_FEE_NOTICE = "issue_fee_notice"
    FEE_PAID = "fee_paid"
    FEE_LAPSED = "fee_lapsed"
    EXTEND = "extend"
    REPLY = "reply"
    ARCHIVE = "archive"


NEXT = "<next step>"
PREVIOUS = "<previous step>"
RESUME = "<step before the pause>"
SAME = "<unchanged>"
_WORKING = frozenset(WORKING_STEPS)
_EARLY = frozenset({Status.REGISTERED, Status.SCREENING, Status.ASSIGNED})

# action → (states it may start from, resulting state, label shown to staff)
TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    Action.ADVANCE: (_WORKING, NEXT, "通过"),
    Action.RETURN: (_WORKING - {Status.REGISTERED}, PREVIOUS, "退回"),
    Action.REQUEST_CORRECTION: (_EARLY, Status.WAITING_CORRECTION, "告知补正"),
    Action.RECEIVE_CORRECTION: (frozenset({Status.WAITING_CORRECTION}), RESUME, "收到补正"),
    Action.CORRECTION_LAPSED: (frozenset({Status.WAITING_CORRECTION}), Status.REPLIED, "逾期未补正，不再处理"),
    Action.START_CONSULTATION: (_WORKING | {Status.IN_CONSULTATION}, Status.IN_CONSULTATION, "征求意见"),
    Action.FINISH_CONSULTATION: (frozenset({Status.IN_CONSULTATION}), RESUME, "征求意见结束"),
    Action.ISSUE_FEE_NOTICE: (_WORKING, Status.WAITING_FEE, "发出收费通知"),
    Action.FEE_PAID: (frozenset({Status.WAITING_FEE}), RESUME, "已缴费"),
    Action.FEE_LAPSED: (frozenset({Status.WAITING_FEE}), Status.REPLIED, "逾期未缴费，不再处理"),
    Action.EXTEND: (_WORKING | PAUSED, SAME, "延长答复期限"),
    Action.REPLY: (_WORKING, Status.REPLIED, "作出答复"),
    Action.ARCHIVE: (frozenset({Status.REPLIED}), Status.ARCHIVED, "归档"),
}


def validate_steps(steps: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """An organization's configured working steps: a subsequence of WORKING_STEPS starting with 登记."""
    steps = tuple(steps)
    if not steps or steps[0] != Status.REGISTERED:
        raise RuleError("办理流程必须以“登记”开始。", "steps")
    order = {s: i for i, s in enumerate(WORKING_STEPS)}
    if any(s not in order for s in steps):
        raise RuleError("办理流程中含有未知环节。", "steps")
    if [order[s] for s in steps] != sorted({order[s] for s in steps}):
        raise RuleError("办理流程环节不得重复或颠倒顺序。", "steps")
    return steps


# Steps whose decision is about the reply letter: passing them needs a draft (the last step always does).
DRAFT_STEPS = frozenset({Status.ASSIGNED, Status.DRAFT_REVIEW, Status.LEGAL_REVIEW, Status.LEADER_SIGNOFF})


# Where the case screen offers an on-the-spot answer (条例 Art. 33: 能够当场答复的，应当当场予以答复).
ON_THE_SPOT_STEPS = frozenset({Status.REGISTERED, Status.SCREENING})


def step_label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))


def needs_draft(status: str, steps: tuple[str, ...]) -> bool:
    """Whether passing ``status`` needs a draft reply letter (a review step, or the chain's last step)."""
    return status in DRAFT_STEPS or (bool(steps) and status == steps[-1])


def next_state(
    action: str, *, status: str, steps: tuple[str, ...], resume_to: str = "", on_the_spot: bool = False,
    approved: bool = False, has_draft: bool = True,
) -> str:
    """The state after ``action`` in ``status`` under the organization's ``steps``, or RuleError.

    通过 (ADVANCE) at the last configured step is the sign-off: the state stays, ``approved`` becomes true
    (services derive it from the log), and only then may the reply be issued. ``has_draft`` says whether a
    draft reply exists; a step of DRAFT_STEPS cannot be passed without one.
    """
    if action not in TRANSITIONS:
        raise RuleError("未知的办理操作。", "action")
    sources, target, label = TRANSITIONS[action]
    if status not in sources:
        raise RuleError(f"当前状态下不能执行“{label}”。", "action")
    if action == Action.REPLY and not on_the_spot:
        # A reply is issued after the last configured step has passed, unless answered on the spot (条例 Art. 33).
        if status != steps[-1]:
            raise RuleError("须完成全部办理环节后才能作出答复。", "action")
        if not approved:
            raise RuleError(f"“{step_label(status)}”环节尚未通过，不能作出答复。", "action")
    if action == Action.ADVANCE and status in steps:
        if status == steps[-1] and approved:
            raise RuleError(f"“{step_label(status)}”环节已通过，请作出答复。", "action")
        if needs_draft(status, steps) and not has_draft:
            raise RuleError(f"“{step_label(status)}”环节须先起草答复书，才能通过。", "action")
        if status == steps[-1]:
            return status
    if target == SAME:
        return status
    if target == RESUME:
        return resume_to or Status.REGISTERED
    if target in (NEXT, PREVIOUS):
        if status not in steps:
            raise RuleError("当前环节不在本机关的办理流程中。", "action")
        index = steps.index(status) + (1 if target == NEXT else -1)
        if index >= len(steps):
            raise RuleError("已是最后一个办理环节，请作出答复。", "action")
        if index < 0:
            raise RuleError("已是第一个办理环节。", "action")
        return steps[index]
    return target


def allowed_actions(*, status: str, steps: tuple[str, ...], roles: set[str] | None = None,
                    approved: bool = False) -> list[str]:
    """Actions offered for a request in ``status`` (same table as next_state), filtered by ``roles`` if given.

    通过 stays offered without a draft, so that its refusal can say what is missing.
    """
    result = []
    for action in TRANSITIONS:
        try:
            next_state(action, status=status, steps=steps, on_the_spot=False, approved=approved)
        except RuleError:
            continue
        if roles is None or may_act(action, status=status, roles=roles):
            result.append(action)
    return result


# --- Who may act at each step (seed 002's closed loop) ---------------------------------------------

# Role codes (plain strings) from the one permission table, gongkai.orgs.permissions.
HANDLERS = roles_with(Capability.HANDLE_REQUEST)

# step → roles that act there. 答复稿审核 is the disclosure office's reviewer's; the office admin (the
# head of the disclosure office) may act at any step.
STEP_ROLES: dict[str, frozenset[str]] = {
    Status.REGISTERED: HANDLERS,  # 登记
    Status.SCREENING: HANDLERS,  # 初审
    Status.ASSIGNED: HANDLERS,  # 分办
    Status.DRAFT_REVIEW: roles_with(Capability.REVIEW_REPLY),  # 答复稿审核
    Status.LEGAL_REVIEW: roles_with(Capability.LEGAL_CHECK),  # 法律顾问把关
    Status.LEADER_SIGNOFF: roles_with(Capability.SIGN_OFF_REPLY),  # 领导审签
    Status.REPLIED: HANDLERS,  # 答复
    Status.ARCHIVED: HANDLERS,  # 归档
}
ANY_STEP_ROLES = roles_with(Capability.ACT_AT_ANY_STEP)
# Clock events are the handler's; an extension needs the head of the disclosure office (条例 Art. 33).
_CLOCK_ACTIONS = (Action.REQUEST_CORRECTION, Action.RECEIVE_CORRECTION, Action.CORRECTION_LAPSED,
                  Action.START_CONSULTATION, Action.FINISH_CONSULTATION, Action.ISSUE_FEE_NOTICE, Action.FEE_PAID,
                  Action.FEE_LAPSED)
ACTION_ROLES: dict[str, frozenset[str]] = {
    **{action: HANDLERS for action in _CLOCK_ACTIONS},
    Action.EXTEND: frozenset(),
    Action.REPLY: STEP_ROLES[Status.REPLIED],
    Action.ARCHIVE: STEP_ROLES[Status.ARCHIVED],
}
# Actions the applicant takes without an account (an online correction on the tracking page).
APPLICANT_ACTIONS = frozenset({Action.RECEIVE_CORRECTION})

# Role names in the order refusals list them.
ROLE_LABELS = {str(role): str(role.label) for role in (Role.REQUEST_HANDLER, Role.LEGAL_ADVISER, Role.LEADER_REVIEWER,
                                                     Role.OFFICE_REVIEWER, Role.OFFICE_ADMIN)}


def roles_for(action: str, *, status: str) -> frozenset[str]:
    """Roles that may take ``action`` on a request in ``status`` (advancing or returning: the step's roles)."""
    if action in (Action.ADVANCE, Action.RETURN):
        own = STEP_ROLES.get(status, frozenset())
    elif status in PAUSED and action not in ACTION_ROLES:
        own = HANDLERS
    else:
        own = ACTION_ROLES.get(action, frozenset())
    return own | ANY_STEP_ROLES


def editing_roles(status: str) -> frozenset[str]:
    """Who may draft or edit the reply letter: the current step's roles (the handler while paused)."""
    return (STEP_ROLES.get(status) or HANDLERS) | ANY_STEP_ROLES


def may_act(action: str, *, status: str, roles: set[str] | frozenset[str]) -> bool:
    return bool(roles_for(action, status=status) & set(roles))


def role_error(action: str, *, status: str) -> str:
    """The Chinese refusal for someone without the roles of ``action`` in ``status``."""
    if action == Action.EXTEND:
        return "延长答复期限须经政府信息公开工作机构负责人同意。"
    names = "、".join(ROLE_LABELS[r] for r in sorted(roles_for(action, status=status), key=list(ROLE_LABELS).index))
    step = dict(Status.choices).get(status, status) if action in (Action.ADVANCE, Action.RETURN) else None
    what = f"“{step}”环节" if step else f"“{action_label(action)}”"
    return f"{what}须由{names}办理，您没有相应岗位。"


def action_label(action: str) -> str:
    return TRANSITIONS[action][2]


def decision_label(action: str, *, from_status: str, to_status: str) -> str:
    """How the log names a decision: the step and what was decided there, in Chinese."""
    step = step_label(from_status)
    if action == Action.ADVANCE:
        if from_status == to_status:
            return f"{step}：通过（审批完毕，可以答复）"
        return f"{step}：通过，转“{step_label(to_status)}”"
    if action == Action.RETURN:
        return f"{step}：退回“{step_label(to_status)}”"
    if action in TRANSITIONS and from_status:
        return f"{step}：{action_label(action)}"
    return action_label(action) if action in TRANSITIONS else ""


# --- Information-processing fee: gongkai.foi.fees (re-exported for callers of rules) -------------------


# --- Identity and contact checks -------------------------------------------------------------------

# The check digits themselves live in pii.rules, so a number the form accepts is exactly a number
# the personal-information scanner recognizes.
_ID_MESSAGES = {
    pii_rules.ID_LENGTH: "居民身份证号码应为18位。",
    pii_rules.ID_FORMAT: "居民身份证号码格式不正确。",
    pii_rules.ID_PROVINCE: "居民身份证号码格式不正确（地区码不存在）。",
    pii_rules.ID_BIRTH_DATE: "居民身份证号码中的出生日期不存在。",
    pii_rules.ID_FUTURE: "居民身份证号码中的出生日期晚于今天。",
    pii_rules.ID_CHECK_DIGIT: "居民身份证号码校验位不正确，请核对。",
}


def resident_id_error(value: str, *, today: dt.date | None = None) -> str | None:
    """None when ``value`` is a valid 18-digit resident ID (GB 11643), else a Chinese message."""
    defect = pii_rules.id_number_defect(value.strip(), today=today)
    return None if defect is None else _ID_MESSAGES[defect]


_CREDIT_MESSAGES = {
    pii_rules.CREDIT_FORMAT: "统一社会信用代码应为18位数字或大写字母。",
    pii_rules.CREDIT_CHECK_DIGIT: "统一社会信用代码校验位不正确，请核对。",
}


def credit_code_error(value: str) -> str | None:
    """None for a valid unified social credit code (GB 32100), else a Chinese message."""
    defect = pii_rules.credit_code_defect(value.strip())
    return None if defect is None else _CREDIT_MESSAGES[defect]


# --- Repeated requests (条例 Art. 36(6)) -------------------------------------------------------------

REPEAT_THRESHOLD = 0.8
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def bigrams(text: str) -> frozenset[str]:
    text = _NOISE.sub("", text.lower())
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the character bigrams of two descriptions (punctuation and spaces ignored)."""
    x, y = bigrams(a), bigrams(b)
    if not x and not y:
        return 1.0
    return len(x & y) / len(x | y)


def is_repeat(a: str, b: str, threshold: float = REPEAT_THRESHOLD) -> bool:
    return similarity(a, b) >= threshold


# --- Numbers ------------------------------------------------------------------------------------

NUMBER_RE = re.compile(r"^\d{4}-\d{6,}$")


def format_number(year: int, seq: int) -> str:
    return f"{year:04d}-{seq:06d}"


CORRECTION_LIMIT_WORKDAYS = 7  # 条例 Art. 30: tell the applicant within 7 working days of receipt
EXTENSION_MAX_WORKDAYS = 20  # 条例 Art. 33
CONSULTATION_ANSWER_WORKDAYS = 15  # 条例 Art. 32
REPLY_WORKDAYS = 20  # 条例 Art. 33
