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
from gongkai.review import selectors as review_selectors
from gongkai.workdays.services import get_calendar


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    todo = review_selectors.todo_for(request.user)
    return render(request, "backoffice/dashboard.html", {
        "todo": todo,
        "requests": (requests := foi_selectors.todo_for(request.user, today=timezone.localdate(),
                                                        calendar=get_calendar())),
        "total": todo.total + len(requests),
        "editor_orgs": selectors.editor_orgs(request.user),
    })
