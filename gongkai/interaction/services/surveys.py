"""问卷调查: building a survey from its outline, taking answers (one per phone number), and the results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability

from .. import rules, survey_rules
from ..actions import InteractionAction
from ..models import Answer, Choice, Question, QuestionKind, Survey, SurveyResponse
from .common import require
from .messages import PUBLIC, _bump_portal


@transaction.atomic
def create_survey(*, actor, org: Organization, title: str, intro: str, starts_on: dt.date, ends_on: dt.date,
                  outline: str, results_public: bool = True) -> Survey:
    require(actor, org, Capability.PUBLISH_PARTICIPATION, "发起问卷调查")
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写标题。"
    date_error = rules.solicitation_dates_error(starts_on, ends_on)
    if date_error:
        errors["ends_on"] = date_error
    try:
        specs = survey_rules.parse_outline(outline)
    except ValueError as exc:
        errors["outline"] = str(exc)
    if errors:
        raise ValidationError(errors)
    survey = Survey.objects.create(org=org, title=title.strip(), intro=(intro or "").strip(), starts_on=starts_on,
                                   ends_on=ends_on, results_public=results_public)
    for position, spec in enumerate(specs):
        question = Question.objects.create(survey=survey, text=spec.text, kind=spec.kind, position=position,
                                           required=spec.kind != QuestionKind.TEXT)
        Choice.objects.bulk_create(Choice(question=question, text=t, position=i) for i, t in enumerate(spec.choices))
    record(actor=actor, action=InteractionAction.SURVEY_CREATE, obj=survey, org=org, data={"questions": len(specs)})
    return survey


@transaction.atomic
def publish_survey(*, actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().select_related("org").get(pk=survey.pk)
    require(actor, survey.org, Capability.PUBLISH_PARTICIPATION, "发布问卷调查")
    if survey.published:
        raise ValidationError("该问卷已经发布。")
    survey.published = True
    survey.save(update_fields=["published"])
    record(actor=actor, action=InteractionAction.PUBLISH, obj=survey, org=survey.org, from_state="draft", to_state="published")
    _bump_portal()
    return survey


def submit_response(*, survey: Survey, answers: dict[int, list[int] | str], phone: str = "",
                    client_ip: str | None = None, today: dt.date | None = None) -> SurveyResponse:
    """Keep one response; ``answers`` maps question ids to chosen choice ids or to text.

    Raises ValidationError keyed ``q<id>`` per question, or ``phone`` when the number already answered.
    """
    today = today or timezone.localdate()
    phase = rules.solicitation_phase(survey.starts_on, survey.ends_on, today)
    if not survey.published or phase != rules.Phase.OPEN:
        raise ValidationError(f"该问卷调查{rules.PHASE_LABELS[phase]}，不能提交。")
    questions = list(survey.questions.prefetch_related("choices"))
    errors, cleaned = {}, []
    for q in questions:
        value = answers.get(q.pk)
        if q.kind == QuestionKind.TEXT:
            text = (value or "").strip() if isinstance(value, str) else ""
            if q.required and not text:
                errors[f"q{q.pk}"] = "请回答本题。"
            elif len(text) > 2000:
                errors[f"q{q.pk}"] = "回答不能超过2000个字。"
            cleaned.append((q, [], text))
            continue
        ids = {int(v) for v in (value or []) if str(v).isdigit()} if isinstance(value, list) else set()
        valid = {c.pk for c in q.choices.all()}
        if ids - valid:
            errors[f"q{q.pk}"] = "所选选项不属于本题。"
        elif q.required and not ids:
            errors[f"q{q.pk}"] = "请选择一项。" if q.kind == QuestionKind.SINGLE else "请至少选择一项。"
        elif q.kind == QuestionKind.SINGLE and len(ids) > 1:
            errors[f"q{q.pk}"] = "本题只能选择一项。"
        cleaned.append((q, sorted(ids), ""))
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, phone=phone or "", client_ip=client_ip)
            for q, ids, text in cleaned:
                answer = Answer.objects.create(response=response, question=q, text=text)
                if ids:
                    answer.choices.set(ids)
            record(actor=PUBLIC, action=InteractionAction.SURVEY_RESPONSE, obj=response, org=survey.org,
                   data={"survey": survey.pk, "with_phone": bool(phone)})
    except IntegrityError:
        raise ValidationError({"phone": "该手机号码已经参与过本次调查，每人只能提交一次。"}) from None
    return response


@dataclass
class QuestionResult:
    question: Question
    rows: list[tuple[str, int]]
    answered: int
    svg: str = ""


def results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """Total responses and, per question, the count of each option (text questions: how many answered)."""
    total = survey.responses.count()
    counts = dict(Choice.objects.filter(question__survey=survey).annotate(n=Count("answers"))
                  .values_list("pk", "n"))
    out = []
    for q in survey.questions.prefetch_related("choices"):
        if q.kind == QuestionKind.TEXT:
            answered = Answer.objects.filter(question=q).exclude(text="").count()
            out.append(QuestionResult(q, [], answered))
            continue
        rows = [(c.text, counts.get(c.pk, 0)) for c in q.choices.all()]
        answered = Answer.objects.filter(question=q, choices__isnull=False).distinct().count()
        out.append(QuestionResult(q, rows, answered, survey_rules.bar_chart_svg(q.text, rows, answered)))
    return total, out
