"""Sign-in protection: throttled logins (django-axes) and staff sessions that end when idle.

Failed sign-ins are counted per account and per client address (core/clientip.py); past
GONGKAI_LOGIN_FAILURE_LIMIT within GONGKAI_LOGIN_COOLOFF_MINUTES the sign-in page answers 429 with a
Chinese message saying when to try again (backoffice/lockout.py), even for the right password. An administrator unlocks an
account or address in the admin (登录失败记录: delete the attempt) or with `gongkai axes_reset_username`.
"""

from __future__ import annotations

import time

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control

IDLE_KEY = "_gongkai_last_seen"
TOUCH_EVERY = 60  # seconds: the session is written at most once a minute to record activity


class ThrottledBackend(AxesStandaloneBackend):
    """Axes' check for every sign-in over HTTP; a programmatic authenticate() without a request is let
    through to the model backend (there is no client to throttle)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class IdleSessionMiddleware:
    """Signs a user out after GONGKAI_STAFF_IDLE_HOURS without a request (default 8 h)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(IDLE_KEY)
            if last is not None and now - int(last) > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, "您已较长时间未操作，为保护信息安全已自动退出，请重新登录。")
            elif last is None or now - int(last) >= TOUCH_EVERY:
                request.session[IDLE_KEY] = now
        return self.get_response(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on pages that may show personal data (GONGKAI_NO_STORE_PREFIXES: the
    back office, the admin, the applicants' tracking pages), so no browser or proxy keeps a copy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.GONGKAI_NO_STORE_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefixes):
            patch_cache_control(response, no_store=True, private=True)
        return response
