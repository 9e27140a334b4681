"""The WSGI fast path answers repeat anonymous reads from memory, and never serves a stale or private page."""

from __future__ import annotations

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.wsgi import get_wsgi_application

from gongkai.core.pagecache import bump_generation
from gongkai.portal.fastpath import CachedPages


def call(app, path: str, **extra) -> tuple[str, dict, bytes]:
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO()}
    environ.update(extra)
    setup_testing_defaults(environ)
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], body


@pytest.fixture
def app(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    return CachedPages(get_wsgi_application())


@pytest.mark.django_db(transaction=True)
def test_repeat_reads_come_from_memory_until_a_publication(app, township, make_doc):
    doc = make_doc(township, title="快速通道测试")
    url = doc.get_absolute_url()
    status, headers, first = call(app, url)
    assert status.startswith("200") and headers["X-Portal-Cache"] in ("miss", "hit")
    status, headers, second = call(app, url)
    assert headers["X-Portal-Cache"] == "memory" and second == first and "快速通道测试" in second.decode()
    bump_generation()
    _, headers, _ = call(app, url)
    assert headers["X-Portal-Cache"] != "memory"


@pytest.mark.django_db(transaction=True)
def test_conditional_reads_get_304_from_memory(app, township):
    _, headers, _ = call(app, "/gk/longjiaquan/")
    call(app, "/gk/longjiaquan/")
    status, _, body = call(app, "/gk/longjiaquan/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status.startswith("304") and body == b""


@pytest.mark.django_db(transaction=True)
def test_sessions_and_unknown_parameters_always_reach_django(app, township):
    call(app, "/gk/longjiaquan/")
    _, headers, _ = call(app, "/gk/longjiaquan/", HTTP_COOKIE="sessionid=abc")
    assert headers.get("X-Portal-Cache") != "memory"
    _, headers, _ = call(app, "/gk/longjiaquan/", QUERY_STRING="utm=1")
    assert headers.get("X-Portal-Cache") != "memory"
    # Display preferences are separate entries, never mixed up.
    call(app, "/gk/longjiaquan/", HTTP_COOKIE="gk_elder=1")
    _, _, elder = call(app, "/gk/longjiaquan/", HTTP_COOKIE="gk_elder=1")
    _, _, normal = call(app, "/gk/longjiaquan/")
    assert elder != normal
