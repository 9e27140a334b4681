"""Screenshots of the main portal pages (desktop 1280 px, phone 360 px, 长者模式) for docs/screenshots/.

Run by hand against a running demo site (``make demo`` serves it at http://127.0.0.1:8000)::

    .venv/bin/python -m tests.browser.screenshots [--base-url http://127.0.0.1:8000] [--out docs/screenshots]

Pages are found by following links from the home page, so any site with published documents works;
the survey shots are taken when some organization has a published survey with public results.
Each PNG shows one screen (not the whole scrolled page), which keeps files small.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urljoin

from .support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, REPO

SIZE_LIMIT = 300 * 1024
# (file name, page key, viewport, display-preference cookies)
SHOTS = [
    ("desktop-home.png", "home", DESKTOP, {}),
    ("desktop-org.png", "org", DESKTOP, {}),
    ("desktop-column.png", "column", DESKTOP, {}),
    ("desktop-document.png", "document", DESKTOP, {}),
    ("desktop-search.png", "search", DESKTOP, {}),
    ("desktop-foi-apply.png", "foi_apply", DESKTOP, {}),
    ("phone-home.png", "home", PHONE, {}),
    ("phone-document.png", "document", PHONE, {}),
    ("phone-foi-apply.png", "foi_apply", PHONE, {}),
    ("elder-home.png", "home", DESKTOP, {"gk_elder": "1"}),
    ("elder-document-phone.png", "document", PHONE, {"gk_elder": "1"}),
    ("elder-contrast-document.png", "document", DESKTOP, {"gk_elder": "1", "gk_contrast": "1"}),
    ("desktop-ask.png", "ask", DESKTOP, {}),
    ("elder-ask-phone.png", "ask_form", PHONE, {"gk_elder": "1"}),
    ("desktop-survey-results.png", "survey_results", DESKTOP, {}),
    ("phone-survey.png", "survey_form", PHONE, {}),
    ("elder-contrast-survey-results.png", "survey_results", DESKTOP, {"gk_elder": "1", "gk_contrast": "1"}),
    ("desktop-site-map.png", "site_map", DESKTOP, {}),
    ("desktop-consultations.png", "consultations", DESKTOP, {}),
    ("desktop-reports.png", "reports", DESKTOP, {}),
    ("phone-hudong.png", "hudong", PHONE, {}),
    ("elder-org-phone.png", "org", PHONE, {"gk_elder": "1"}),
]


def discover(page, base: str) -> dict[str, str]:
    """Addresses of the pages to show, found from the home page's latest items and breadcrumbs."""
    page.goto(base + "/")
    first = page.locator("#h-latest ~ .item-list a").first
    document = urljoin(base, first.get_attribute("href"))
    title = first.inner_text()
    page.goto(document)
    crumbs = page.locator(".breadcrumb a")
    org = urljoin(base, crumbs.nth(1).get_attribute("href"))
    column = urljoin(base, crumbs.last.get_attribute("href"))
    org_code = org.rstrip("/").rsplit("/", 1)[-1]
    keyword = title[:4]
    pages = {
        "home": base + "/",
        "org": org,
        "column": column,
        "document": document,
        "search": f"{base}/search/?q={keyword}",
        "foi_apply": f"{base}/foi/apply/?org={org_code}",
        "ask": f"{base}/ask/?org={org_code}",
        "ask_form": f"{base}/ask/?org={org_code}#main",  # on a phone: the form, not the header
        "site_map": f"{base}/map/",
        "consultations": f"{base}/hudong/consultations/",
        "reports": f"{base}/reports/",
        "hudong": f"{base}/hudong/",
    }
    pages.update(_survey_pages(page, base, org))
    return pages


def _survey_pages(page, base: str, org: str) -> dict[str, str]:
    """The first survey with public results among the org and the sites linked from the home page."""
    page.goto(base + "/")
    orgs = [org] + [urljoin(base, a.get_attribute("href")) for a in page.locator("a[href^='/gk/']").all()
                    if a.get_attribute("href").count("/") == 3]
    for org_url in dict.fromkeys(orgs):
        page.goto(org_url.rstrip("/") + "/surveys/")
        results = page.locator("main a[href$='/results/']")
        if page.url.endswith("/surveys/") and results.count():
            href = urljoin(base, results.first.get_attribute("href"))
            survey = href.removesuffix("results/")
            return {"survey": survey, "survey_form": survey + "#main", "survey_results": href}
    return {}


def take(base: str, out: Path) -> list[tuple[Path, int]]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai")
        page = context.new_page()
        pages = discover(page, base)
        for name, key, viewport, prefs in SHOTS:
            if key not in pages:
                print(f"跳过 {name}：演示站点没有公开结果的问卷调查", file=sys.stderr)
                continue
            context.clear_cookies()
            if prefs:
                context.add_cookies([{"name": k, "value": v, "url": base} for k, v in prefs.items()])
            page.set_viewport_size(viewport)
            page.goto(pages[key])
            page.evaluate("() => document.fonts.ready")
            path = out / name
            page.screenshot(path=str(path), full_page=False, animations="disabled", caret="hide")
            written.append((path, path.stat().st_size))
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Take the README screenshots of a running portal.")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"未找到 Chromium：{CHROMIUM}（请运行 make browser-deps）", file=sys.stderr)
        return 2
    too_big = []
    for path, size in take(args.base_url.rstrip("/"), args.out):
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {size // 1024} KB")
        if size > SIZE_LIMIT:
            too_big.append(path.name)
    if too_big:
        print(f"超过 300 KB：{'、'.join(too_big)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
