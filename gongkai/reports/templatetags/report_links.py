"""``{% report_downloads doc %}``: the PDF and Word links of a published annual report's document page."""

from __future__ import annotations

from django import template

from ..models import AnnualReport

register = template.Library()


@register.inclusion_tag("reports/public/downloads.html")
def report_downloads(doc) -> dict:
    report = AnnualReport.objects.filter(published_document_id=doc.pk).only("id", "year").first()
    return {"report": report, "doc": doc}
