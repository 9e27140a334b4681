"""The reader's display preferences (长者模式 / 无障碍), read from cookies by every public page.

They live in core because the page cache keys on them and every app with public pages renders them.
"""

from __future__ import annotations

from django.http import HttpRequest

# Cookie names and allowed values of the reader's display preferences.
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
