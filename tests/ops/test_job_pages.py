"""The administrator's task screen (failed tasks, retry) and a user's view of the tasks they started."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.audit.models import AuditEntry
from gongkai.jobs import started_by
from gongkai.jobs.models import Job, Status
from gongkai.jobs.runner import execute
from tests.jobs import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("sysadmin", "admin@example.cn", "long-enough-1")


@pytest.fixture
def failed_job(db_engine, tmp_path):
    result = tasks.flaky.enqueue(str(tmp_path / "n"), 1)
    Job.objects.filter(pk=result.id).update(max_attempts=1)
    assert execute(result.id) == "failed"
    return Job.objects.get(pk=result.id)


def test_the_administrator_sees_a_failed_task_with_its_error_and_retries_it(
        client, admin_user, failed_job, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    client.force_login(admin_user)
    page = client.get("/staff/jobs/admin/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "时好时坏" in html and "邮件服务器暂时不可用（第1次）" in html and "重试" in html
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/staff/jobs/{failed_job.pk}/retry/", follow=True)
    assert "已重新排队" in answer.content.decode()
    job = Job.objects.get(pk=failed_job.pk)
    assert job.status == Status.READY and job.max_attempts == 1 + 4
    entry = AuditEntry.objects.get(action="jobs.retry")
    assert entry.actor == admin_user and entry.object_id == str(job.pk) and entry.to_state == "READY"
    assert DBTaskResult.objects.filter(args_kwargs__args=[str(job.pk)]).exists()  # rung after commit
    assert execute(job.pk) == "succeeded"  # the counter file says this is the second run


def test_retrying_a_task_that_did_not_fail_is_refused(client, admin_user, db_engine):
    result = tasks.add.enqueue(1, 1)
    client.force_login(admin_user)
    answer = client.post(f"/staff/jobs/{result.id}/retry/", follow=True)
    assert "只有失败的任务可以重试" in answer.content.decode()
    assert not AuditEntry.objects.filter(action="jobs.retry").exists()


def test_other_staff_do_not_see_the_task_screen(client, make_user, township, failed_job):
    from gongkai.orgs.models import Role

    client.force_login(make_user("office", township, Role.OFFICE_ADMIN))
    assert client.get("/staff/jobs/admin/").status_code == 404
    assert client.post(f"/staff/jobs/{failed_job.pk}/retry/").status_code == 404
    assert Job.objects.get(pk=failed_job.pk).status == Status.FAILED


def test_the_user_who_started_an_import_watches_its_progress_and_line_problems(client, make_user, db_engine):
    owner, other = make_user("importer"), make_user("neighbour")
    with started_by(owner):
        result = tasks.import_lines.enqueue(["好", "坏的一行", "好"])
    execute(result.id)
    client.force_login(owner)
    mine = client.get("/staff/jobs/").content.decode()
    assert "按行导入" in mine and "已处理 3 / 3" in mine
    detail = client.get(f"/staff/jobs/{result.id}/").content.decode()
    assert "第 2 行：第 2 行无法识别：坏的一行" in detail and "100%" in detail
    assert "data-refresh-seconds" not in detail  # finished: no more reloading
    client.force_login(other)
    assert client.get(f"/staff/jobs/{result.id}/").status_code == 404


def test_a_running_task_page_refreshes_itself(client, make_user, db_engine):
    owner = make_user("importer")
    with started_by(owner):
        result = tasks.import_lines.enqueue(["好"])
    client.force_login(owner)
    assert "data-refresh-seconds" in client.get(f"/staff/jobs/{result.id}/").content.decode()
