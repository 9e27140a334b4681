"""Slow work outside locks: letters are rendered before the write transaction, invariants are checked on the
locked row, and files written for a transaction that rolls back are removed."""

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection

from gongkai.foi import letter_render, letters, services, services_clock
from gongkai.foi.actions import RequestAction
from gongkai.foi.choices import Channel, FeeMethod
from gongkai.foi.letter_texts import chinese_date
from gongkai.foi.models import Consultation, DisclosureRequest, Letter, LetterKind, RequestEvent
from gongkai.foi.rules import RuleError
from gongkai.orgs.models import Role

D = dt.date
MARCH_3 = D(2025, 3, 3)
FIELDS = {"applicant_type": "natural_person", "name": "赵敏", "id_type": "resident_id",
          "id_number": "11010519491231002X", "phone": "13905391234", "description": "申请公开2025年低保名单的公示情况",
          "delivery": "paper"}


@pytest.fixture
def handler(make_user, township):
    return make_user("handler", township, Role.REQUEST_HANDLER)


@pytest.fixture
def head(make_user, township):
    return make_user("head", township, Role.OFFICE_ADMIN)


def register(handler, township, on=MARCH_3) -> DisclosureRequest:
    req, _code = services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township, channel=Channel.IN_PERSON, fields=FIELDS,
                                           submitted_on=on)
    return req


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _dirs, names in os.walk(root) for f in names)


@pytest.fixture
def render_spy(monkeypatch):
    """Records, for every PDF rendered, whether a transaction was open at that moment (the real renderer runs)."""
    seen: list[bool] = []
    real = letter_render.to_pdf

    def spy(content):
        seen.append(connection.in_atomic_block)
        return real(content)

    monkeypatch.setattr(letter_render, "to_pdf", spy)
    return seen


@pytest.mark.django_db(transaction=True)
def test_notices_are_rendered_before_the_write_transaction(handler, head, township, render_spy):
    req = register(handler, township)
    services_clock.extend(req, actor=head, on=D(2025, 3, 20), days=10, reason="需调取档案")
    req = DisclosureRequest.objects.get(pk=req.pk)
    extension = Letter.objects.get(request=req, kind=LetterKind.EXTENSION)
    assert f"延长后的答复期限为{chinese_date(req.due_on)}" in extension.body  # as stored after the lock
    services_clock.issue_fee_notice(req, actor=handler, on=D(2025, 3, 21), method=FeeMethod.BY_VOLUME, pages=120,
                                    pay_by=D(2025, 4, 10))
    other = register(handler, township, on=D(2025, 3, 4))
    services_clock.request_correction(other, actor=handler, on=D(2025, 3, 5), due_on=D(2025, 3, 20),
                                      note="请写明所需信息的年份")
    other = DisclosureRequest.objects.get(pk=other.pk)
    services_clock.lapse(other, actor=handler, on=D(2025, 3, 21))
    assert render_spy == [False, False, False, False]


@pytest.mark.django_db
def test_extend_checks_on_the_locked_row(handler, head, township):
    req = register(handler, township)
    stale = DisclosureRequest.objects.get(pk=req.pk)
    services_clock.extend(req, actor=head, on=D(2025, 3, 20), days=10, reason="需调取档案")
    with pytest.raises(RuleError, match="已延长过"):
        services_clock.extend(stale, actor=head, on=D(2025, 3, 20), days=5, reason="再次延期")
    assert Letter.objects.filter(request=req, kind=LetterKind.EXTENSION).count() == 1
    assert DisclosureRequest.objects.get(pk=req.pk).extension_days == 10


@pytest.mark.django_db
def test_answer_consultation_checks_on_the_locked_row(handler, township):
    req = register(handler, township)
    consultation = services_clock.start_consultation(req, actor=handler, on=D(2025, 3, 10), party_kind="third_party",
                                                     party_name="某建筑公司")
    stale = Consultation.objects.get(pk=consultation.pk)
    services_clock.answer_consultation(consultation, actor=handler, on=D(2025, 3, 14), answer="不同意公开")
    with pytest.raises(RuleError, match="已记录答复"):
        services_clock.answer_consultation(stale, actor=handler, on=D(2025, 3, 15), answer="同意公开")
    consultation.refresh_from_db()
    assert consultation.answer == "不同意公开" and consultation.answered_on == D(2025, 3, 14)
    assert RequestEvent.objects.filter(request=req, kind="consultation_answered").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("service", ["extend", "fee", "correction"])
def test_files_of_a_rolled_back_notice_are_removed(handler, head, township, settings, monkeypatch, service):
    req = register(handler, township)
    before = stored_files(settings)
    real_audit = letters._audit

    def register_refuses(req, action, **kwargs):  # the register write fails after the files were stored
        if action == RequestAction.LETTER_ISSUED:
            raise DatabaseError("register unavailable")
        return real_audit(req, action, **kwargs)

    monkeypatch.setattr(letters, "_audit", register_refuses)
    with pytest.raises(DatabaseError):
        if service == "extend":
            services_clock.extend(req, actor=head, on=D(2025, 3, 20), days=10, reason="需调取档案")
        elif service == "fee":
            services_clock.issue_fee_notice(req, actor=handler, on=D(2025, 3, 21), method=FeeMethod.BY_VOLUME,
                                            pages=120, waived=Decimal(0), pay_by=D(2025, 4, 10))
        else:
            services_clock.request_correction(req, actor=handler, on=D(2025, 3, 5), due_on=D(2025, 3, 20),
                                              note="请写明所需信息的年份")
    assert stored_files(settings) == before
    assert not Letter.objects.filter(request=req).exists()


@pytest.mark.django_db
def test_a_notice_whose_facts_changed_under_the_lock_is_rendered_again(handler, township):
    req = register(handler, township)
    context = {"note": "请写明年份", "due": "2025年3月20日"}
    rendered = letters.prepare_notice(req, LetterKind.CORRECTION, actor=handler, on=D(2025, 3, 5), context=context)
    township.name = "龙家圈街道办事处"
    township.save()
    req = DisclosureRequest.objects.select_related("org").get(pk=req.pk)
    letter = letters.issue_notice(req, LetterKind.CORRECTION, actor=handler, on=D(2025, 3, 5), context=context,
                                  rendered=rendered)
    assert letter.pdf_sha256 != letter_render.sha256(rendered.files[1])
    same = letters.prepare_notice(req, LetterKind.CORRECTION, actor=handler, on=D(2025, 3, 5), context=context)
    again = letters.issue_notice(req, LetterKind.CORRECTION, actor=handler, on=D(2025, 3, 5), context=context,
                                 rendered=same)
    assert again.pdf_sha256 == letter_render.sha256(same.files[1])
