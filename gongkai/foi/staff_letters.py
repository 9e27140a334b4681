"""Staff pages of the reply letter: draft from the template, edit, attach disclosed files, preview, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from . import letter_render, letters
from .forms import DisclosedFileForm, DraftReplyForm, LetterEditForm
from .models import Letter
from .rules import RuleError
from .staff_views import scoped

CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _errors(form) -> str:
    return "；".join(f"{form.fields[k].label if k in form.fields else ''}{v[0]}" for k, v in form.errors.items())


def _letter(request: HttpRequest, number: str, pk: int) -> Letter:
    req = scoped(request, number)
    letter = req.letters.filter(pk=pk).select_related("request__org").first()
    if letter is None:
        raise Http404("文书不存在。")
    return letter


@login_required
@require_POST
def draft(request: HttpRequest, number: str) -> HttpResponse:
    req = scoped(request, number)
    form = DraftReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        try:
            letters.draft_reply(req, actor=request.user, **form.cleaned_data)
        except RuleError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已按模板起草答复书，请核对修改后提交审核。")
    return redirect("foi:staff_detail", number=number)


@login_required
@require_POST
def edit(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    letter = _letter(request, number, pk)
    form = LetterEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        try:
            letters.edit_letter(letter, actor=request.user, body=form.cleaned_data["body"])
        except RuleError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "答复书已保存。")
    return redirect("foi:staff_detail", number=number)


@login_required
@require_POST
def attach(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    letter = _letter(request, number, pk)
    form = DisclosedFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        try:
            letters.attach_disclosed(letter, actor=request.user, upload=form.cleaned_data["file"])
        except RuleError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "附件已添加，将随答复书提供给申请人。")
    return redirect("foi:staff_detail", number=number)


@login_required
def preview(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    """The draft as it would print today (PDF), for the reviewers; nothing is stored."""
    letter = _letter(request, number, pk)
    pdf = letter_render.to_pdf(letters.content_of(letter))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.request.number}-draft.pdf"'
    return response


def letter_file(letter: Letter, fmt: str) -> FileResponse:
    """The stored file of an issued letter (shared by the applicant's tracking page)."""
    if not letter.is_issued or fmt not in CONTENT_TYPES:
        raise Http404("文书不存在。")
    field = letter.pdf if fmt == "pdf" else letter.docx
    if not field:
        raise Http404("文书不存在。")
    return FileResponse(field.open("rb"), as_attachment=fmt == "docx", content_type=CONTENT_TYPES[fmt],
                        filename=f"{letter.request.number}-{letter.kind}.{fmt}")


@login_required
def download(request: HttpRequest, number: str, pk: int, fmt: str) -> FileResponse:
    return letter_file(_letter(request, number, pk), fmt)
