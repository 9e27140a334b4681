"""Template context shared by every public page: the site's identity and the reader's display preferences."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from gongkai.core.display import body_classes, display_prefs

from . import identity, meta


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
