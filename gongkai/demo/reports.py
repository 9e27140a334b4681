"""Demo annual reports: the past years' 政府信息公开工作年度报告, generated from the demo's own records.

Each report is built from the year's requests, documents and cases (reports.selectors) and goes through
the same review chain as any document, so the portal shows it with its PDF and Word files.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from gongkai.orgs.models import Organization
from gongkai.reports.services import publish_report
from gongkai.review.rules import Action
from gongkai.review.services import transition

# (org code, the officer who drafts, the reviewers of its chain in order)
REPORTING = [
    ("yishuiljqz2322108", "ljq_officer", ["ljq_office", "ljq_leader", "ljq_secrecy"]),
    ("yishuisgz", "sg_officer", ["sg_reviewer", "sg_reviewer", "sg_reviewer"]),
]


def build_reports(today: date, years_back: int = 2) -> int:
    """Publish the reports of the last ``years_back`` years for the demo organizations with staff."""
    users = get_user_model().objects
    published = 0
    for code, officer_name, reviewer_names in REPORTING:
        org = Organization.objects.get(code=code)
        officer = users.get(username=officer_name)
        for year in range(today.year - years_back, today.year):
            doc = publish_report(actor=officer, org=org, year=year)
            for name in reviewer_names:
                doc.refresh_from_db()
                if doc.status != "in_review":
                    break
                doc = transition(actor=users.get(username=name), document=doc, action=Action.APPROVE, comment="同意发布。")
            transition(actor=officer, document=doc, action=Action.PUBLISH)
            published += 1
    return published
