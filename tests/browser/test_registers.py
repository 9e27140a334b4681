"""Every public and staff page of the registers (normative documents, gazette, power list, guides, decisions,
proposals): axe without serious or critical issues (normal, elder, elder high-contrast), valid HTML, and no
horizontal scroll at 360 px. The pages carry the demo's register entries, built once for the whole check."""

from __future__ import annotations

import datetime as dt

import pytest

from .support import MODES, PHONE, blocking, run_axe, set_prefs, validate_html

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2026, 11, 26)
# vnu's advice that date inputs lack a picker in some browsers; every supported browser has one.
IGNORED = ("The “date” input type is not supported in all browsers", "The “inputmode” attribute is not supported")


def _pages(base: str) -> tuple[dict[str, str], dict[str, str]]:
    from gongkai.decisions.models import DecisionItem
    from gongkai.gazette.models import GazetteIssue
    from gongkai.guides.models import ServiceGuide
    from gongkai.normative.models import CleanupCampaign, NormativeDocument
    from gongkai.powers.models import PowerList
    from gongkai.proposals.models import Proposal

    ljq, county = "yishuiljqz2322108", "yishui"
    done = CleanupCampaign.objects.get(status="published")
    running = CleanupCampaign.objects.get(status="open")
    issue = GazetteIssue.objects.filter(status="published").first()
    draft_issue = GazetteIssue.objects.get(status="draft")
    current = PowerList.objects.get(status="published")
    guide = ServiceGuide.objects.filter(status="published").first()
    draft_guide = ServiceGuide.objects.get(status="draft")
    item = DecisionItem.objects.first()
    proposal = Proposal.objects.first()
    normative = NormativeDocument.objects.filter(lifecycle="repealed").first()
    gk = f"{base}/gk"
    public = {
        "normative_catalog": f"{gk}/{county}/normative/",
        "normative_all": f"{gk}/{ljq}/normative/?status=all",
        "normative_repealed_document": f"{gk}/{ljq}/doc/{normative.document_id}/",
        "cleanup_results": f"{gk}/{county}/normative/cleanup/{done.pk}/",
        "gazette": f"{gk}/{county}/gazette/",
        "gazette_issue": f"{gk}/{county}/gazette/{issue.year}/{issue.number}/",
        "gazette_search": f"{gk}/{county}/gazette/search/?q=通知",
        "powers": f"{gk}/{ljq}/powers/",
        "powers_filtered": f"{gk}/{ljq}/powers/?category=penalty",
        "power_item": f"{gk}/{ljq}/powers/items/LJQ-JC-001/",
        "powers_history": f"{gk}/{ljq}/powers/history/",
        "guides": f"{gk}/{ljq}/guides/",
        "guide": f"{gk}/{ljq}/guides/{guide.pk}/",
        "guide_print": f"{gk}/{ljq}/guides/{guide.pk}/print/",
        "decisions": f"{gk}/{county}/decisions/",
        "proposals": f"{gk}/{proposal.org.code}/proposals/",
        "proposal": f"{gk}/{proposal.org.code}/proposals/{proposal.pk}/",
    }
    staff = {
        "s_normative": f"{base}/staff/normative/",
        "s_normative_item": f"{base}/staff/normative/{normative.pk}/",
        "s_register_pick": f"{base}/staff/normative/register/",
        "s_expiring": f"{base}/staff/normative/expiring/",
        "s_cleanups": f"{base}/staff/normative/cleanup/",
        "s_cleanup": f"{base}/staff/normative/cleanup/{running.pk}/",
        "s_gazette": f"{base}/staff/gazette/",
        "s_gazette_tracking": f"{base}/staff/gazette/tracking/",
        "s_gazette_draft": f"{base}/staff/gazette/{draft_issue.pk}/",
        "s_powers": f"{base}/staff/powers/",
        "s_power_list": f"{base}/staff/powers/{current.pk}/",
        "s_guides": f"{base}/staff/guides/",
        "s_guide": f"{base}/staff/guides/{draft_guide.pk}/",
        "s_decisions": f"{base}/staff/decisions/",
        "s_decision_catalog": f"{base}/staff/decisions/{item.catalog_id}/",
        "s_decision_item": f"{base}/staff/decisions/items/{item.pk}/",
        "s_proposals": f"{base}/staff/proposals/",
        "s_proposal": f"{base}/staff/proposals/{proposal.pk}/",
    }
    return public, staff


@pytest.fixture
def registers(live_server, settings, tmp_path):
    from gongkai.demo.build import build
    from gongkai.demo.registers import build_registers

    settings.MEDIA_ROOT = tmp_path / "media"
    build(today=TODAY)
    build_registers(TODAY)
    return _pages(live_server.url)


def _log_in(page, base: str) -> None:
    from gongkai.demo.build import DEMO_PASSWORD

    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill("county_office")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")


def test_register_pages_pass_axe_vnu_and_fit_a_phone(page, live_server, registers, tmp_path):
    public, staff = registers
    problems: dict[str, object] = {}
    files = []
    for mode in ("normal", "elder_contrast"):
        set_prefs(page.context, live_server.url, MODES[mode])
        for name, url in public.items():
            response = page.request.get(url)
            assert response.status == 200, url
            path = tmp_path / f"{name}-{mode}.html"
            path.write_bytes(response.body())
            files.append(path)
    for name, url in public.items():
        for mode in ("normal", "elder", "elder_contrast"):
            set_prefs(page.context, live_server.url, MODES[mode])
            page.set_viewport_size(PHONE if mode == "elder" else {"width": 1280, "height": 900})
            page.goto(url)
            bad = blocking(run_axe(page))
            if bad:
                problems[f"axe {name} {mode}"] = bad
        for mode in ("normal", "elder"):
            set_prefs(page.context, live_server.url, MODES[mode])
            page.set_viewport_size(PHONE)
            page.goto(url)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems[f"360px {name} {mode}"] = width
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, live_server.url)
    for name, url in staff.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(page.request.get(url).body())
        files.append(path)
        bad = blocking(run_axe(page))
        if bad:
            problems[f"axe {name}"] = bad
        page.set_viewport_size(PHONE)
        page.goto(url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems[f"360px {name}"] = width
    for message in validate_html(files):
        if not message["message"].startswith(IGNORED):
            problems[f"vnu {message.get('url', '').rsplit('/', 1)[-1]}:{message.get('lastLine')}"] = message["message"]
    assert not problems, problems
