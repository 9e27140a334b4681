"""Local days belong to an organization (and optionally the units under it); each org has its calendar."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.audit.models import AuditEntry
from gongkai.foi.deadlines import compute_due_date
from gongkai.workdays import services
from gongkai.workdays.models import DayOverride

COUNTY_DAY = date(2026, 3, 10)  # a Tuesday


@pytest.fixture
def operator(make_user):
    return make_user("calendar-admin")


@pytest.fixture
def neighbour(make_org):
    return make_org("yinan", "沂南县人民政府")


def county_day_off(operator, county, *, include_units=True, day=COUNTY_DAY, name="县庆日"):
    return services.set_day(actor=operator, day=day, is_workday=False, name=name, org=county,
                            include_units=include_units)


@pytest.mark.django_db
def test_a_county_day_off_holds_for_the_county_and_its_units_only(operator, county, township, neighbour):
    county_day_off(operator, county)
    assert services.get_calendar(county).is_workday(COUNTY_DAY) == (False, False)
    assert services.get_calendar(township).is_workday(COUNTY_DAY) == (False, False)
    assert services.get_calendar(neighbour).is_workday(COUNTY_DAY) == (True, False)
    assert services.get_calendar().is_workday(COUNTY_DAY) == (True, False)  # the installation's calendar
    entry = AuditEntry.objects.get(action="workdays.day_set")
    assert entry.org == county and entry.data["include_units"] is True


@pytest.mark.django_db
def test_without_include_units_the_units_keep_working(operator, county, township):
    county_day_off(operator, county, include_units=False)
    assert services.get_calendar(county).is_workday(COUNTY_DAY)[0] is False
    assert services.get_calendar(township).is_workday(COUNTY_DAY)[0] is True


@pytest.mark.django_db
def test_a_unit_may_work_on_its_county_day_off(operator, county, township, other_township):
    county_day_off(operator, county)
    services.set_day(actor=operator, day=COUNTY_DAY, is_workday=True, name="窗口值守", org=township)
    assert services.get_calendar(township).is_workday(COUNTY_DAY)[0] is True
    assert services.get_calendar(other_township).is_workday(COUNTY_DAY)[0] is False


@pytest.mark.django_db
def test_the_due_date_uses_the_handling_organization_and_names_the_local_day(operator, county, township, neighbour):
    county_day_off(operator, county)
    own = compute_due_date(received=date(2026, 3, 2), calendar=services.get_calendar(township))
    other = compute_due_date(received=date(2026, 3, 2), calendar=services.get_calendar(neighbour))
    assert (own.due, other.due) == (date(2026, 3, 31), date(2026, 3, 30))
    assert "2026年3月10日（星期二）县庆日（沂水县人民政府地方性安排）放假，不计为工作日" in own.explanation()
    assert "县庆日" not in other.explanation()


@pytest.mark.django_db
def test_short_name_labels_the_arrangement(operator, county, township):
    county.short_name = "沂水县"
    county.save()
    county_day_off(operator, county, name="")
    assert services.get_calendar(township).day_info(COUNTY_DAY).name == "沂水县地方性安排"


@pytest.mark.django_db
def test_calendars_are_cached_per_organization_until_a_row_changes(operator, county, township, other_township):
    plain = services.get_calendar(township)
    assert plain is services.get_calendar()  # no local day anywhere: one shared calendar
    county_day_off(operator, county)
    first = services.get_calendar(township)
    assert first is not plain and services.get_calendar(township) is first
    assert services.get_calendar(other_township) is first  # same chain of local days: same calendar
    services.remove_day(actor=operator, day=COUNTY_DAY, org=county)
    assert services.get_calendar(township).is_workday(COUNTY_DAY)[0] is True
    assert AuditEntry.objects.filter(action="workdays.day_removed", org=county).exists()


@pytest.mark.django_db
def test_a_notice_leaves_the_organizations_own_days_alone(operator, county, township, django_capture_on_commit_callbacks):
    day = date(2027, 2, 20)  # a Saturday
    services.set_day(actor=operator, day=day, is_workday=False, name="县里不调休", org=county, include_units=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.enter_notice(actor=operator, year=2027, title="国务院办公厅关于2027年部分节假日安排的通知",
                              days=[(day, True, "春节"), (date(2027, 2, 9), False, "春节")])
    assert DayOverride.objects.filter(date=day).count() == 2
    assert services.get_calendar().is_workday(day) == (True, False)
    assert services.get_calendar(township).is_workday(day) == (False, False)
    assert services.get_calendar(township).is_workday(date(2027, 2, 9)) == (False, False)  # the notice holds too


@pytest.mark.django_db
def test_setting_the_same_day_again_changes_it(operator, county):
    county_day_off(operator, county)
    services.set_day(actor=operator, day=COUNTY_DAY, is_workday=True, org=county)
    assert DayOverride.objects.get(org=county, date=COUNTY_DAY).is_workday is True


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"local": False}, "只能是地方性安排"),
        ({"org": None, "include_units": True}, "请选择适用的机构"),
        ({"name": "节" * 61}, "说明过长"),
    ],
)
@pytest.mark.django_db
def test_bad_local_days_are_refused(operator, county, kwargs, message):
    args = {"actor": operator, "day": COUNTY_DAY, "is_workday": False, "org": county, **kwargs}
    with pytest.raises(ValidationError, match=message):
        services.set_day(**args)
    assert not DayOverride.objects.exists()


@pytest.mark.django_db
def test_the_database_holds_one_row_per_organization_and_date(county, township):
    DayOverride.objects.create(date=COUNTY_DAY, is_workday=False, local=True, org=county)
    DayOverride.objects.create(date=COUNTY_DAY, is_workday=False, local=True, org=township)
    DayOverride.objects.create(date=COUNTY_DAY, is_workday=False, local=True)  # the installation's
    for duplicate in ({"org": county, "local": True}, {"org": None, "local": False}, {"org": county, "local": False}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DayOverride.objects.create(date=COUNTY_DAY, is_workday=True, **duplicate)
    assert DayOverride.objects.count() == 3


@pytest.mark.django_db
def test_admin_enters_a_local_day_for_an_organization(admin_client, county, township, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/workdays/dayoverride/add/", {
            "date": "2026-03-10", "is_workday": "", "name": "县庆日", "local": "on", "org": county.pk,
            "include_units": "on"})
    assert response.status_code == 302
    assert services.get_calendar(township).is_workday(COUNTY_DAY)[0] is False
    assert AuditEntry.objects.get(action="workdays.day_set").org == county
    assert admin_client.get("/admin/workdays/dayoverride/").status_code == 200
