"""The staff document page and the review decisions taken on it (submit, approve, return, publish, …).

The page shows the document with its review chain, the actions the user may take now, the findings of
the personal-information scan and the register. Drafting screens are gongkai.documents.views.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.audit.services import history
from gongkai.core.forms import error_text
from gongkai.documents import selectors
from gongkai.documents.forms import AttachmentForm, CommentForm, ValidityForm
from gongkai.documents.models import Status
from gongkai.documents.presentation import register_rows
from gongkai.orgs.permissions import Capability, may

from . import services as review
from .presentation import ACTION_STYLES, finding_rows
from .rules import ACTION_LABELS, COMMENT_REQUIRED


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    chain = review.chain_for(document.org)
    actions = review.available_actions(request.user, document, chain=chain)
    findings: list[dict] = []
    scan_error = ""
    if document.status not in (Status.PUBLISHED, Status.WITHDRAWN):
        try:
            findings = review.findings_for(document)
        except ImportError:
            scan_error = "个人信息检查模块暂不可用。"
    return render(request, "review/document_detail.html", {
        "document": document,
        "chain": chain,
        "attachments": document.attachments.all(),
        "actions": [(a, ACTION_LABELS[a], ACTION_STYLES.get(a, ""), a in COMMENT_REQUIRED) for a in actions],
        "can_edit": review.can_edit(request.user, document, chain=chain),
        "is_secrecy_reviewer": may(request.user, document.org, Capability.CONFIRM_FINDINGS),
        "can_change_validity": may(request.user, document.org, Capability.CHANGE_VALIDITY),
        "findings": finding_rows(findings),
        "scan_error": scan_error,
        "register": register_rows(history(document)),
        "comment_form": CommentForm(),
        "validity_form": ValidityForm(initial={"status": document.validity, "effective_on": timezone.localdate()}),
        "attachment_form": AttachmentForm(),
    })


@login_required
@require_POST
def document_action(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "意见不能超过 2000 字。")
        return redirect("review:document", pk=pk)
    action = form.cleaned_data["action"]
    try:
        review.transition(
            actor=request.user, document=document, action=action, comment=form.cleaned_data["comment"],
            override_findings=form.cleaned_data["override_findings"],
        )
    except review.TransitionError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已{ACTION_LABELS.get(action, action)}。")
    return redirect("review:document", pk=pk)


@login_required
@require_POST
def document_confirm_findings(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    try:
        review.confirm_findings(actor=request.user, document=document, comment=request.POST.get("comment", "")[:2000])
    except review.TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已确认检查结果，该文件可以继续提交或发布。")
    return redirect("review:document", pk=pk)
