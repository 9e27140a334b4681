"""问卷调查 pages: the public form and results (SVG charts, CSV of counts); staff creation and raw export."""

from __future__ import annotations

import csv

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.core.csvexport import csv_safe
from gongkai.core.forms import add_service_errors, mark_errors
from gongkai.documents.selectors import editor_orgs
from gongkai.orgs.selectors import get_org, org_ids_for
from gongkai.pii.masking import mask_value

from .. import rules
from ..forms import SurveyAnswerForm, SurveyForm
from ..models import QuestionKind, Survey
from ..services import surveys as services
from ..spam import RATE_MESSAGE, allow, client_ip


def _public(org_code: str, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.select_related("org"), org=get_org(org_code), pk=pk, published=True)


def _answers(request, questions) -> dict:
    out = {}
    for q in questions:
        key = f"q{q.pk}"
        out[q.pk] = request.POST.get(key, "") if q.kind == QuestionKind.TEXT else request.POST.getlist(key)
    return out


@require_safe
def org_list(request: HttpRequest, org_code: str) -> HttpResponse:
    org = get_org(org_code)
    today = timezone.localdate()
    items = list(Survey.objects.filter(org=org, published=True))
    for s in items:
        s.phase_label = rules.PHASE_LABELS[rules.solicitation_phase(s.starts_on, s.ends_on, today)]
    return render(request, "interaction/surveys.html", {"org": org, "items": items})


@require_http_methods(["GET", "POST"])
def take(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    survey = _public(org_code, pk)
    questions = list(survey.questions.prefetch_related("choices"))
    phase = rules.solicitation_phase(survey.starts_on, survey.ends_on, timezone.localdate())
    form, status, errors, given = SurveyAnswerForm(request.POST or None), 200, {}, {}
    if request.method == "POST":
        given = _answers(request, questions)
        status = 400
        if form.is_valid():
            if not allow(request, "survey"):
                form.add_error(None, RATE_MESSAGE)
                status = 429
            else:
                try:
                    services.submit_response(survey=survey, answers=given, phone=form.cleaned_data["phone"],
                                             client_ip=client_ip(request))
                except ValidationError as exc:
                    for key, messages in exc.message_dict.items():
                        if key in form.fields:
                            form.add_error(key, messages)
                        elif key.startswith("q"):
                            errors[key] = messages[0]
                        else:
                            form.add_error(None, messages)
                else:
                    return render(request, "interaction/survey_done.html", {"org": survey.org, "survey": survey})
        form.reshow()
        mark_errors(form)
    for q in questions:
        q.error = errors.get(f"q{q.pk}", "")
        value = given.get(q.pk, [] if q.kind != QuestionKind.TEXT else "")
        q.given_text = value if isinstance(value, str) else ""
        q.given_ids = {int(v) for v in value if str(v).isdigit()} if isinstance(value, list) else set()
    return render(request, "interaction/survey.html", {
        "org": survey.org, "survey": survey, "questions": questions, "form": form, "phase": phase,
        "phase_label": rules.PHASE_LABELS[phase], "question_errors": errors}, status=status)


def _results_context(survey: Survey) -> dict:
    total, rows = services.results(survey)
    for row in rows:
        row.chart = mark_safe(row.svg)  # noqa: S308 - built by survey_rules with every label escaped
    return {"org": survey.org, "survey": survey, "total": total, "rows": rows}


@require_safe
def public_results(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    survey = _public(org_code, pk)
    if not survey.results_public:
        raise Http404("结果不公开")
    return render(request, "interaction/survey_results.html", _results_context(survey))


def _counts_csv(survey: Survey) -> HttpResponse:
    total, rows = services.results(survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    response.write("\ufeff")  # Excel on Chinese Windows opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow(["题目", "选项", "票数", "占答题人数比例"])
    for row in rows:
        if not row.rows:
            writer.writerow([csv_safe(row.question.text), "（文字题）", row.answered, ""])
        for label, count in row.rows:
            share = f"{100 * count / row.answered:.1f}%" if row.answered else "0.0%"
            writer.writerow([csv_safe(row.question.text), csv_safe(label), count, share])
    writer.writerow(["答卷总数", "", total, ""])
    return response


@require_safe
def public_results_csv(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    survey = _public(org_code, pk)
    if not survey.results_public:
        raise Http404("结果不公开")
    return _counts_csv(survey)


# --- staff ---------------------------------------------------------------------------------------------


def _staff_survey(user, pk: int) -> Survey:
    try:
        return Survey.objects.select_related("org").get(pk=pk, org_id__in=org_ids_for(user))
    except Survey.DoesNotExist as exc:
        raise Http404("问卷不存在") from exc


@login_required
@require_http_methods(["GET", "POST"])
def staff_list(request: HttpRequest) -> HttpResponse:
    orgs = editor_orgs(request.user)
    form = SurveyForm(request.POST or None, initial={"results_public": True})
    status = 200
    if request.method == "POST":
        org = orgs.filter(code=request.POST.get("org")).first()
        if org is None:
            raise PermissionDenied("您不能在该机构发起问卷调查。")
        if form.is_valid():
            try:
                survey = services.create_survey(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                flash.success(request, "问卷已创建。")
                return redirect("interaction:staff_survey", pk=survey.pk)
        status = 400
    items = Survey.objects.filter(org_id__in=org_ids_for(request.user)).select_related("org")
    return render(request, "interaction/staff/surveys.html", {"items": items, "form": form, "orgs": orgs},
                  status=status)


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _staff_survey(request.user, pk)
    return render(request, "interaction/staff/survey.html", _results_context(survey))


@login_required
@require_POST
def staff_publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _staff_survey(request.user, pk)
    try:
        services.publish_survey(actor=request.user, survey=survey)
    except ValidationError as exc:
        flash.error(request, "；".join(exc.messages))
    else:
        flash.success(request, "问卷已发布。")
    return redirect("interaction:staff_survey", pk=survey.pk)


@login_required
def staff_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every response, one row each; phone numbers masked, text answers as written."""
    survey = _staff_survey(request.user, pk)
    questions = list(survey.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["答卷编号", "提交时间", "手机号码"] + [csv_safe(q.text) for q in questions])
    for r in survey.responses.prefetch_related("answers__choices").order_by("pk"):
        by_question = {a.question_id: a for a in r.answers.all()}
        cells = []
        for q in questions:
            a = by_question.get(q.pk)
            value = "" if a is None else (a.text if q.kind == QuestionKind.TEXT
                                          else "；".join(c.text for c in a.choices.all()))
            cells.append(csv_safe(value))
        when = timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M")
        writer.writerow([r.pk, when, mask_value("mobile", r.phone) if r.phone else ""] + cells)
    return response
