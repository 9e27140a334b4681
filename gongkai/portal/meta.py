"""Page meta tags of the national convention (政府网站网页元数据, 政府网站发展指引 国办发〔2017〕47号).

Every page carries the site tags (SiteName, SiteDomain, SiteIDCode); column pages add ColumnName,
ColumnDescription, ColumnKeywords and ColumnType; article pages add ArticleTitle, PubDate,
ContentSource, Keywords, Author, Description and Url (decision 0xx in docs/decisions.md).
Views build the page's list with these helpers; pages that give none get their column from the
URL's application (``default_for``).
"""

from __future__ import annotations

from django.http import HttpRequest

MetaList = list[tuple[str, str]]

# ColumnType values: the 指引's four core functions as the column categories.
DISCLOSURE = "信息公开"
INTERPRETATION = "解读回应"
INTERACTION = "互动交流"
SERVICE = "办事服务"
HOME = "首页"

# Pages of other applications: (ColumnName, ColumnType) by URL namespace.
APP_COLUMNS: dict[str, tuple[str, str]] = {
    "interaction": ("互动交流", INTERACTION),
    "interpretation": ("政策解读", INTERPRETATION),
    "foi": ("依申请公开", DISCLOSURE),
    "search": ("信息检索", SERVICE),
    "guides": ("办事指南", SERVICE),
    "powers": ("权责清单", DISCLOSURE),
    "normative": ("行政规范性文件", DISCLOSURE),
    "gazette": ("政府公报", DISCLOSURE),
    "portal": ("政府信息公开", DISCLOSURE),
}


def column_meta(name: str, column_type: str, description: str = "", keywords: str = "") -> MetaList:
    return [
        ("ColumnName", name),
        ("ColumnDescription", description or name),
        ("ColumnKeywords", keywords or name),
        ("ColumnType", column_type),
    ]


def article_meta(
    *,
    column: str,
    column_type: str,
    title: str,
    published: str,
    source: str,
    url: str,
    description: str = "",
    keywords: str = "",
    author: str = "",
) -> MetaList:
    """The article tags after the column tags; PubDate as ``YYYY-MM-DD HH:MM`` as gov.cn writes it."""
    return column_meta(column, column_type) + [
        ("ArticleTitle", title),
        ("PubDate", published),
        ("ContentSource", source),
        ("Keywords", keywords or title),
        ("Author", author or source),
        ("Description", description or title),
        ("Url", url),
    ]


def default_for(request: HttpRequest) -> MetaList:
    """Column tags for a page whose view gave none, from its URL's application."""
    match = getattr(request, "resolver_match", None)
    app = match.app_name if match else ""
    if match and match.url_name == "home" and app == "portal":
        return []
    name, kind = APP_COLUMNS.get(app, ("", ""))
    return column_meta(name, kind) if name else []
