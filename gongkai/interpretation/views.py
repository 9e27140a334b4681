"""Staff screens for interpretations (/staff/interpretation/…) and the public image download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from gongkai.audit.services import history
from gongkai.core.extract import html_to_text
from gongkai.documents.selectors import editor_orgs

from . import rules, selectors, services
from .forms import CreateForm, EditForm, ImageForm
from .models import InterpretationImage


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def interpretation_list(request: HttpRequest) -> HttpResponse:
    items = selectors.interpretations_for(request.user).order_by("-document__updated_at", "-pk")[:200]
    return render(request, "interpretation/staff_list.html", {"items": items})


@login_required
def pending(request: HttpRequest) -> HttpResponse:
    rows = selectors.pending_for(request.user)
    overdue = sum(1 for r in rows if r.sync.state == rules.SyncState.OVERDUE)
    return render(request, "interpretation/staff_pending.html", {"rows": rows, "overdue": overdue})


@login_required
def interpretation_new(request: HttpRequest) -> HttpResponse:
    orgs = editor_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("您不是任何机构的信息员，不能起草政策解读。")
    code = request.POST.get("org") or request.GET.get("org")
    org = orgs.filter(code=code).first() if code else orgs.first()
    if org is None:
        raise Http404("机构不存在")
    initial = {}
    policy_id = request.GET.get("policy", "")
    policy = selectors.policy_choices(request.user).filter(pk=policy_id).first() if policy_id.isdigit() else None
    if policy is not None:
        initial = {"policies": policy.index_number or str(policy.pk), "title": f"《{policy.title}》政策解读"}
    form = CreateForm(request.POST or None, initial=initial, policy_queryset=selectors.policy_choices(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = services.create_interpretation(
                    actor=request.user, org=org, title=data["title"], form=data["form"], policies=data["policies"],
                    sections=form.sections(), media_url=data["media_url"], media_source=data["media_source"],
                    summary=data["summary"])
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, "政策解读草稿已保存，请在文件页面完善正文并提交审核。")
                return redirect("interpretation:staff_detail", pk=item.pk)
        status = 400
    return render(request, "interpretation/staff_new.html",
                  {"form": form, "org": org, "orgs": orgs}, status=status)


@login_required
def interpretation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.interpretation_for(request.user, pk)
    policies = list(item.policies.select_related("org"))
    form = EditForm(request.POST or None, policy_queryset=selectors.policy_choices(request.user), initial={
        "form": item.form, "media_url": item.media_url, "media_source": item.media_source,
        "policies": "\n".join(p.index_number or str(p.pk) for p in policies)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_interpretation(actor=request.user, item=item, form=data["form"],
                                               policies=data["policies"], media_url=data["media_url"],
                                               media_source=data["media_source"])
            except (ValidationError, PermissionDenied) as exc:
                if isinstance(exc, PermissionDenied):
                    raise
                _apply_errors(form, exc)
            else:
                messages.success(request, "解读信息已保存。")
                return redirect("interpretation:staff_detail", pk=item.pk)
        status = 400
    return render(request, "interpretation/staff_detail.html", {
        "item": item, "doc": item.document, "policies": policies, "form": form, "image_form": ImageForm(),
        "images": list(item.images.all()), "missing": rules.missing_parts(html_to_text(item.document.body)),
        "history": history(item),
    }, status=status)


@login_required
@require_POST
def image_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.interpretation_for(request.user, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_image(actor=request.user, item=item, uploaded_file=form.cleaned_data["file"],
                               alt_text=form.cleaned_data["alt_text"], position=form.cleaned_data["position"] or 0)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "图片已添加。")
    else:
        messages.error(request, "；".join(str(e[0]) for e in form.errors.values()))
    return redirect("interpretation:staff_detail", pk=item.pk)


@login_required
@require_POST
def image_delete(request: HttpRequest, pk: int, image_id: int) -> HttpResponse:
    item = selectors.interpretation_for(request.user, pk)
    image = get_object_or_404(InterpretationImage, pk=image_id, interpretation=item)
    try:
        services.remove_image(actor=request.user, image=image)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "图片已删除。")
    return redirect("interpretation:staff_detail", pk=item.pk)


@require_safe
def public_image(request: HttpRequest, org_code: str, pk: int, image_id: int) -> FileResponse:
    image = selectors.public_image(org_code, pk, image_id)
    try:
        handle = image.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("file missing") from exc
    response = FileResponse(handle, content_type=image.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
