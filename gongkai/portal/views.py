"""Public portal views: thin, read through ``selectors``, cached through ``cache.public_page``."""

from __future__ import annotations

import mimetypes
from functools import lru_cache

import segno
from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from gongkai.core.display import CONTRAST_COOKIE, ELDER_COOKIE, FONT_COOKIE, FONT_SIZES
from gongkai.core.html import sanitize_html
from gongkai.core.pagecache import public_page
from gongkai.documents.models import Attachment
from gongkai.gazette.selectors import printed_in
from gongkai.interpretation.selectors import public_links
from gongkai.normative.selectors import public_lifecycle
from gongkai.orgs.models import Organization

from . import identity, registers, selectors
from . import meta as page_meta

PAGE_SIZE = 20
PREF_MAX_AGE = 365 * 24 * 60 * 60


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    directory = selectors.org_directory()
    # The site's own organization (its identity setting); the first top-level one if none is set.
    root = selectors.site_org(identity.for_request(request).org_code) or (directory[0].org if directory else None)
    main_columns = selectors.public_tree(selectors.column_tree(root)) if root else []
    return render(
        request,
        "portal/home.html",
        {
            "latest": selectors.latest_public(12),
            "directory": directory,
            "root_org": root,
            "main_columns": main_columns,
        },
    )


@require_safe
@public_page
def org_home(request: HttpRequest, org_code: str) -> HttpResponse:
    org = selectors.get_org(org_code)
    tree = selectors.column_tree(org)
    sections = selectors.foi_sections(tree)
    statutory = selectors.public_tree(sections.statutory)
    selectors.attach_latest(statutory)
    if sections.reports:
        selectors.attach_latest([sections.reports])
    return render(
        request,
        "portal/org_home.html",
        {
            "org": org,
            "sections": sections,
            "statutory": statutory,
            "has_latest": any(node.latest for node in statutory),
            "report_node": sections.reports,
            "guide_column": selectors.guide_column(org),
            "registers": registers.links_for(org),
        },
    )


@require_safe
@public_page
def guide(request: HttpRequest, org_code: str) -> HttpResponse:
    org = selectors.get_org(org_code)
    return render(
        request,
        "portal/guide.html",
        {
            "org": org,
            "parent_org": org.parent,
            "report_column": selectors.annual_report_column(org),
            "tree": selectors.column_tree(org),
        },
    )


def _page_number(raw: str | None) -> int:
    """A page number from the query string; anything that is not a positive integer means page 1."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return number if number >= 1 else 1


@require_safe
@public_page
def column(request: HttpRequest, org_code: str, slug: str) -> HttpResponse:
    org = selectors.get_org(org_code)
    col = selectors.get_column(org, slug)
    tree = selectors.column_tree(org)
    node = selectors.find_node(tree, col.pk)
    years = selectors.years_in(node.descendant_ids())
    raw_year = request.GET.get("year") or ""
    year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None  # anything else: all years
    docs = selectors.documents_in(node.descendant_ids())
    if year is not None:
        docs = docs.filter(published_on__year=year)
    paginator = Paginator(docs, PAGE_SIZE)
    number = _page_number(request.GET.get("page"))
    if number > paginator.num_pages:
        raise Http404("page out of range")
    page = paginator.page(number)
    return render(
        request,
        "portal/column.html",
        {
            "org": org,
            "column": col,
            "node": node,
            "children": selectors.public_tree(node.children),
            "siblings": selectors.siblings(tree, col),
            "years": years,
            "year": year,
            "ancestors": selectors.column_ancestors(col),
            "page": page,
            "page_range": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
            "page_meta": page_meta.column_meta(col.name, page_meta.DISCLOSURE, col.description),
        },
    )


@lru_cache(maxsize=4096)
def _qr_svg_markup(url: str) -> str:
    # About 9 ms per code with segno (make bench profile); a page's URL never changes, so each worker makes it once.
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, title="本页网址二维码", omitsize=True)
    return svg.replace("<svg ", '<svg role="img" aria-label="本页网址二维码" ', 1)


def _qr_svg(url: str) -> str:
    return mark_safe(_qr_svg_markup(url))  # generated by segno from our own URL, no user markup  # noqa: S308


def _clean_body(body: str) -> str:
    # The body is sanitized when stored; cleaning again on render is cheap (pages are cached)
    # and keeps one bad import or direct database edit from becoming stored XSS.
    return mark_safe(sanitize_html(body))  # noqa: S308


def _document_meta(doc, page_url: str) -> page_meta.MetaList:
    if doc.published_at:
        published = timezone.localtime(doc.published_at).strftime("%Y-%m-%d %H:%M")
    else:
        published = doc.published_on.isoformat() if doc.published_on else ""
    return page_meta.article_meta(
        column=doc.column.name, column_type=page_meta.DISCLOSURE, title=doc.title, published=published,
        source=doc.agency or doc.org.name, url=page_url, description=doc.summary, keywords=doc.subject,
    )


@require_safe
@public_page
def document(request: HttpRequest, org_code: str, pk: int, print_view: bool = False) -> HttpResponse:
    org = selectors.get_org(org_code)
    doc = selectors.get_public_document(org, pk)
    # Cached pages are shared whatever Host a reader used: the canonical address comes from settings.
    page_url = settings.SITE_URL + doc.get_absolute_url()
    return render(
        request,
        "portal/document.html",
        {
            "org": org,
            "doc": doc,
            "ancestors": selectors.column_ancestors(doc.column) + [doc.column],
            "body": _clean_body(doc.body),
            "attachments": list(doc.attachments.all()),
            "related": selectors.related_documents(doc),
            "interp": public_links(doc),
            # 政府网站发展指引: a modified, repealed or expired file is marked on the original.
            "lifecycle": public_lifecycle(doc),
            "gazette_issue": printed_in(doc),
            "qr_svg": _qr_svg(page_url),
            "page_url": page_url,
            "print_view": print_view or request.GET.get("print") == "1",
            "page_meta": _document_meta(doc, page_url),
        },
    )


@require_safe
def attachment(request: HttpRequest, org_code: str, pk: int, attachment_id: int) -> FileResponse:
    """Download an attachment; only attachments of public documents are served."""
    org = selectors.get_org(org_code)
    doc = selectors.get_public_document(org, pk)
    item = get_object_or_404(Attachment, pk=attachment_id, document=doc)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("file missing") from exc
    content_type = (
        item.content_type or mimetypes.guess_type(item.original_name)[0] or "application/octet-stream"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def preferences(request: HttpRequest) -> HttpResponseRedirect:
    """Set display preferences (字号, 高对比度, 长者模式) in cookies and go back; works without JavaScript."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    font = request.GET.get("font")
    if font in FONT_SIZES:
        response.set_cookie(FONT_COOKIE, font, max_age=PREF_MAX_AGE, samesite="Lax")
    for param, cookie in (("elder", ELDER_COOKIE), ("contrast", CONTRAST_COOKIE)):
        value = request.GET.get(param)
        if value == "1":
            response.set_cookie(cookie, "1", max_age=PREF_MAX_AGE, samesite="Lax")
        elif value == "0":
            response.delete_cookie(cookie, samesite="Lax")
    return response


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 once the database answers a query on the schema, 503 otherwise."""
    try:
        # A savepoint, so a failed probe never leaves an enclosing transaction unusable.
        with transaction.atomic():
            Organization.objects.exists()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
