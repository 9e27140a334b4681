"""The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE; throttling itself: core/auth.py)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """429 in Chinese, with the time from which signing in works again (each new try restarts the wait)."""
    minutes = settings.GONGKAI_LOGIN_COOLOFF_MINUTES
    retry_at = timezone.localtime() + dt.timedelta(minutes=minutes)
    context = {"minutes": minutes, "retry_at": retry_at, "limit": settings.AXES_FAILURE_LIMIT}
    response = render(request, "backoffice/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
