"""Two app servers behind nginx, PostgreSQL, Redis and two RQ workers (bench/topology.py), as a county runs it.

Run by `make test-scale` (from .ci/run): it starts its own processes on ports 18400-18499.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bench.topology import Topology

PASSWORD = "topology-pass-2026"
TITLE = "关于公布2026年第四季度农村公路养护计划的通知"
VALID_ID = "11010519491231002X"


class Browser:
    """A cookie-keeping HTTP client; cookies for 127.0.0.1 go to every port, as in a browser."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, url: str, data: dict | None = None, *, json_body: dict | None = None, headers=None):
        body, hdrs = None, dict(headers or {})
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        if json_body is not None:
            body, hdrs["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        if body is not None:
            hdrs.setdefault("Referer", url)
        req = urllib.request.Request(url, data=body, headers=hdrs)
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers

    def csrf(self, url: str) -> str:
        _status, html, _headers = self.request(url)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def login(self, base: str) -> None:
        token = self.csrf(f"{base}/staff/login/")
        status, html, _ = self.request(f"{base}/staff/login/", {"csrfmiddlewaretoken": token, "username": "boss",
                                                                 "password": PASSWORD})
        assert status == 200 and "退出" in html, html[:500]


@pytest.fixture(scope="module")
def topo():
    with Topology() as topology:
        topology.gongkai("createorg", "ljq", "龙家圈街道办事处")
        roles = [a for r in ("officer", "office_reviewer", "leader_reviewer", "secrecy_reviewer", "office_admin")
                 for a in ("--role", r)]
        topology.gongkai("createuser", "boss", "--org", "ljq", *roles, "--password", PASSWORD)
        yield topology


def _draft(topo) -> int:
    code = ("from django.contrib.auth import get_user_model\n"
            "from gongkai.catalog.models import Column\nfrom gongkai.documents import services\n"
            "from gongkai.orgs.models import Organization\n"
            "org = Organization.objects.get(code='ljq'); user = get_user_model().objects.get(username='boss')\n"
            f"d = services.create_draft(actor=user, org=org, column=Column.objects.get(org=org, slug='notices'), "
            f"title={TITLE!r}, body='<p>各村（社区）：现将养护计划公布如下。</p>', doc_number='龙街办发〔2026〕88号')\n"
            "print(d.pk)")
    return int(topo.gongkai("shell", "-v", "0", "-c", code).stdout.strip().splitlines()[-1])


def test_a_publication_on_server_a_is_visible_on_server_b_within_one_second(topo):
    a, b = topo.server_url("A"), topo.server_url("B")
    column = "/gk/ljq/col/notices/"
    reader = Browser()
    for _ in range(3):  # B now answers the column page from its page cache and fast path
        status, html, headers = reader.request(b + column)
        assert status == 200 and TITLE not in html
    assert headers.get("X-Portal-Cache") in {"hit", "memory"}, dict(headers)
    pk = _draft(topo)
    staff = Browser()
    staff.login(a)  # the session and CSRF cookies are A's; every other step alternates servers
    steps = [("submit", a), ("approve", b), ("approve", a), ("approve", b)]
    for action, server in steps:
        token = staff.csrf(f"{server}/staff/documents/{pk}/")
        status, html, _ = staff.request(f"{server}/staff/documents/{pk}/action/",
                                        {"csrfmiddlewaretoken": token, "action": action, "comment": ""})
        assert status == 200 and "已" in html, (action, server, html[:300])
    token = staff.csrf(f"{a}/staff/documents/{pk}/")
    staff.request(f"{a}/staff/documents/{pk}/action/", {"csrfmiddlewaretoken": token, "action": "publish",
                                                         "comment": ""})
    published = time.monotonic()
    while TITLE not in reader.request(b + column)[1]:
        assert time.monotonic() - published < 1.0, "server B still serves the old column page after 1 s"
        time.sleep(0.02)
    seen_after = time.monotonic() - published
    assert seen_after < 1.0
    print(f"published on A, visible on B after {seen_after * 1000:.0f} ms")


def test_sessions_and_csrf_work_whichever_server_answers(topo):
    staff = Browser()
    staff.login(topo.url)
    upstreams = set()
    for _ in range(6):
        status, html, headers = staff.request(f"{topo.url}/staff/")
        assert status == 200 and "我的待办" in html and "退出" in html
        upstreams.add(headers["X-Upstream"])
    assert len(upstreams) == 2, upstreams  # both servers answered, both knew the session
    token = staff.csrf(f"{topo.url}/staff/")
    for server in ("A", "B"):  # the right session but no token: refused by either server
        status, _html, _ = staff.request(f"{topo.server_url(server)}/staff/logout/", {})
        assert status == 403
    status, html, _ = staff.request(f"{topo.server_url('B')}/staff/logout/", {"csrfmiddlewaretoken": token})
    assert status == 200 and "登录" in html


def test_rate_limits_count_across_servers(topo):
    client = Browser()
    body = {"org": "ljq", "applicant_type": "natural_person", "name": "王秀英", "id_type": "resident_id",
            "id_number": VALID_ID, "phone": "13905391234", "description": "请公开2026年农村公路养护计划",
            "delivery": "electronic"}
    statuses = [client.request(f"{topo.server_url('AB'[i % 2])}/api/v1/requests", json_body=body)[0]
                for i in range(11)]
    assert statuses == [201] * 10 + [429], statuses


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def _query(topo, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(topo.pg.url) as conn:
        return conn.execute(sql).fetchall()


def test_a_periodic_job_runs_once_for_all_servers(topo):
    time.sleep(3)  # both workers' schedulers have ticked several times (every second)
    rows = _wait(lambda: _query(topo, "SELECT key, status, attempts FROM jobs_job WHERE key LIKE 'jobs.heartbeat:%%'"
                                      " AND status = 'SUCCESSFUL'"), 30, "the heartbeat job")
    per_period = {}
    for key, _status, attempts in _query(topo, "SELECT key, status, attempts FROM jobs_job"
                                               " WHERE key LIKE 'jobs.heartbeat:%%'"):
        per_period[key] = per_period.get(key, 0) + 1
        assert attempts == 1
    assert rows and all(n == 1 for n in per_period.values())


def test_each_task_runs_exactly_once_on_two_rq_workers(topo):
    out = topo.workdir / "tasks.txt"
    topo.gongkai("shell", "-v", "0", "-c",
                 f"from tests.jobs import tasks\nfor i in range(200): tasks.append_line.enqueue({str(out)!r}, i)")
    _wait(lambda: _query(topo, "SELECT COUNT(*) FROM jobs_job WHERE task_path LIKE '%%append_line'"
                               " AND status = 'SUCCESSFUL'")[0][0] == 200, 120, "200 tasks")
    assert sorted(map(int, out.read_text().split())) == list(range(200))
    runs = _query(topo, "SELECT attempts, worker_ids FROM jobs_job WHERE task_path LIKE '%%append_line'")
    assert all(attempts == 1 for attempts, _ in runs)
    machines = {w.split(":")[0] for _, ids in runs for w in ids}
    assert machines == {"worker0", "worker1"}
