"""Template context shared by every public page: the site's identity and the reader's display preferences."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from . import identity, meta

# Cookie names and allowed values of the reader's display preferences (长者模式 / 无障碍).
ELDER_COOKIE = "gk_elder"
FONT_COOKIE = "gk_font"
CONTRAST_COOKIE = "gk_contrast"
FONT_SIZES = ("s", "m", "l")
PREF_COOKIES = (ELDER_COOKIE, FONT_COOKIE, CONTRAST_COOKIE)


def display_prefs(request: HttpRequest) -> dict[str, object]:
    """The reader's preferences read from cookies, normalised to known values."""
    font = request.COOKIES.get(FONT_COOKIE, "m")
    return {
        "elder": request.COOKIES.get(ELDER_COOKIE) == "1",
        "font": font if font in FONT_SIZES else "m",
        "contrast": request.COOKIES.get(CONTRAST_COOKIE) == "1",
    }


def body_classes(prefs: dict[str, object]) -> str:
    classes = [f"font-{prefs['font']}"]
    if prefs["elder"]:
        classes.append("elder")
    if prefs["contrast"]:
        classes.append("contrast")
    return " ".join(classes)


def site(request: HttpRequest) -> dict[str, object]:
    """Values every template needs."""
    prefs = display_prefs(request)
    site_identity = identity.for_request(request)
    return {
        "SITE_NAME": site_identity.name,
        "site": site_identity,
        "default_meta": meta.default_for(request),
        "SITE_URL": settings.SITE_URL,
        "prefs": prefs,
        "body_classes": body_classes(prefs),
        "current_path": request.get_full_path(),
    }
