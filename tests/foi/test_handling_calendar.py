"""A request's deadline is counted on the calendar of the organization handling it (issue 19)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.audit.models import AuditEntry
from gongkai.foi import services, services_clock
from gongkai.foi.choices import Channel
from gongkai.orgs.models import Role
from gongkai.workdays import services as workdays
from gongkai.workdays.models import HolidayNotice

D = dt.date
FIELDS = {"applicant_type": "natural_person", "name": "赵敏", "id_type": "resident_id",
          "id_number": "11010519491231002X", "phone": "13905391234", "description": "申请公开2025年低保名单的公示情况",
          "delivery": "paper"}


@pytest.fixture
def neighbour(make_org):
    return make_org("yinan", "沂南县人民政府")


def register(user, org, on):
    req, _code = services.register_request(actor=user, org=org, channel=Channel.IN_PERSON, fields=FIELDS,
                                           submitted_on=on, backdate_reason="补录历史纸质申请")
    return req


@pytest.mark.django_db
def test_a_county_day_off_moves_only_the_requests_its_units_handle(
    make_user, county, township, neighbour, django_capture_on_commit_callbacks
):
    ours = register(make_user("h1", township, Role.REQUEST_HANDLER), township, D(2025, 9, 22))
    theirs = register(make_user("h2", neighbour, Role.REQUEST_HANDLER), neighbour, D(2025, 9, 22))
    assert ours.due_on == theirs.due_on == D(2025, 10, 24)
    with django_capture_on_commit_callbacks(execute=True):
        workdays.set_day(actor=make_user("calendar"), day=D(2025, 10, 20), is_workday=False, name="县庆日",
                         org=county, include_units=True)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.due_on, theirs.due_on) == (D(2025, 10, 27), D(2025, 10, 24))
    assert "县庆日（沂水县人民政府地方性安排）放假，不计为工作日" in services.due_date_for(ours).explanation()
    recomputed = AuditEntry.objects.filter(action="foi.due_recomputed")
    assert [e.object_id for e in recomputed] == [str(ours.pk)]


@pytest.mark.django_db
def test_registration_counts_on_the_handling_organizations_calendar(make_user, county, township, neighbour):
    workdays.set_day(actor=None, day=D(2025, 10, 20), is_workday=False, name="县庆日", org=county, include_units=True)
    assert register(make_user("h1", township, Role.REQUEST_HANDLER), township, D(2025, 9, 22)).due_on == D(2025, 10, 27)
    assert register(make_user("h2", neighbour, Role.REQUEST_HANDLER), neighbour, D(2025, 9, 22)).due_on == D(2025, 10, 24)


def test_entering_a_notice_lists_the_deadlines_it_confirms(make_user, township, tmp_path, transactional_db):
    # Committed for real, as the command runs in production: the deadlines are recomputed on commit,
    # before the command prints them.
    today = services.today()
    req = register(make_user("h1", township, Role.REQUEST_HANDLER), township, today)
    req = services_clock.extend(req, actor=make_user("head", township, Role.OFFICE_ADMIN), on=today, days=20,
                                reason="需要向多个村居核实")
    year = req.due_on.year  # received today and extended: its deadline falls in a year without a notice yet
    assert req.due_provisional
    path = tmp_path / "notice.txt"
    path.write_text(f"放假 {year}-01-01 元旦\n", encoding="utf-8")
    out = StringIO()
    call_command("workdays", "notice", str(path), "--year", str(year), "--dry-run", stdout=out)
    line = f"  依申请公开 {req.number}（沂水县龙家圈街道办事处）：{req.due_on.isoformat()}（暂定） → {req.due_on.isoformat()}"
    assert "录入后将变动的未办结期限：1项" in out.getvalue() and line in out.getvalue()
    assert not HolidayNotice.objects.exists()
    out = StringIO()
    call_command("workdays", "notice", str(path), "--year", str(year), stdout=out)
    assert "变动的期限：1项" in out.getvalue() and line in out.getvalue()
    req.refresh_from_db()
    assert req.due_provisional is False
