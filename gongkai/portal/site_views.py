"""Site-level public pages of the portal: the HTML 网站地图 beside the XML sitemap for crawlers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page

from . import meta as page_meta
from . import registers, selectors

INTERACTION_LINKS = (
    ("/hudong/", "互动交流"),
    ("/ask/", "我要咨询"),
    ("/hudong/answers/", "咨询答复"),
    ("/hudong/consultations/", "意见征集"),
    ("/hudong/surveys/", "问卷调查"),
    ("/report-error/", "我要纠错"),
    ("/ask/track/", "留言及纠错办理查询"),
)

SERVICE_LINKS = (
    ("/foi/apply/", "依申请公开 · 提交申请"),
    ("/foi/track/", "依申请公开办理进度查询"),
    ("/search/", "信息检索"),
    ("/reports/", "政府信息公开工作年度报告"),
    ("/sitemap.xml", "XML 站点地图（供搜索引擎使用）"),
)


@require_safe
@public_page
def site_map(request: HttpRequest) -> HttpResponse:
    sections = []
    register_links = registers.links_by_org()

    def walk(nodes: list[selectors.OrgNode], depth: int) -> None:
        for node in nodes:
            sections.append(
                {
                    "org": node.org,
                    "depth": depth,
                    "columns": selectors.public_tree(selectors.column_tree(node.org)),
                    "registers": register_links.get(node.org.pk, []),
                }
            )
            walk(node.children, depth + 1)

    walk(selectors.org_directory(), 0)
    return render(
        request,
        "portal/site_map.html",
        {
            "sections": sections,
            "interaction_links": INTERACTION_LINKS,
            "service_links": SERVICE_LINKS,
            "page_meta": page_meta.column_meta("网站地图", page_meta.HOME),
        },
    )
