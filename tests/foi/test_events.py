"""Disclosure requests announce their receipt and their reply after commit, for higher apps."""

import datetime as dt

import pytest

from gongkai.foi import events, letters, services
from gongkai.foi.choices import Channel, Outcome
from gongkai.orgs.models import Role

from .test_letters import FIELDS

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def heard():
    got = []

    def receiver(sender, signal, **kwargs):
        got.append((signal, kwargs))

    for signal in (events.request_received, events.request_replied):
        signal.connect(receiver, weak=False, dispatch_uid="test-foi-events")
    yield got
    for signal in (events.request_received, events.request_replied):
        signal.disconnect(dispatch_uid="test-foi-events")


def test_receipt_and_reply_are_announced_once_committed(make_user, township, heard,
                                                        django_capture_on_commit_callbacks):
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        req, _code = services.register_request(actor=handler, org=township, channel=Channel.IN_PERSON,
                                               fields=FIELDS, submitted_on=D(2025, 9, 22),
                                               backdate_reason="历史纸质申请补登")
    assert heard == []
    for callback in callbacks:
        callback()
    assert heard == [(events.request_received, {"request_id": req.pk, "org_id": township.pk,
                                                "channel": Channel.IN_PERSON, "received_on": D(2025, 9, 22)})]
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        letters.reply(req, actor=handler, on=D(2025, 9, 22), outcome=Outcome.REJECTED_PUBLICATION,
                      on_the_spot=True)
    assert heard == [(events.request_replied, {"request_id": req.pk, "org_id": township.pk,
                                               "outcome": Outcome.REJECTED_PUBLICATION, "replied_on": D(2025, 9, 22)})]
