"""Section 二's 行政规范性文件 row comes from the normative register; documents it does not hold still count."""

from datetime import date

import pytest

from gongkai.normative import services as normative
from gongkai.normative.rules import LifecycleAction
from gongkai.orgs.models import Role
from gongkai.reports import selectors

from .factories import add_document

pytestmark = pytest.mark.django_db
D = date


def test_register_and_legacy_documents_together(township, make_user):
    officer = make_user("n1", township, Role.OFFICER)
    registered = normative.register(actor=officer, document=add_document(township, genre="通知", written_on=D(2022, 3, 1)))
    normative.register(actor=officer, document=add_document(township, genre="通知", written_on=D(2024, 4, 1)))
    repealing = add_document(township, genre="决定", written_on=D(2024, 8, 1))
    normative.change_lifecycle(actor=officer, normative=registered, action=LifecycleAction.REPEAL,
                               effective_on=D(2024, 8, 1), by_document=repealing, reason="已被新办法取代")
    add_document(township, genre="行政规范性文件", written_on=D(2024, 2, 1))  # never registered (imported long ago)
    data = selectors.annual_data(township, 2024).data
    assert data["proactive"]["normative_documents"] == [2, 1, 2]
    assert data["proactive"]["rules"] == [0, 0, 0]
    assert selectors.annual_data(township, 2023).data["proactive"]["normative_documents"] == [0, 0, 1]
