"""Staff back office shell (工作台): the dashboard; login and logout are Django's views (urls.py).

Each domain's staff screens live in its own app (documents, review, foi, interaction, …) and extend
this app's layout (templates/backoffice/base.html); see docs/architecture.md.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.documents import selectors
from gongkai.foi import selectors as foi_selectors
from gongkai.gazette import selectors as gazette_selectors
from gongkai.normative import selectors as normative_selectors
from gongkai.review import selectors as review_selectors
from gongkai.workdays.services import get_calendar


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    todo = review_selectors.todo_for(request.user)
    registers = _register_todo(request.user)
    return render(request, "backoffice/dashboard.html", {
        "todo": todo,
        "requests": (requests := foi_selectors.todo_for(request.user, today=timezone.localdate(),
                                                        calendar=get_calendar())),
        "registers": registers,
        "total": todo.total + len(requests) + registers["total"],
        "editor_orgs": selectors.editor_orgs(request.user),
    })


def _register_todo(user) -> dict:
    """Normative documents nearing the end of their period (the responsible person's), clean-up items the
    user's units have to report, and gazette documents past their 20 working days."""
    expiring = normative_selectors.expiring_for(user)
    cleanup = normative_selectors.open_items_for(user).count()
    overdue = sum(len(gazette_selectors.overdue(org)) for org in gazette_selectors.gazette_orgs_for(user))
    return {"expiring": expiring, "cleanup": cleanup, "gazette_overdue": overdue,
            "total": len(expiring) + cleanup + overdue}

