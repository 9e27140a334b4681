"""The task ledger on the real engines: enqueue after commit, idempotency, retries, leases, progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus

from gongkai.jobs import UnserializableArguments, started_by
from gongkai.jobs.models import Job, JobProblem, SentMessage, Status
from gongkai.jobs.runner import execute
from gongkai.jobs.scheduler import sweep

from . import tasks
from .conftest import run_db_worker, run_rq_worker

pytestmark = pytest.mark.django_db


# The database worker closes connections left in a transaction, as in production: those tests commit.
committing = pytest.mark.django_db(transaction=True)


@committing
def test_enqueue_writes_the_ledger_and_the_database_engine_runs_it_after_commit(db_engine):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        result = tasks.add.enqueue(2, 3)
        job = Job.objects.get(pk=result.id)
        assert job.status == Status.READY and job.label == "加法" and job.args == [2, 3]
        assert DBTaskResult.objects.count() == 0  # nothing reaches the engine before the commit
    assert DBTaskResult.objects.count() == 1
    run_db_worker()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 5
    assert tasks.add.get_result(result.id).return_value == 5
    assert Job.objects.get(pk=result.id).attempts == 1


def test_work_of_a_rolled_back_transaction_never_exists(db_engine):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.add.enqueue(1, 1)
        raise RuntimeError("rollback")
    assert Job.objects.count() == 0


@pytest.mark.parametrize("bad", [dt.date(2026, 1, 5), {1, 2}, {1: "a"}, object(), float("nan")])
def test_an_argument_json_cannot_carry_is_refused_at_enqueue(db_engine, bad):
    with pytest.raises(UnserializableArguments) as error:
        tasks.add.enqueue(bad, 1)
    assert "第1个参数" in str(error.value)
    assert Job.objects.count() == 0


@committing
def test_an_idempotency_key_makes_a_second_enqueue_the_same_task(db_engine):
    first = tasks.receipt.enqueue("2026-000001", "a@example.cn")
    again = tasks.receipt.enqueue("2026-000001", "a@example.cn")
    assert first.id == again.id and Job.objects.count() == 1
    assert Job.objects.get().key == "test.receipt:2026-000001"
    run_db_worker()
    later = tasks.receipt.enqueue("2026-000001", "a@example.cn")
    run_db_worker()
    assert later.id == first.id and later.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1 and mail.outbox[0].extra_headers["Message-ID"].startswith("<")


def test_a_mail_is_sent_once_however_often_its_task_runs(db_engine):
    from gongkai.jobs.mail import send_once

    assert send_once("k:1", "主题", "正文", ["a@example.cn"]) is True
    assert send_once("k:1", "主题", "正文", ["a@example.cn"]) is False
    assert len(mail.outbox) == 1
    assert SentMessage.objects.get(key="k:1").state == SentMessage.State.SENT


@committing
def test_failures_are_retried_with_growing_backoff_then_succeed(db_engine, tmp_path):
    counter = str(tmp_path / "count")
    result = tasks.flaky.enqueue(counter, 2)
    delays = []
    for attempt in range(2):
        before = timezone.now()
        if attempt == 0:
            run_db_worker()  # the engine's doorbell
        else:
            assert execute(result.id) == "retry"  # the retry's doorbell, once due
        job = Job.objects.get(pk=result.id)
        assert job.status == Status.READY and "邮件服务器暂时不可用" in job.error_message
        delays.append((job.run_after - before).total_seconds())
        assert execute(job.pk) == "skipped"  # not due yet: an early doorbell runs nothing
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    assert 8 <= delays[0] <= 13 and 16 <= delays[1] <= 25  # 10 s, then 20 s (±20 % jitter)
    assert execute(result.id) == "succeeded"
    job = Job.objects.get(pk=result.id)
    assert job.status == Status.SUCCESSFUL and job.attempts == 3 and job.return_value == 3
    assert job.error_message == ""


def test_a_task_that_keeps_failing_ends_failed_with_its_error(db_engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.always_fails.enqueue()
    assert execute(result.id) == "retry"
    Job.objects.filter(pk=result.id).update(run_after=timezone.now())
    assert execute(result.id) == "failed"
    job = Job.objects.get(pk=result.id)
    assert job.status == Status.FAILED and job.attempts == 2
    assert job.error_class == "builtins.ValueError" and job.error_message == "模板缺失"
    assert "Traceback" in job.traceback
    result.refresh()
    assert result.status == TaskResultStatus.FAILED and result.errors[0].exception_class is ValueError


def test_permanent_errors_are_not_retried(db_engine):
    result = tasks.permanent.enqueue()
    assert execute(result.id) == "failed"
    assert Job.objects.get(pk=result.id).attempts == 1


def test_one_job_runs_once_even_when_rung_twice(db_engine):
    result = tasks.add.enqueue(4, 4)
    tasks.CALLS.clear()
    assert execute(result.id) == "succeeded"
    assert execute(result.id) == "skipped"
    assert tasks.CALLS == [("add", 4, 4)]


def test_the_sweep_hands_back_the_job_of_a_dead_worker(db_engine):
    from gongkai.jobs.runner import claim

    result = tasks.add.enqueue(1, 2)
    job, _task, _token = claim(result.id, worker_id="dead-worker")  # claimed, then the worker "dies"
    assert sweep()["requeued"] == 0  # its lease still holds
    later = timezone.now() + dt.timedelta(seconds=120)
    assert sweep(later)["requeued"] == 1
    job.refresh_from_db()
    assert job.status == Status.READY and "工作进程中断" in job.error_message
    assert execute(job.pk) == "succeeded"
    job.refresh_from_db()
    assert job.attempts == 2 and job.worker_ids[0] == "dead-worker"


def test_a_job_whose_worker_died_on_the_last_attempt_is_failed(db_engine):
    from gongkai.jobs.runner import claim

    result = tasks.permanent.enqueue()  # max_attempts 5
    Job.objects.filter(pk=result.id).update(max_attempts=1)
    claim(result.id, worker_id="dead-worker")
    assert sweep(timezone.now() + dt.timedelta(minutes=5))["failed"] == 1
    assert Job.objects.get(pk=result.id).status == Status.FAILED


@committing
def test_the_sweep_rerings_a_due_job_whose_doorbell_was_lost(db_engine):
    from django_tasks_db.models import DBTaskResult

    result = tasks.add.enqueue(5, 5)
    DBTaskResult.objects.all().delete()  # the doorbell got lost (e.g. a Redis restart)
    Job.objects.filter(pk=result.id).update(rung_at=None)
    assert sweep()["rerung"] == 1
    assert DBTaskResult.objects.count() == 1
    assert sweep()["rerung"] == 0  # rung now: not again before the grace period
    run_db_worker()
    assert Job.objects.get(pk=result.id).status == Status.SUCCESSFUL


def test_progress_and_line_problems_are_kept_for_the_user_who_started_it(db_engine, make_user):
    user = make_user("importer")
    lines = ["好1", "坏2", "好3", "坏4", "好5"]
    with started_by(user):
        result = tasks.import_lines.enqueue(lines)
    assert execute(result.id) == "succeeded"
    job = Job.objects.get(pk=result.id)
    assert job.owner == user and job.queue_name == "bulk"
    assert (job.progress_done, job.progress_total, job.percent) == (5, 5, 100)
    assert job.return_value == {"good": 3}
    assert list(JobProblem.objects.filter(job=job).values_list("line", flat=True)) == [2, 4]


def test_the_rq_engine_carries_the_same_ledger(rq_engine, django_capture_on_commit_callbacks):
    import django_rq

    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.add.enqueue(20, 22)
    assert django_rq.get_queue("default").count == 1
    run_rq_worker()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 42


def test_a_retry_on_rq_is_scheduled_for_its_backoff(rq_engine, tmp_path, django_capture_on_commit_callbacks):
    import django_rq
    from rq.registry import ScheduledJobRegistry

    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.flaky.enqueue(str(tmp_path / "n"), 1)
    run_rq_worker()
    job = Job.objects.get(pk=result.id)
    assert job.status == Status.READY and job.attempts == 1
    scheduled = ScheduledJobRegistry(queue=django_rq.get_queue("default"))
    assert scheduled.count == 1  # RQ's scheduler rings it after the backoff


def test_the_immediate_engine_runs_a_task_at_once_for_development_and_tests(settings):
    from .conftest import engine_settings

    engine_settings(settings, "immediate")
    tasks.CALLS.clear()
    result = tasks.add.enqueue(6, 7)
    assert tasks.CALLS == [("add", 6, 7)]
    assert Job.objects.get(pk=result.id).status == Status.SUCCESSFUL
    failing = tasks.always_fails.enqueue()  # a failing task does not break the caller's transaction
    assert Job.objects.get(pk=failing.id).status == Status.READY and Job.objects.count() == 2


def test_queued_mail_leaves_after_commit_once_and_its_body_is_erased(settings):
    from django.db import transaction

    from gongkai.jobs.mail import queue

    from .conftest import engine_settings

    engine_settings(settings, "db")
    with transaction.atomic():
        assert queue("foi.receipt:2026-000009", "回执", "查询码：ABCD-1234", ["a@example.cn"]) is True
        assert queue("foi.receipt:2026-000009", "回执", "查询码：ABCD-1234", ["a@example.cn"]) is False
    job = Job.objects.get(key="mail:foi.receipt:2026-000009")
    assert execute(job.pk) == "succeeded"
    assert len(mail.outbox) == 1 and "ABCD-1234" in mail.outbox[0].body
    row = SentMessage.objects.get(key="foi.receipt:2026-000009")
    assert row.state == SentMessage.State.SENT and row.body == ""
