"""Public pages of disclosure on request: the application form, its confirmation, tracking and correction."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.core import ratelimit
from gongkai.core.forms import add_service_errors, mark_errors

from . import intake, letters, selectors, services, services_clock
from .choices import Status
from .forms import CorrectionForm, PublicApplicationForm, TrackForm
from .intake import DB_UNAVAILABLE
from .rules import RuleError

logger = logging.getLogger(__name__)

TRACKED_KEY = "foi_tracked"
DONE_KEY = "foi_submitted"


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        outcome = intake.take_in(lambda: PublicApplicationForm(request.POST), lambda form: form.applicant_fields(), ip)
        if outcome.status == 201:
            req = outcome.request
            request.session[DONE_KEY] = {"number": req.number, "code": outcome.code}
            request.session.setdefault(TRACKED_KEY, []).append(req.number)
            request.session.modified = True
            return redirect("foi:apply_done")
        if outcome.status == 503:
            # The database stayed away for the whole retry window: a page that needs no database.
            return render(request, "foi/unavailable.html", {"message": DB_UNAVAILABLE}, status=503)
        form, status = outcome.form, outcome.status
        if status == 429:
            form.add_error(None, ratelimit.MESSAGE)
        if outcome.violation is not None:
            add_service_errors(form, outcome.violation)
        form.reshow()
        mark_errors(form)
    else:
        form = PublicApplicationForm(initial={"org": request.GET.get("org", "")})
    return render(request, "foi/apply.html", {"form": form}, status=status)


def apply_done(request: HttpRequest) -> HttpResponse:
    """Shows the number and query code once, right after submission."""
    done = request.session.pop(DONE_KEY, None)
    if done is None:
        return redirect("foi:track")
    req = selectors.find_for_applicant(done["number"], done["code"])
    return render(request, "foi/apply_done.html", {"done": done, "req": req})


def _tracked(request, number: str) -> bool:
    return number in request.session.get(TRACKED_KEY, [])


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Number + query code → status. POST keeps the code out of addresses and logs."""
    view, status = None, 200
    if request.method == "POST":
        form = TrackForm(request.POST)
        ip = ratelimit.client_ip(request)
        if ratelimit.tracking_blocked(ip):
            form.is_valid()
            form.add_error(None, ratelimit.TRACK_MESSAGE)
            status = 429
        elif form.is_valid():
            req = selectors.find_for_applicant(form.cleaned_data["number"], form.cleaned_data["code"])
            if req is None:
                ratelimit.record_failed_tracking(ip)
                form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
                status = 404
            else:
                tracked = request.session.get(TRACKED_KEY, [])
                if req.number not in tracked:
                    request.session[TRACKED_KEY] = [*tracked, req.number][-20:]
                return redirect("foi:track_status", number=req.number)
        else:
            status = 400
        mark_errors(form)
    else:
        form = TrackForm()
    return render(request, "foi/track.html", {"form": form, "view": view}, status=status)


def track_status(request: HttpRequest, number: str) -> HttpResponse:
    """The status page of a request whose code this browser session has given."""
    if not _tracked(request, number):
        return redirect("foi:track")
    req = selectors.requests_in_all().filter(number=number).first()
    if req is None:
        return redirect("foi:track")
    correction_form = CorrectionForm() if req.status == Status.WAITING_CORRECTION else None
    return render(request, "foi/status.html", {"view": selectors.applicant_view(req),
                                               "letters": letters.issued_for_applicant(req),
                                               "correction_form": correction_form})


@require_http_methods(["POST"])
def upload_correction(request: HttpRequest, number: str) -> HttpResponse:
    if not _tracked(request, number):
        return redirect("foi:track")
    req = selectors.requests_in_all().filter(number=number).first()
    if req is None or req.status != Status.WAITING_CORRECTION:
        return redirect("foi:track")
    form = CorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services_clock.receive_correction(req, actor="申请人（网上补正）", on=services.today(),
                                        text=form.cleaned_data["text"], upload=form.cleaned_data["file"])
        except RuleError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("foi:track_status", number=number)
    mark_errors(form)
    return render(request, "foi/status.html", {"view": selectors.applicant_view(req), "correction_form": form,
                                               "letters": letters.issued_for_applicant(req)}, status=400)


def _tracked_request(request: HttpRequest, number: str):
    if not _tracked(request, number):
        raise Http404("请先凭申请编号和查询码查询。")
    req = selectors.requests_in_all().filter(number=number).first()
    if req is None:
        raise Http404("申请不存在。")
    return req


def letter_download(request: HttpRequest, number: str, pk: int, fmt: str) -> FileResponse:
    """An issued letter of a request this browser session has tracked."""
    from .staff_letters import letter_file

    letter = letters.issued_for_applicant(_tracked_request(request, number)).filter(pk=pk).first()
    if letter is None:
        raise Http404("文书不存在。")
    return letter_file(letter, fmt)


def disclosed_download(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """A file disclosed with the issued reply."""
    req = _tracked_request(request, number)
    attachment = req.attachments.filter(pk=pk, letters__issued_on__isnull=False).distinct().first()
    if attachment is None:
        raise Http404("文件不存在。")
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
