"""Links to the registers each organization publishes (规范性文件, 公报, 权责清单, 办事指南, 重大决策, 建议提案).

An organization's page and the 网站地图 list a register only where it has public content, so no link
leads to an empty page (the website checks count empty columns). One query per register, for every
organization at once.
"""

from __future__ import annotations

from collections import defaultdict

from gongkai.decisions.models import CatalogStatus, DecisionCatalog
from gongkai.gazette.models import GazetteIssue, IssueStatus
from gongkai.guides.models import GuideStatus, ServiceGuide
from gongkai.normative.selectors import public_normative
from gongkai.orgs.models import Organization
from gongkai.powers.models import ListStatus, PowerList
from gongkai.proposals.models import Proposal, ProposalStatus

LABELS = (
    ("normative", "行政规范性文件"),
    ("gazette", "政府公报"),
    ("powers", "权责清单"),
    ("guides", "办事指南"),
    ("decisions", "重大行政决策事项目录"),
    ("proposals", "建议提案办理结果"),
)
PATHS = {"normative": "normative/", "gazette": "gazette/", "powers": "powers/", "guides": "guides/",
         "decisions": "decisions/", "proposals": "proposals/"}


def _with_ancestors(ids: set[int]) -> set[int]:
    """An organization's catalog of normative documents includes its units': their ancestors list it too."""
    parents = dict(Organization.objects.values_list("pk", "parent_id"))
    out = set()
    for pk in ids:
        node = pk
        while node is not None and node not in out:
            out.add(node)
            node = parents.get(node)
    return out


def orgs_with_content() -> dict[str, set[int]]:
    """Register → ids of the organizations whose page for it has public content."""
    return {
        "normative": _with_ancestors(set(public_normative().values_list("document__org_id", flat=True))),
        "gazette": set(GazetteIssue.objects.filter(status=IssueStatus.PUBLISHED).values_list("org_id", flat=True)),
        "powers": set(PowerList.objects.filter(status=ListStatus.PUBLISHED).values_list("org_id", flat=True)),
        "guides": set(ServiceGuide.objects.filter(status=GuideStatus.PUBLISHED).values_list("org_id", flat=True)),
        "decisions": set(DecisionCatalog.objects.filter(status=CatalogStatus.PUBLISHED)
                         .values_list("org_id", flat=True)),
        "proposals": set(Proposal.objects.filter(status=ProposalStatus.PUBLISHED).values_list("org_id", flat=True)),
    }


def links_by_org() -> dict[int, list[tuple[str, str]]]:
    """Organization id → [(href, label)] of its registers with public content; needs the org codes."""
    content = orgs_with_content()
    codes = dict(Organization.objects.values_list("pk", "code"))
    links: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for key, label in LABELS:
        for pk in sorted(content[key]):
            if pk in codes:
                links[pk].append((f"/gk/{codes[pk]}/{PATHS[key]}", label))
    return links


def links_for(org: Organization) -> list[tuple[str, str]]:
    content = orgs_with_content()
    return [(f"/gk/{org.code}/{PATHS[key]}", label) for key, label in LABELS if org.pk in content[key]]
