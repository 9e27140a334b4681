"""axe-core on every public page type, in normal, elder and elder high-contrast modes: no serious or critical issue."""

from __future__ import annotations

import pytest

from .support import MODES, PAGE_NAMES, blocking, public_pages, run_axe, set_prefs

pytestmark = pytest.mark.django_db(transaction=True)


def _pages(site) -> dict[str, str]:
    doc = site.docs["subsidy"]
    return public_pages(site.url, f"/gk/{doc.org.code}/doc/{doc.pk}/", site.township.code, "notices", "医疗保险")


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_axe_has_no_serious_violations(page, site, name):
    url = _pages(site)[name]
    report = {}
    for mode, prefs in MODES.items():
        set_prefs(page.context, site.url, prefs)
        response = page.goto(url)
        assert response is not None
        assert response.status == (404 if name == "error_404" else 200), (mode, url)
        violations = run_axe(page)
        report[mode] = violations
        print(f"axe {name} [{mode}]: {len(violations)} violations", [(v["id"], v["impact"]) for v in violations])
    failures = {mode: blocking(v) for mode, v in report.items() if blocking(v)}
    assert not failures, failures
