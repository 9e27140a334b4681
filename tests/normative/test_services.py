"""Registering normative documents and changing their lifecycle: validation, the register, the document."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.documents.models import Document, Genre, ValidityEvent
from gongkai.normative import events, selectors, services
from gongkai.normative.models import Lifecycle, LifecycleEvent, NormativeDocument, RegisterAction
from gongkai.normative.rules import LifecycleAction

pytestmark = pytest.mark.django_db
D = dt.date


def entries(obj, action):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action)


def test_register_defaults_the_period_and_keeps_the_number_on_the_document(officer, township, publish):
    doc = publish(officer, township, written_on=D(2024, 3, 1), genre=Genre.NOTICE)
    item = services.register(actor=officer, document=doc, registration_number=" SDSD01-2024-0003 ",
                             filed_with="沂水县司法局", filing_number="沂司备〔2024〕5号", filed_on=D(2024, 3, 20))
    doc.refresh_from_db()
    assert (item.effective_from, item.valid_until) == (D(2024, 3, 1), D(2029, 2, 28))
    assert doc.unified_number == "SDSD01-2024-0003" and item.registration_number == doc.unified_number
    assert doc.genre == Genre.NORMATIVE and item.lifecycle == Lifecycle.IN_FORCE
    entry = entries(item, RegisterAction.REGISTER).get()
    assert entry.data["valid_until"] == "2029-02-28" and entry.actor == officer


def test_register_rejects_bad_input_with_every_error_by_field(officer, township, publish):
    first = publish(officer, township)
    services.register(actor=officer, document=first, registration_number="SDSD01-2024-0001")
    second = publish(officer, township, written_on=D(2024, 5, 1))
    with pytest.raises(ValidationError) as err:
        services.register(actor=officer, document=second, registration_number="SDSD01-2024-0001",
                          effective_from=D(2024, 4, 1), valid_until=D(2030, 1, 1), filed_on=D(2024, 1, 1))
    assert err.value.message_dict == {
        "registration_number": ["统一登记号“SDSD01-2024-0001”已登记在另一件规范性文件上。"],
        "effective_from": ["施行日期不能早于成文日期。"],
        "valid_until": ["规范性文件的有效期不得超过5年。"],
        "filed_on": ["备案日期不能早于成文日期。"],
    }
    with pytest.raises(ValidationError, match="已经登记"):
        services.register(actor=officer, document=first)
    assert NormativeDocument.objects.count() == 1


def test_only_editors_of_the_issuing_org_register(officer, other_officer, township, publish, make_user):
    doc = publish(officer, township)
    with pytest.raises(PermissionDenied):
        services.register(actor=other_officer, document=doc)
    reviewer = make_user("rev", township, "office_reviewer")
    with pytest.raises(PermissionDenied):
        services.register(actor=reviewer, document=doc)


def test_update_records_old_and_new_values(officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township, written_on=D(2024, 3, 1)))
    services.update(actor=officer, normative=item, valid_until=D(2027, 12, 31), responsible=officer)
    item.refresh_from_db()
    assert item.valid_until == D(2027, 12, 31) and item.responsible == officer
    data = entries(item, RegisterAction.UPDATE).get().data
    assert data["changes"] == {"valid_until": ["2029-02-28", "2027-12-31"], "responsible": [None, "officer"]}
    with pytest.raises(ValidationError) as err:
        services.update(actor=officer, normative=item, valid_until=D(2030, 1, 1))
    assert err.value.message_dict == {"valid_until": ["规范性文件的有效期不得超过5年。"]}


def test_responsible_person_must_work_for_the_issuing_org(officer, other_officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township))
    with pytest.raises(ValidationError, match="责任人须是该文件制定机构的工作人员"):
        services.update(actor=officer, normative=item, responsible=other_officer)


def test_repeal_by_a_later_document_marks_the_original(officer, township, publish, django_capture_on_commit_callbacks):
    item = services.register(actor=officer, document=publish(officer, township, written_on=D(2023, 3, 1)))
    repealing = publish(officer, township, title="关于废止部分规范性文件的决定", written_on=D(2025, 6, 1))
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    events.lifecycle_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.change_lifecycle(actor=officer, normative=item, action=LifecycleAction.REPEAL,
                                      effective_on=D(2025, 7, 1), by_document=repealing, reason="上位法已修订")
    finally:
        events.lifecycle_changed.disconnect(receiver)
    item.refresh_from_db()
    assert (item.lifecycle, item.lifecycle_on, item.replaced_by) == (Lifecycle.REPEALED, D(2025, 7, 1), repealing)
    assert Document.objects.get(pk=item.document_id).validity == "repealed"
    # The catalog's validity history carries the legal date, not the day it was entered.
    assert list(ValidityEvent.objects.filter(document_id=item.document_id).values_list("status", "effective_on")) == [
        ("repealed", D(2025, 7, 1))]
    event = LifecycleEvent.objects.get()
    assert (event.from_state, event.to_state, event.by_document) == (Lifecycle.IN_FORCE, Lifecycle.REPEALED, repealing)
    assert entries(item, RegisterAction.REPEAL).get().data["effective_on"] == "2025-07-01"
    assert received == [{"signal": events.lifecycle_changed, "normative": item.pk, "org": township.pk,
                         "to_state": "repealed", "effective_on": "2025-07-01"}]
    with pytest.raises(ValidationError, match="不能再标注为“已修改”"):
        services.change_lifecycle(actor=officer, normative=item, action=LifecycleAction.AMEND,
                                  effective_on=D(2025, 8, 1), by_document=repealing)


@pytest.mark.parametrize("kwargs, field, message", [
    ({"action": LifecycleAction.REPEAL}, "__all__", "标注“已废止”须选择作出修改或废止决定的文件。"),
    ({"action": LifecycleAction.EXPIRE}, "reason", "请填写失效的理由，例如“有效期届满”。"),
    ({"action": LifecycleAction.EXPIRE, "reason": "届满", "effective_on": D(2020, 1, 1)}, "effective_on",
     "生效日期不能早于文件的成文日期。"),
])
def test_lifecycle_changes_need_their_basis(officer, township, publish, kwargs, field, message):
    item = services.register(actor=officer, document=publish(officer, township, written_on=D(2023, 3, 1)))
    kwargs = {"effective_on": D(2025, 1, 1), **kwargs}
    with pytest.raises(ValidationError) as err:
        services.change_lifecycle(actor=officer, normative=item, **kwargs)
    assert err.value.message_dict == {field: [message]}
    assert not LifecycleEvent.objects.exists()


def test_future_dates_and_foreign_documents_are_refused(officer, other_officer, township, other_township, publish):
    item = services.register(actor=officer, document=publish(officer, township))
    foreign = publish(other_officer, other_township)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="生效日期不能晚于今天"):
        services.change_lifecycle(actor=officer, normative=item, action=LifecycleAction.EXPIRE,
                                  effective_on=tomorrow, reason="届满")
    with pytest.raises(ValidationError, match="请选择您可以查看的、已发布的修改或废止文件"):
        services.change_lifecycle(actor=officer, normative=item, action=LifecycleAction.AMEND,
                                  effective_on=D(2025, 1, 1), by_document=foreign)


def test_amending_clears_the_to_amend_flag_and_stays_in_force(officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township))
    NormativeDocument.objects.filter(pk=item.pk).update(to_amend=True)
    amending = publish(officer, township, title="关于修改《管理办法》的决定", written_on=D(2025, 2, 1))
    services.change_lifecycle(actor=officer, normative=item, action=LifecycleAction.AMEND,
                              effective_on=D(2025, 2, 1), by_document=amending)
    item.refresh_from_db()
    assert item.lifecycle == Lifecycle.AMENDED and item.in_force and not item.to_amend


def test_expire_lapsed_marks_documents_the_day_after_their_period(officer, township, publish):
    ended = services.register(actor=officer, document=publish(officer, township, written_on=D(2020, 1, 1)),
                              valid_until=D(2024, 12, 31))
    running = services.register(actor=officer, document=publish(officer, township, written_on=D(2024, 1, 1)))
    assert services.expire_lapsed(today=D(2025, 3, 1)) == [ended.pk]
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.lifecycle, ended.lifecycle_on) == (Lifecycle.EXPIRED, D(2025, 1, 1))
    assert running.lifecycle == Lifecycle.IN_FORCE
    entry = entries(ended, RegisterAction.EXPIRE).get()
    assert entry.actor is None and entry.actor_name == "有效期届满自动标注" and entry.comment == "有效期届满"
    assert services.expire_lapsed(today=D(2025, 3, 1)) == []  # idempotent


def test_annual_counts_come_from_the_register(officer, township, publish):
    old = services.register(actor=officer, document=publish(officer, township, written_on=D(2021, 5, 1)))
    services.register(actor=officer, document=publish(officer, township, written_on=D(2025, 4, 1)))
    repealing = publish(officer, township, written_on=D(2025, 6, 1))
    services.change_lifecycle(actor=officer, normative=old, action=LifecycleAction.REPEAL,
                              effective_on=D(2025, 6, 1), by_document=repealing)
    assert selectors.annual_counts([township.pk], 2025) == (1, 1, 1)
    assert selectors.annual_counts([township.pk], 2024) == (0, 0, 1)


def test_expiring_list_goes_to_the_responsible_person_or_every_officer(officer, township, publish, make_user):
    colleague = make_user("colleague", township, "officer")
    mine = services.register(actor=officer, document=publish(officer, township, written_on=D(2022, 3, 1)),
                             valid_until=D(2027, 2, 28), responsible=officer)
    shared = services.register(actor=officer, document=publish(officer, township, written_on=D(2022, 3, 1)),
                               valid_until=D(2026, 11, 30))
    services.register(actor=officer, document=publish(officer, township, written_on=D(2024, 3, 1)))  # far off
    today = D(2026, 12, 1)
    assert [r.item for r in selectors.expiring_for(officer, today=today)] == [shared, mine]
    assert [r.item for r in selectors.expiring_for(colleague, today=today)] == [shared]
    assert [r.label for r in selectors.expiring_for(officer, today=today)] == ["已过有效期", "即将到期"]


def test_the_document_screens_validity_form_defers_to_the_register(officer, township, publish):
    from gongkai.core.errors import RuleViolation
    from gongkai.documents.validity import record_validity_change

    plain = publish(officer, township)
    record_validity_change(actor=officer, document=plain, status="repealed", effective_on=D(2025, 1, 1))
    item = services.register(actor=officer, document=publish(officer, township))
    with pytest.raises(RuleViolation, match="请在“行政规范性文件”登记页标注"):
        record_validity_change(actor=officer, document=item.document, status="repealed", effective_on=D(2025, 1, 1))
    item.refresh_from_db()
    assert item.lifecycle == Lifecycle.IN_FORCE


def test_published_normative_genre_documents_are_registered_automatically(
        officer, township, publish, django_capture_on_commit_callbacks):
    from gongkai.audit.models import AuditEntry
    from gongkai.documents.validity import record_validity_change

    with django_capture_on_commit_callbacks(execute=True):
        plain = publish(officer, township, genre=Genre.NOTICE)
        normative_doc = publish(officer, township, genre=Genre.NORMATIVE, written_on=D(2024, 3, 1))
    assert not NormativeDocument.objects.filter(document=plain).exists()
    item = NormativeDocument.objects.get(document=normative_doc)
    assert (item.effective_from, item.valid_until, item.lifecycle) == (D(2024, 3, 1), D(2029, 2, 28), "in_force")
    entry = AuditEntry.objects.get(action=RegisterAction.REGISTER, object_id=str(item.pk))
    assert entry.actor is None and entry.data["automatic"] is True
    # An earlier dated validity history comes along, so the annual report counts the same years.
    old = publish(officer, township, genre=Genre.NOTICE, written_on=D(2020, 5, 1))
    record_validity_change(actor=officer, document=old, status="repealed", effective_on=D(2024, 6, 1))
    Document.objects.filter(pk=old.pk).update(genre=Genre.NORMATIVE)
    from gongkai.normative.automatic import register_published

    [pk] = register_published([old.pk])
    moved = NormativeDocument.objects.get(pk=pk)
    assert moved.lifecycle == "repealed" and [(e.to_state, e.effective_on) for e in moved.events.all()] == [
        ("repealed", D(2024, 6, 1))]
    assert selectors.annual_counts([township.pk], 2024) == (1, 1, 1)
