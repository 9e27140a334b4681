"""Published annual reports for the public: one list for the site, PDF and Word files on the report's page."""

from datetime import date

import pytest
from django.core.cache import cache

from gongkai.documents.models import Document
from gongkai.documents.models import Status as DocStatus
from gongkai.reports import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "reports-public"}}
    cache.clear()
    yield
    cache.clear()


def _published(officer, org, year):
    doc = services.publish_report(actor=officer, org=org, year=year)
    Document.objects.filter(pk=doc.pk).update(status=DocStatus.PUBLISHED, published_on=date(year + 1, 1, 20))
    return doc


def test_published_report_is_listed_and_offers_pdf_and_word(client, officer, township):
    doc = _published(officer, township, 2024)
    listing = client.get("/reports/").content.decode()
    assert "2024年度" in listing and f'href="/gk/{township.code}/doc/{doc.pk}/report.pdf"' in listing
    page = client.get(f"/gk/{township.code}/doc/{doc.pk}/").content.decode()
    assert "下载年度报告" in page
    assert f'href="/gk/{township.code}/doc/{doc.pk}/report.pdf"' in page
    assert f'href="/gk/{township.code}/doc/{doc.pk}/report.docx"' in page
    pdf = client.get(f"/gk/{township.code}/doc/{doc.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "2024-annual-report.pdf" in pdf["Content-Disposition"]
    docx = client.get(f"/gk/{township.code}/doc/{doc.pk}/report.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    # The home page reaches the list.
    assert 'href="/reports/"' in client.get("/").content.decode()


def test_reports_still_in_review_are_not_public(client, officer, township):
    doc = services.publish_report(actor=officer, org=township, year=2024)  # left in review
    assert "暂无已发布的年度报告" in client.get("/reports/").content.decode()
    assert client.get(f"/gk/{township.code}/doc/{doc.pk}/report.pdf").status_code == 404


def test_only_pdf_and_word_and_only_report_documents(client, officer, township, other_township):
    doc = _published(officer, township, 2024)
    assert client.get(f"/gk/{township.code}/doc/{doc.pk}/report.json").status_code == 404
    assert client.get(f"/gk/{other_township.code}/doc/{doc.pk}/report.pdf").status_code == 404
