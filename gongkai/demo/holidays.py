"""The demo's working-day calendar: a local day of one county, and the 2027 notice ready to be entered.

2027's State Council notice is not published yet, so deadlines falling in 2027 are provisional. The
demo ships an example text in the notice's own form (``data/notice_2027_example.txt``, worked out
from the statute and the 2025–2026 principles, and labelled as an example) for the county office to
paste on /staff/calendar/notice/ or to preview with ``gongkai workdays notice … --dry-run``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model

from gongkai.foi import services_clock
from gongkai.orgs.models import Organization
from gongkai.workdays import services as workdays

NOTICE_2027_EXAMPLE = Path(__file__).with_name("data") / "notice_2027_example.txt"
COUNTY = "yishui"
LOCAL_DAY_NAME = "供电设施检修，机关暂停对外办公"


def local_day_for(today: date) -> date:
    """The first working day at least three days after ``today``: close enough to move open requests."""
    calendar = workdays.get_calendar()
    day = today + timedelta(days=3)
    while not calendar.is_workday(day)[0]:
        day += timedelta(days=1)
    return day


def build_calendar(today: date) -> date:
    """沂水县 closes for one day, for itself and its townships; their open requests are recomputed.

    One of 龙家圈街道's open requests is extended into 2027, so entering the 2027 notice has a
    provisional deadline to settle (the preview lists it).
    """
    users = get_user_model().objects
    county = Organization.objects.get(code=COUNTY)
    day = local_day_for(today)
    workdays.set_day(actor=users.get(username="county_office"), day=day, is_workday=False, name=LOCAL_DAY_NAME,
                     org=county, include_units=True)
    township = Organization.objects.get(code="yishuiljqz2322108")
    latest = (township.disclosure_requests.filter(replied_on=None, received_on__lt=today)
              .order_by("-received_on").first())
    if latest is not None and not latest.extension_days:
        services_clock.extend(latest, actor=users.get(username="ljq_admin"), on=today, days=15,
                              reason="需要调取多个村居的档案并逐件核对")
    return day
