"""Pure rules of a major decision's procedure: which stages may be skipped, what must come first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .models import Stage, StageState

ORDER: tuple[str, ...] = tuple(Stage.values)
LABELS = {value: str(label) for value, label in Stage.choices}
# 暂行条例 Art. 25–30: every major decision goes through legality review and collective discussion.
MANDATORY = frozenset({Stage.LEGALITY_REVIEW, Stage.COLLECTIVE_DECISION})
# What must be finished (done, or not applicable) before a stage can be completed.
PREREQUISITES: dict[str, tuple[str, ...]] = {
    Stage.PUBLIC_PARTICIPATION: (),
    Stage.EXPERT_REVIEW: (),
    Stage.RISK_ASSESSMENT: (),
    # The legality review examines the draft after participation, expert review and risk assessment.
    Stage.LEGALITY_REVIEW: (Stage.PUBLIC_PARTICIPATION, Stage.EXPERT_REVIEW, Stage.RISK_ASSESSMENT),
    Stage.COLLECTIVE_DECISION: (Stage.LEGALITY_REVIEW,),
}
FINISHED = frozenset({StageState.DONE, StageState.NOT_APPLICABLE})


def stage_error(stage: str, state: str, states: Mapping[str, str], *, completed_on: dt.date | None,
                note: str, today: dt.date) -> dict[str, str]:
    """Errors of setting ``stage`` to ``state`` given the item's other ``states``."""
    if stage not in LABELS:
        return {"stage": "未知的决策程序。"}
    errors: dict[str, str] = {}
    if state == StageState.NOT_APPLICABLE:
        if stage in MANDATORY:
            errors["state"] = f"{LABELS[stage]}是每项重大行政决策的必经程序，不能标为不适用。"
        elif not (note or "").strip():
            errors["note"] = f"标为不适用时，请说明不开展{LABELS[stage]}的理由。"
    if state == StageState.DONE:
        waiting = [LABELS[s] for s in PREREQUISITES[stage] if states.get(s, StageState.PENDING) not in FINISHED]
        if waiting:
            errors["state"] = f"请先完成{'、'.join(waiting)}，再登记{LABELS[stage]}。"
        if completed_on is None:
            errors["completed_on"] = "请填写完成日期。"
        elif completed_on > today:
            errors["completed_on"] = "完成日期不能晚于今天。"
    if state == StageState.PENDING:
        later = [LABELS[s] for s, needs in PREREQUISITES.items() if stage in needs and states.get(s) == StageState.DONE]
        if later:
            errors["state"] = f"{'、'.join(later)}已经完成，不能撤回{LABELS[stage]}。"
    return errors


def current_stage(states: Mapping[str, str]) -> str | None:
    """The first stage, in the procedure's order, still to be done; None once the decision is taken."""
    for stage in ORDER:
        if states.get(stage, StageState.PENDING) not in FINISHED:
            return stage
    return None


def progress_label(states: Mapping[str, str]) -> str:
    stage = current_stage(states)
    if stage is None:
        return "已作出决策"
    if all(states.get(s, StageState.PENDING) == StageState.PENDING for s in ORDER):
        return "尚未启动"
    return f"进行中：{LABELS[stage]}"


def decided(states: Mapping[str, str]) -> bool:
    return states.get(Stage.COLLECTIVE_DECISION) == StageState.DONE
