"""Staff screens for drafting documents (起草): list, new draft, edit, attachments, masking, 效力, register CSV.

The document page itself, which shows the review actions, and the review decisions live in
gongkai.review.views (documents < review: nothing here imports review). Every URL resolves through
selectors.document_for, so a document outside the user's organizations is a 404, never a 403.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.audit.services import history
from gongkai.core.csvexport import csv_safe
from gongkai.core.forms import error_text
from gongkai.orgs.selectors import orgs_for

from . import selectors
from . import services as documents
from .forms import AttachmentForm, DocumentForm, ValidityForm
from .models import Attachment, Status
from .presentation import register_rows

# The document page (review.views.document_detail): every screen here returns to it.
DOCUMENT_PAGE = "review:document"


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    org = request.GET.get("org", "")
    qs = selectors.search_documents(request.user, q=q, status=status, org=org)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "documents/staff/document_list.html", {
        "page": page, "q": q, "status": status, "org": org,
        "statuses": Status.choices, "orgs": orgs_for(request.user),
        "flagged_count": selectors.flagged_numbers(request.user).count(),
    })


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    orgs = selectors.editor_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("您不是任何机构的信息员，不能起草文件。")
    code = request.POST.get("org") or request.GET.get("org")
    org = orgs.filter(code=code).first() if code else (orgs.first() if orgs.count() == 1 else None)
    if org is None:
        return render(request, "documents/staff/choose_org.html", {"orgs": orgs})
    form = DocumentForm(request.POST or None, org=org, initial={"agency": org.name})
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        column = fields.pop("column")
        try:
            document = documents.create_draft(actor=request.user, org=org, column=column, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "草稿已保存。")
            return redirect(DOCUMENT_PAGE, pk=document.pk)
    return render(request, "documents/staff/document_form.html", {"form": form, "org": org, "document": None})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    if not selectors.can_edit(request.user, document):
        messages.error(request, "该文件当前不能由您修改。")
        return redirect(DOCUMENT_PAGE, pk=pk)
    form = DocumentForm(request.POST or None, instance=document, org=document.org)
    if request.method == "POST" and form.is_valid():
        document.refresh_from_db()  # the form wrote into the instance; the service compares with the database
        try:
            documents.update_draft(actor=request.user, document=document, **form.service_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "修改已保存。")
            return redirect(DOCUMENT_PAGE, pk=pk)
    return render(request, "documents/staff/document_form.html", {"form": form, "org": document.org, "document": document})


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件。")
    else:
        try:
            attachment = documents.add_attachment(actor=request.user, document=document, uploaded_file=form.cleaned_data["file"])
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"附件“{attachment.original_name}”已上传。")
    return redirect(DOCUMENT_PAGE, pk=pk)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, document=document)
    try:
        documents.remove_attachment(actor=request.user, attachment=attachment)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, "附件已删除。")
    return redirect(DOCUMENT_PAGE, pk=pk)


@login_required
@require_POST
def document_mask(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    try:
        count = documents.mask_personal_information(actor=request.user, document=document)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        if count:
            messages.success(request, f"已遮盖正文中的 {count} 处个人信息。附件中的内容请修改原文件后重新上传。")
        else:
            messages.info(request, "正文中没有需要遮盖的个人信息。")
    return redirect(DOCUMENT_PAGE, pk=pk)


@login_required
@require_POST
def document_validity(request: HttpRequest, pk: int) -> HttpResponse:
    """效力状态 of a published document (e.g. 废止), dated when the change took legal effect."""
    from .validity import record_validity_change

    document = selectors.document_for(request.user, pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(DOCUMENT_PAGE, pk=pk)
    try:
        record_validity_change(actor=request.user, document=document, **form.cleaned_data)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "已变更效力状态，公开页面和检索结果随之更新。")
    return redirect(DOCUMENT_PAGE, pk=pk)


@login_required
@require_safe
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """A draft's (or any document's) attachment for staff who may see the document; 404 outside scope."""
    document = selectors.document_for(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, document=document)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("附件文件不存在。") from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_register_csv(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="register-{document.pk}-{stamp}.csv"'
    response.write("\ufeff")  # BOM so that spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(["时间", "操作人", "操作", "审核环节", "原状态", "新状态", "意见"])
    for row in register_rows(history(document)):
        writer.writerow([row["at"].strftime("%Y-%m-%d %H:%M:%S")] + [csv_safe(row[k]) for k in (
            "actor", "action", "step", "from_state", "to_state", "comment")])
    return response
