"""互动交流 across the whole site: the hub page and site-wide lists of answers, consultations and surveys.

The per-organization lists stay under /gk/<org>/; these put every hosted organization's items on one
page, as the 政府网站发展指引 expects 互动交流 to be reachable from the home page and navigation.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page

from .. import rules
from ..models import Message, Solicitation, Survey

PAGE_SIZE = 20
MAX_QUERY = 50


@require_safe
@public_page
def hub(request: HttpRequest) -> HttpResponse:
    return render(request, "interaction/site/hub.html", {"answers": _answers("")[:5]})


def _answers(q: str):
    items = Message.objects.filter(published=True, is_private=False).select_related("org")
    if q:
        items = items.filter(Q(public_topic__icontains=q) | Q(public_content__icontains=q) | Q(public_answer__icontains=q))
    return items.order_by("-published_at", "-id")


@require_safe
@public_page
def answers(request: HttpRequest) -> HttpResponse:
    """Published answers of every organization, searchable by words of the question or the answer."""
    q = (request.GET.get("q") or "").strip()
    error = ""
    if len(q) > MAX_QUERY:
        error, q = f"关键词不能超过 {MAX_QUERY} 个字。", ""
    page = Paginator(_answers(q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interaction/site/answers.html", {"page": page, "q": q, "error": error})


def _with_phase(items: list) -> list:
    today = timezone.localdate()
    for item in items:
        item.phase = rules.solicitation_phase(item.starts_on, item.ends_on, today)
        item.phase_label = rules.PHASE_LABELS[item.phase]
    return items


@require_safe
def consultations(request: HttpRequest) -> HttpResponse:
    """Every published 意见征集, open ones first, with dates and whether feedback was published.

    Not page-cached: whether a consultation is open depends on today's date.
    """
    items = _with_phase(list(Solicitation.objects.filter(published=True).select_related("org").order_by("-ends_on", "-id")))
    open_items = [i for i in items if i.phase == rules.Phase.OPEN]
    other = [i for i in items if i.phase != rules.Phase.OPEN]
    return render(request, "interaction/site/consultations.html", {"open_items": open_items, "other_items": other})


@require_safe
def surveys(request: HttpRequest) -> HttpResponse:
    """Every published 问卷调查 with its dates and phase (not page-cached, like consultations)."""
    items = _with_phase(list(Survey.objects.filter(published=True).select_related("org").order_by("-ends_on", "-id")))
    return render(request, "interaction/site/surveys.html", {"items": items})
