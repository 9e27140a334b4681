"""Section 二 from documents and their validity history, in SQL, agreeing with the pure rules."""

from datetime import date

from django.utils import timezone

from gongkai.documents.models import ValidityEvent
from gongkai.documents.validity import record_validity_change
from gongkai.orgs.models import Role
from gongkai.reports import rules, selectors, services
from gongkai.reports.models import AnnualFigures

from .factories import add_document

D = date


def _section(org, year):
    return selectors.annual_data(org, year).data["proactive"]


def test_issued_repealed_in_force(township, make_user):
    officer = make_user("o1", township, Role.OFFICER)
    add_document(township, genre="行政规范性文件", written_on=D(2024, 3, 1))
    add_document(township, genre="行政规范性文件", written_on=D(2024, 9, 1))
    old = add_document(township, genre="行政规范性文件", written_on=D(2021, 5, 1))
    add_document(township, genre="规章", written_on=D(2019, 5, 1))
    add_document(township, genre="通知", written_on=D(2024, 5, 1))  # not counted
    add_document(township, genre="行政规范性文件", written_on=D(2024, 5, 1), status="draft")  # not issued yet
    add_document(township, genre="规章", written_on=D(2018, 1, 1), validity="repealed")  # imported, date unknown
    record_validity_change(actor=officer, document=old, status="repealed", effective_on=D(2024, 7, 1),
                                    note="清理后废止")
    old.refresh_from_db()
    assert old.validity == "repealed"
    p = _section(township, 2024)
    assert p["normative_documents"] == [2, 1, 2]
    assert p["rules"] == [0, 0, 1]
    # in 2023 the old document was still in force
    assert _section(township, 2023)["normative_documents"] == [0, 0, 1]


def test_signal_dates_a_plain_validity_edit(township):
    doc = add_document(township, genre="规章", written_on=D(2020, 1, 1))
    doc.validity = "expired"
    doc.save()
    event = ValidityEvent.objects.get(document=doc)
    assert (event.status, event.effective_on) == ("expired", timezone.localdate())
    doc.title = "改标题"
    doc.save()
    assert ValidityEvent.objects.filter(document=doc).count() == 1  # only validity changes are recorded


def test_sql_matches_pure_rules(township):
    docs = [
        add_document(township, genre="规章", written_on=D(2020, 1, 1)),
        add_document(township, genre="规章", written_on=D(2023, 6, 1)),
        add_document(township, genre="行政规范性文件", written_on=D(2022, 6, 1)),
    ]
    ValidityEvent.objects.create(document=docs[0], status="repealed", effective_on=D(2023, 3, 1))
    ValidityEvent.objects.create(document=docs[2], status="amended", effective_on=D(2023, 3, 1))
    ValidityEvent.objects.create(document=docs[2], status="expired", effective_on=D(2024, 12, 31))
    records = [rules.DocumentRecord(d.genre, d.written_on, d.validity,
                                    tuple((e.effective_on, e.status) for e in d.validity_events.all())) for d in docs]
    for year in (2022, 2023, 2024, 2025):
        pure = {c.genre: [c.issued, c.repealed, c.in_force] for c in rules.document_counts(records, year)}
        p = _section(township, year)
        assert [p["rules"], p["normative_documents"]] == [pure["规章"], pure["行政规范性文件"]], year


def test_entered_figures_and_fees(township, make_user):
    officer = make_user("o2", township, Role.OFFICER)
    services.save_figures(actor=officer, org=township, year=2024, licensing=12, penalty=3, enforcement=1,
                          fees_wan_yuan="1.5")
    p = _section(township, 2024)
    assert (p["licensing"], p["penalty"], p["enforcement"], p["fees_wan_yuan"]) == (12, 3, 1, "1.50")
    assert AnnualFigures.objects.get(org=township, year=2024).fees_wan_yuan == 1.5
    assert _section(township, 2023)["fees_wan_yuan"] == "0.00"


def test_prefilled_texts_quote_the_figures(township):
    from decimal import Decimal

    from gongkai.foi.models import DisclosureRequest
    from gongkai.reports import texts

    from .factories import add_requests

    add_document(township, genre="通知", written_on=D(2024, 4, 1))
    reqs = add_requests(township, [(2, "natural_person", "online", D(2024, 3, 1), D(2024, 3, 20), "granted")])
    DisclosureRequest.objects.filter(pk=reqs[0].pk).update(fee_amount=Decimal("200"), fee_waived=Decimal("50"),
                                                           fee_paid_on=D(2024, 3, 18))
    data = selectors.annual_data(township, 2024).data
    filled = texts.prefill(township, 2024, data)
    assert "主动公开政府信息1条" in filled["overview"] and "新收政府信息公开申请2件" in filled["overview"]
    assert "收取信息处理费1件，共150.00元" in filled["other"]
