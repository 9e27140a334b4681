"""The compilation download: current files served, large ones never built inside a public request."""

import datetime as dt

import pytest
from django.core.cache import cache

from gongkai.normative import compilation, services
from gongkai.normative.rules import LifecycleAction

pytestmark = pytest.mark.django_db


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


def test_register_changes_schedule_one_rebuild_per_window_for_the_org_and_those_above(
        officer, township, county, publish, django_capture_on_commit_callbacks):
    from gongkai.jobs.models import Job
    from gongkai.normative.tasks import rebuild_compilations

    with django_capture_on_commit_callbacks(execute=True):
        item = services.register(actor=officer, document=publish(officer, township))
    with django_capture_on_commit_callbacks(execute=True):
        services.change_lifecycle(actor=officer, normative=item, action=LifecycleAction.EXPIRE,
                                  effective_on=dt.date(2025, 1, 1), reason="届满")
    jobs = list(Job.objects.filter(task_path__endswith="rebuild_compilations").order_by("pk"))
    assert sorted(j.kwargs["org_id"] for j in jobs) == sorted([township.pk, county.pk])  # two changes, one window
    assert all(j.run_after > j.enqueued_at for j in jobs)
    result = rebuild_compilations.call(org_id=township.pk, window=jobs[0].kwargs["window"])
    assert result == {"pdf": {"documents": 0, "built": True}, "docx": {"documents": 0, "built": True}}
    assert rebuild_compilations.call(org_id=township.pk, window="x")["pdf"]["built"] is False  # already current


def test_the_daily_lapse_check_is_a_periodic_job(officer, township, publish):
    from gongkai.jobs.scheduler import _registry
    from gongkai.normative.tasks import expire_daily

    assert any(p.task is expire_daily for p in _registry.values())
    services.register(actor=officer, document=publish(officer, township, written_on=dt.date(2019, 1, 1)),
                      valid_until=dt.date(2023, 12, 31))
    assert expire_daily.call(period="2026-12-01") == 1
