"""The compilation download: current files served, large ones never built inside a public request."""

import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.normative import compilation, services
from gongkai.normative.rules import LifecycleAction

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.registers_urls")]


@pytest.fixture(autouse=True)
def private_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "normative-compilation"}}
    cache.clear()


def test_unchanged_contents_are_served_from_the_stored_file(officer, township, publish):
    services.register(actor=officer, document=publish(officer, township))
    first = compilation.for_download(township, "pdf")
    again = compilation.for_download(township, "pdf")
    assert first.built and not again.built and again.name == first.name


def test_a_change_builds_a_new_file_for_a_small_compilation(officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township))
    first = compilation.for_download(township, "docx")
    services.change_lifecycle(actor=officer, normative=item, action=LifecycleAction.EXPIRE,
                              effective_on=dt.date(2025, 1, 1), reason="届满")
    second = compilation.for_download(township, "docx")
    assert second.built and second.name != first.name and second.count == 0


def test_a_large_stale_compilation_is_served_as_it_was(officer, township, publish, monkeypatch, client):
    services.register(actor=officer, document=publish(officer, township, title="第一件办法"))
    monkeypatch.setattr(compilation, "INLINE_LIMIT", 0)
    response = client.get(f"/gk/{township.code}/normative/compilation.pdf")
    assert response.status_code == 503 and response["Retry-After"] == "600"
    assert "汇编正在生成" in response.content.decode()
    built = compilation.compiled(township, "pdf")  # what `gongkai normative compile` does
    services.register(actor=officer, document=publish(officer, township, title="第二件办法"))
    response = client.get(f"/gk/{township.code}/normative/compilation.pdf")
    assert response.status_code == 200 and response["X-Gongkai-Compilation"] == "stale"
    served = compilation.for_download(township, "pdf")
    assert served.stale and served.name == built.name


def test_one_build_at_a_time(officer, township, publish):
    services.register(actor=officer, document=publish(officer, township))
    cache.add(f"gongkai:normative:compile:{township.pk}:pdf", 1, 60)  # another process is building
    with pytest.raises(compilation.NotReady):
        compilation.compiled(township, "pdf")
