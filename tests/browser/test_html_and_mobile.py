"""HTML of every public page type is valid (Nu Html Checker); the document page reads at 360 px wide."""

from __future__ import annotations

import pytest

from .support import MODES, PAGE_NAMES, PHONE, public_pages, set_prefs, validate_html

pytestmark = pytest.mark.django_db(transaction=True)
# vnu's outdated advice on inputmode, which every browser the portal supports implements.
IGNORED_WARNING = "The “inputmode” attribute is not supported in all browsers"


def _pages(site) -> dict[str, str]:
    doc = site.docs["subsidy"]
    return public_pages(site.url, f"/gk/{doc.org.code}/doc/{doc.pk}/", site.township.code, "notices", "医疗保险")


def test_public_pages_are_valid_html(page, site, tmp_path):
    files = []
    for mode in ("normal", "elder_contrast"):
        set_prefs(page.context, site.url, MODES[mode])
        for name, url in _pages(site).items():
            response = page.request.get(url)
            assert response.status == (404 if name == "error_404" else 200), url
            path = tmp_path / f"{name}-{mode}.html"
            path.write_bytes(response.body())
            files.append(path)
    assert len(files) == 2 * len(PAGE_NAMES)
    problems = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in validate_html(files)
        if not m["message"].startswith(IGNORED_WARNING)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["document", "column", "home", "foi_apply", "search"])
def test_no_horizontal_scroll_at_360_px(page, site, name):
    page.set_viewport_size(PHONE)
    for mode in ("normal", "elder"):
        set_prefs(page.context, site.url, MODES[mode])
        page.goto(_pages(site)[name])
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (name, mode, width)


def test_wide_tables_scroll_inside_their_box_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site.doc_url("subsidy"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # The table in the body keeps legible columns and scrolls within its labelled box; the page does not.
    box = page.get_by_role("region", name="正文表格1（可横向滚动）")
    assert box.get_attribute("tabindex") == "0"
    scroll_width, client_width = box.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert scroll_width > client_width <= PHONE["width"]
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.doc-body .table-wrap').scrollLeft > 0")
    # The metadata table fits, wrapped in a keyboard-focusable region.
    wrap = page.get_by_role("region", name="信息基本属性（可横向滚动）")
    assert wrap.get_attribute("tabindex") == "0"
    box = wrap.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(".meta-table").is_visible()
