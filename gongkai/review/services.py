"""The one place that moves a document through its life cycle, by the table in review.rules."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.documents import services as documents
from gongkai.documents.models import Document, Status
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, can_see, grants, may, roles_in

from . import rules
from .actions import ReviewAction
from .models import ReviewStep
from .rules import ACTION_LABELS, COMMENT_REQUIRED, TRANSITIONS, Action, Step

# Actions checked for personal information and secrecy markings before they happen.
SCANNED_ACTIONS = frozenset({Action.SUBMIT, Action.PUBLISH})


class TransitionError(RuleViolation):
    """A transition the rules forbid; ``message`` is shown to the user as is (Chinese), with the scan's
    ``findings`` when personal information blocked it."""

    def __init__(self, message: str, *, findings: list[dict] | None = None):
        super().__init__(message)
        self.findings = findings or []


def chain_for(org: Organization) -> tuple[Step, ...]:
    """The organization's review chain: its ReviewStep rows in order, else seed 003's default."""
    steps = tuple(Step(s.name, s.role) for s in ReviewStep.objects.filter(org=org).order_by("position"))
    return steps or rules.DEFAULT_CHAIN


def step_name(chain: tuple[Step, ...], index: int) -> str:
    return chain[index].name if 0 <= index < len(chain) else ""


def available_actions(user, document: Document, *, chain: tuple[Step, ...] | None = None) -> list[str]:
    """Actions ``user`` may take on ``document`` now (SAVE excluded: editing is its own screen)."""
    if not can_see(user, document.org_id):
        return []
    chain = chain if chain is not None else chain_for(document.org)
    roles = roles_in(user, document.org)
    actions = rules.allowed_actions(status=document.status, step_index=document.review_step, chain=chain, roles=roles)
    return [a for a in actions if a != Action.SAVE]


def can_edit(user, document: Document, *, chain: tuple[Step, ...] | None = None) -> bool:
    if not can_see(user, document.org_id):
        return False
    return Action.SAVE in rules.allowed_actions(
        status=document.status, step_index=document.review_step,
        chain=chain if chain is not None else chain_for(document.org), roles=roles_in(user, document.org),
    )


def findings_for(document: Document) -> list[dict[str, Any]]:
    """Personal-information and secrecy findings of the body and attachments, as plain dicts."""
    from gongkai.pii.services import scan_document

    return [_as_dict(f) for f in scan_document(document)]


def _as_dict(finding: Any) -> dict[str, Any]:
    if isinstance(finding, dict):
        return dict(finding)
    if hasattr(finding, "_asdict"):
        return dict(finding._asdict())
    if hasattr(finding, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(finding)
    return {"kind": str(getattr(finding, "kind", "")), "text": str(getattr(finding, "text", finding))}


def for_register(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings as the register keeps them: where and what kind, personal data only in masked form."""
    keep = ("source", "kind", "label", "masked", "start", "end")
    return [{k: f[k] for k in keep if k in f} for f in findings]


def _forbidden_message(action: str, document: Document, allowed: list[str]) -> str:
    label = ACTION_LABELS[action]
    sources, _target = TRANSITIONS[action]
    if document.status not in sources:
        return f"文件当前状态为“{document.get_status_display()}”，不能{label}。"
    return f"您在本机构没有“{label}”的权限，或当前审核环节不由您负责。"


@transaction.atomic
def transition(
    *, actor, document: Document, action: str, comment: str = "", override_findings: bool = False
) -> Document:
    """Apply ``action`` to ``document`` for ``actor``, or raise TransitionError with the reason.

    Before SUBMIT and PUBLISH the document is scanned (条例 Art. 15: personal privacy of third
    parties is not disclosed); findings block the action unless a confidentiality reviewer
    (保密审查人) overrides them explicitly, which the register keeps together with the findings.
    """
    if action not in TRANSITIONS or action == Action.SAVE:
        raise TransitionError("未知的操作。")
    document = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    if not can_see(actor, document.org_id):
        raise TransitionError("您无权处理其他机构的文件。")
    comment = (comment or "").strip()
    chain = chain_for(document.org)
    roles = roles_in(actor, document.org)
    allowed = rules.allowed_actions(status=document.status, step_index=document.review_step, chain=chain, roles=roles)
    if action not in allowed:
        raise TransitionError(_forbidden_message(action, document, allowed))
    if action in COMMENT_REQUIRED and not comment:
        raise TransitionError(f"{ACTION_LABELS[action]}时必须填写意见，说明理由。")

    data: dict[str, Any] = {}
    if action in SCANNED_ACTIONS:
        findings = findings_for(document)
        if findings:
            overriding = override_findings and grants(roles, Capability.CONFIRM_FINDINGS)
            if overriding:
                document.pii_override = True
                data["override"] = {"findings": for_register(findings)}
            elif document.pii_override:
                data["override_earlier"] = True
                data["findings"] = for_register(findings)
            else:
                raise TransitionError(
                    f"检查发现 {len(findings)} 处个人信息或涉密标识，不能{ACTION_LABELS[action]}。"
                    "请先遮盖或删除，或由保密审查人确认后再操作。",
                    findings=findings,
                )

    from_state, from_step = document.status, document.review_step
    to_state, to_step = rules.next_state(action=action, status=from_state, step_index=from_step, chain_length=len(chain))
    data.update({"step": step_name(chain, from_step) if from_state == Status.IN_REVIEW else ACTION_LABELS[action],
                 "step_index": from_step})
    if to_state == Status.IN_REVIEW:
        data["next_step"] = step_name(chain, to_step)

    if action == Action.PUBLISH:
        document.review_step = to_step
        document.save(update_fields=["review_step", "pii_override", "updated_at"])
        return documents.mark_published(actor=actor, document=document, comment=comment, data=data)
    if action == Action.WITHDRAW:
        return documents.withdraw(actor=actor, document=document, comment=comment, data=data)

    document.status, document.review_step = to_state, to_step
    if action == Action.RETURN:
        document.pii_override = False  # a reworked draft is checked afresh
    document.save(update_fields=["status", "review_step", "pii_override", "updated_at"])
    record(actor=actor, action=ReviewAction(action), obj=document, org=document.org, from_state=from_state, to_state=to_state,
           comment=comment, data=data)
    return document


@transaction.atomic
def confirm_findings(*, actor, document: Document, comment: str) -> Document:
    """A confidentiality reviewer accepts the current findings (e.g. an official's published office phone)."""
    document = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    if not can_see(actor, document.org_id) or not may(actor, document.org, Capability.CONFIRM_FINDINGS):
        raise TransitionError("只有本机构的保密审查人可以确认检查结果。")
    if document.status in (Status.PUBLISHED, Status.WITHDRAWN, Status.REJECTED):
        raise TransitionError(f"文件当前状态为“{document.get_status_display()}”，无需确认检查结果。")
    comment = (comment or "").strip()
    if not comment:
        raise TransitionError("确认检查结果时必须填写意见，说明可以公开的理由。")
    findings = findings_for(document)
    if not findings:
        raise TransitionError("当前没有需要确认的检查结果。")
    document.pii_override = True
    document.save(update_fields=["pii_override", "updated_at"])
    record(actor=actor, action=ReviewAction.OVERRIDE_FINDINGS, obj=document, org=document.org, from_state=document.status,
           to_state=document.status, comment=comment, data={"override": {"findings": for_register(findings)}})
    return document
