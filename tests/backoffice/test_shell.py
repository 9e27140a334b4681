"""The back office is a shell: every domain's staff screens are served by that domain's app, at the same URLs."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

DOCUMENT_SCREENS = [
    ("/staff/documents/", "gongkai.documents.views"),
    ("/staff/documents/new/", "gongkai.documents.views"),
    ("/staff/documents/7/edit/", "gongkai.documents.views"),
    ("/staff/documents/7/attachments/", "gongkai.documents.views"),
    ("/staff/documents/7/attachments/3/delete/", "gongkai.documents.views"),
    ("/staff/documents/7/validity/", "gongkai.documents.views"),
    ("/staff/documents/7/mask/", "gongkai.documents.views"),
    ("/staff/documents/7/register.csv", "gongkai.documents.views"),
    ("/staff/documents/7/", "gongkai.review.views"),
    ("/staff/documents/7/action/", "gongkai.review.views"),
    ("/staff/documents/7/confirm-findings/", "gongkai.review.views"),
]


@pytest.mark.parametrize(("path", "module"), DOCUMENT_SCREENS)
def test_document_screens_live_in_documents_and_review(path, module):
    assert resolve(path).func.__module__ == module


def _patterns(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def test_backoffice_serves_only_the_shell():
    shell = {(route, p.name) for route, p in _patterns(get_resolver())
             if (getattr(p.callback, "view_class", None) or p.callback).__module__.startswith("gongkai.backoffice")}
    assert {name for _route, name in shell} == {"dashboard"}
