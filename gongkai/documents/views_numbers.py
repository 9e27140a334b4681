"""Staff screen of the 发文字号 the import could not read (/staff/documents/numbers/): correct or keep each one.

Imported documents are published with such a number kept as it came and flagged; the office lists them
here and settles each (documents.services.review_doc_number). Only organizations where the user drafts
are listed; any other document is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from gongkai.core.errors import RuleViolation
from gongkai.core.forms import error_text

from . import selectors
from . import services as documents


@login_required
@require_safe
def flagged_numbers(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.flagged_numbers(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "documents/staff/flagged_numbers.html", {"page": page})


@login_required
@require_POST
def review_number(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.flagged_numbers(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404("文件不存在或其发文字号无需核对。")
    keep = "keep" in request.POST
    try:
        document = documents.review_doc_number(actor=request.user, document=document, keep=keep,
                                               doc_number=request.POST.get("doc_number", "")[:200])
    except RuleViolation as exc:
        messages.error(request, f"《{document.title}》：{error_text(exc)}")
    else:
        done = "已按原样保留" if keep else "已更正为"
        messages.success(request, f"《{document.title}》的发文字号{done}“{document.doc_number}”。")
    return redirect("documents:flagged_numbers")
