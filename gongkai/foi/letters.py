"""Writes of the letters to the applicant: draft the reply from its template, edit, attach, issue; notices.

A reply letter is drafted once an outcome is chosen, edited by whoever holds the current step
(rules.editing_roles), passed through the review steps (each advance records the body's SHA-256), and
issued with the reply: .docx and PDF are rendered, stored with their SHA-256 and recorded in the register.
Notices of the clock events (correction, extension, fee) are drafted and issued at once by those services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core import files as stored_files
from gongkai.orgs.selectors import roles_in

from . import events, letter_render, letter_texts, rules
from .actions import RequestAction
from .choices import EventKind, Outcome
from .deadlines import impossible_date
from .letter_texts import REGULATION, chinese_date
from .models import AttachmentKind, DisclosureRequest, Letter, LetterKind, RequestAttachment
from .rules import Action, RuleError
from .services import _actor_name, _audit, _event, _locked, _transition, authorize, today


def _facts(req: DisclosureRequest) -> dict[str, Any]:
    """The request's facts every letter starts from (never the applicant's ID number or phone)."""
    parent = req.org.parent.name if req.org.parent_id else None
    return {
        "name": req.name or "申请人", "number": req.number, "received": chinese_date(req.received_on),
        "description": req.description.strip(), "regulation": REGULATION, "agency": req.org.name,
        "reconsideration_body": letter_texts.reconsideration_body(parent),
    }


def content_of(letter: Letter, *, on: dt.date | None = None) -> letter_render.LetterContent:
    """What the letter prints: agency heading, title, request number, body, attachments, date."""
    body = letter.body
    names = [a.name for a in letter.disclosed.all()] if letter.pk else []
    if names:
        listing = "；".join(f"{i}. {n}" for i, n in enumerate(names, 1))
        body = f"{body.rstrip()}\n附件：{listing}\n"
    return letter_render.LetterContent(
        agency=letter.request.org.name, title=str(LetterKind(letter.kind).label),
        number=f"（申请编号：{letter.request.number}）", body=body,
        date=chinese_date(on or letter.issued_on or today()),
    )


def _check_editor(req: DisclosureRequest, actor) -> None:
    if not rules.editing_roles(req.status) & roles_in(actor, req.org):
        raise RuleError("当前环节的答复书只能由本环节的办理人员起草或修改。", "actor")


def _validate_reply(outcome: str, *, withheld_notes: str, transferred_to: str, note: str) -> None:
    if outcome not in Outcome.values:
        raise RuleError("请选择一项办理结果。", "outcome")
    if outcome == Outcome.PARTIALLY_GRANTED and not letter_texts.withheld_items(withheld_notes):
        raise RuleError("部分公开须逐项写明不予公开的部分及理由（条例第三十七条）。", "withheld_notes")
    if outcome == Outcome.OTHER and not note.strip():
        raise RuleError("“其他处理”须写明处理情况和理由。", "text")


def _reply_body(req: DisclosureRequest, letter: Letter | None, *, outcome: str, withheld_notes: str,
                transferred_to: str, note: str) -> tuple[str, str]:
    text = letter_texts.reply_text(outcome, transferred_to=transferred_to)
    disclosed = [a.name for a in letter.disclosed.all()] if letter is not None and letter.pk else []
    context = {**_facts(req), "outcome": outcome, "basis": text.basis, "reason": text.reason, "note": note.strip(),
               "withheld": letter_texts.withheld_items(withheld_notes), "transferred_to": transferred_to.strip(),
               "disclosed": disclosed}
    return text.template, letter_render.draft_body(text.template, context)


def draft_reply(req: DisclosureRequest, *, actor, outcome: str, withheld_notes: str = "", transferred_to: str = "",
                note: str = "") -> Letter:
    """Draft (or redraft) the reply letter of ``outcome`` from its template; files attached earlier stay."""
    _check_editor(req, actor)
    _validate_reply(outcome, withheld_notes=withheld_notes, transferred_to=transferred_to, note=note)
    with transaction.atomic():
        req = _locked(req)
        if not req.is_open:
            raise RuleError("本申请已答复，不能再起草答复书。", "outcome")
        letter = req.letters.filter(kind=LetterKind.REPLY).first() or Letter(request=req, kind=LetterKind.REPLY)
        letter.template, letter.body = _reply_body(req, letter, outcome=outcome, withheld_notes=withheld_notes,
                                                   transferred_to=transferred_to, note=note)
        letter.outcome, letter.withheld_notes, letter.transferred_to = outcome, withheld_notes, transferred_to.strip()
        letter.drafted_by = actor if getattr(actor, "is_authenticated", False) else None
        letter.save()
        _audit(req, RequestAction.LETTER_DRAFTED, actor=actor, comment=str(Outcome(outcome).label),
               data={"letter": letter.pk, "template": letter.template, "sha256": letter.body_sha256})
        return letter


def edit_letter(letter: Letter, *, actor, body: str) -> Letter:
    """Staff edit the draft's text; every version's SHA-256 is recorded, an issued letter never changes."""
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise RuleError("答复书正文不能为空。", "body")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("request__org").get(pk=letter.pk)
        _check_editor(letter.request, actor)
        if letter.is_issued:
            raise RuleError("答复书已出具，不能再修改。", "body")
        before = letter.body_sha256
        letter.body = body + "\n"
        letter.save(update_fields=["body", "updated_at"])
        _audit(letter.request, RequestAction.LETTER_EDITED, actor=actor,
               data={"letter": letter.pk, "before_sha256": before, "sha256": letter.body_sha256})
        return letter


def attach_disclosed(letter: Letter, *, actor, upload) -> RequestAttachment:
    """Attach a disclosed file to the draft reply; the applicant downloads it with the issued reply."""
    with stored_files.removed_on_rollback(), transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("request__org").get(pk=letter.pk)
        _check_editor(letter.request, actor)
        if letter.is_issued or letter.kind != LetterKind.REPLY:
            raise RuleError("只能向未出具的答复书添加附件。", "file")
        attachment = RequestAttachment.objects.create(request=letter.request, kind=AttachmentKind.DISCLOSED,
                                                      file=upload, name=upload.name)
        stored_files.written(attachment.file)
        letter.disclosed.add(attachment)
        _audit(letter.request, RequestAction.LETTER_ATTACHMENT_ADDED, actor=actor,
               data={"letter": letter.pk, "attachment": attachment.pk, "name": attachment.name})
        return attachment


def _store(letter: Letter, *, actor, on: dt.date, files: tuple[bytes, bytes]) -> Letter:
    """Freeze ``letter`` as issued on ``on`` with its rendered files; call inside a transaction
    wrapped in ``files.removed_on_rollback()``, so a rollback leaves no orphan files."""
    docx, pdf = files
    stem = f"{letter.request.number}-{letter.kind}"
    letter.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    letter.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    stored_files.written(letter.docx, letter.pdf)
    letter.docx_sha256, letter.pdf_sha256 = letter_render.sha256(docx), letter_render.sha256(pdf)
    letter.issued_on, letter.issued_at, letter.issued_by_name = on, timezone.now(), _actor_name(actor)
    letter.save()
    data = {"letter": letter.pk, "letter_kind": letter.kind, "docx_sha256": letter.docx_sha256,
            "pdf_sha256": letter.pdf_sha256, "body_sha256": letter.body_sha256}
    title = str(LetterKind(letter.kind).label)
    _event(letter.request, EventKind.LETTER_ISSUED, on=on, actor=actor, comment=title, data=data)
    _audit(letter.request, RequestAction.LETTER_ISSUED, actor=actor, comment=title, data=data)
    return letter


def render_files(letter: Letter, *, on: dt.date) -> tuple[bytes, bytes]:
    content = content_of(letter, on=on)
    return letter_render.to_docx(content), letter_render.to_pdf(content)


@dataclass(frozen=True)
class Rendered:
    """A letter rendered before the write transaction (WeasyPrint takes 0.15 s warm, over 1 s cold)."""

    content: letter_render.LetterContent
    files: tuple[bytes, bytes]


def render(letter: Letter, *, on: dt.date) -> Rendered:
    content = content_of(letter, on=on)
    return Rendered(content, (letter_render.to_docx(content), letter_render.to_pdf(content)))


def _files_for(letter: Letter, *, on: dt.date, rendered: Rendered | None) -> tuple[bytes, bytes]:
    """The files rendered before the lock if the letter still prints the same, else a fresh rendering
    (only when another writer changed the request in between)."""
    content = content_of(letter, on=on)
    if rendered is not None and rendered.content == content:
        return rendered.files
    return letter_render.to_docx(content), letter_render.to_pdf(content)


def _notice(req: DisclosureRequest, kind: str, *, actor, context: dict[str, Any]) -> Letter:
    template, basis = letter_texts.NOTICE_TEMPLATES[kind]
    body = letter_render.draft_body(template, {**_facts(req), "basis": basis, **context})
    return Letter(request=req, kind=kind, template=template, body=body,
                  drafted_by=actor if getattr(actor, "is_authenticated", False) else None)


def prepare_notice(req: DisclosureRequest, kind: str, *, actor, on: dt.date, context: dict[str, Any]) -> Rendered:
    """Render a notice before the write transaction, from the facts as they are expected to be stored."""
    return render(_notice(req, kind, actor=actor, context=context), on=on)


def issue_notice(req: DisclosureRequest, kind: str, *, actor, on: dt.date, context: dict[str, Any],
                 rendered: Rendered | None = None) -> Letter:
    """Draft a notice from its template and issue it at once; call inside the clock service's transaction
    with what ``prepare_notice`` rendered before it."""
    letter = _notice(req, kind, actor=actor, context=context)
    files = _files_for(letter, on=on, rendered=rendered)
    letter.save()
    return _store(letter, actor=actor, on=on, files=files)


def reply(req: DisclosureRequest, *, actor, on: dt.date, outcome: str | None = None, text: str = "",
          withheld_notes: str = "", transferred_to: str = "", on_the_spot: bool = False) -> DisclosureRequest:
    """Issue the reply with exactly one outcome code (contracts.md) and its letter.

    The reviewed draft is issued as it stands; without a draft (an on-the-spot answer, a lapse) the letter is
    drafted from the outcome's template first. The files are rendered before the write transaction.
    """
    authorize(req, Action.REPLY, actor=actor)
    if (problem := impossible_date("reply", on, today=today(), received_on=req.received_on)) is not None:
        raise RuleError(problem, "on")
    letter = req.letters.filter(kind=LetterKind.REPLY).first()
    if letter is not None and outcome and outcome != letter.outcome:
        raise RuleError("所选办理结果与答复书草稿不一致，请重新起草答复书。", "outcome")
    if letter is None:
        _validate_reply(outcome or "", withheld_notes=withheld_notes, transferred_to=transferred_to, note=text)
        letter = Letter(request=req, kind=LetterKind.REPLY, outcome=outcome, withheld_notes=withheld_notes,
                        transferred_to=transferred_to.strip())
        letter.template, letter.body = _reply_body(req, None, outcome=outcome, withheld_notes=withheld_notes,
                                                   transferred_to=transferred_to, note=text)
    files, drafted_sha = render_files(letter, on=on), letter.body_sha256
    with stored_files.removed_on_rollback(), transaction.atomic():
        req = _locked(req)
        if letter.pk and Letter.objects.get(pk=letter.pk).body_sha256 != drafted_sha:
            raise RuleError("答复书刚被他人修改，请核对后重新出具。", "body")
        req.outcome, req.replied_on, req.reply_text = letter.outcome, on, letter.body
        req.withheld_notes, req.transferred_to, req.on_the_spot = (letter.withheld_notes, letter.transferred_to,
                                                                   on_the_spot)
        req = _transition(req, Action.REPLY, actor=actor, on=on, kind=EventKind.REPLIED,
                          comment=str(Outcome(letter.outcome).label), on_the_spot=on_the_spot,
                          data={"outcome": letter.outcome})
        letter.request = req
        if letter.pk is None:
            letter.save()
        _store(letter, actor=actor, on=on, files=files)
        events.announce(events.request_replied, request_id=req.pk, org_id=req.org_id, outcome=req.outcome,
                        replied_on=on)
        return req


def _template_reply(req: DisclosureRequest, outcome: str) -> Letter:
    letter = req.letters.filter(kind=LetterKind.REPLY, issued_on__isnull=True).first() or Letter(
        request=req, kind=LetterKind.REPLY)
    letter.outcome = outcome
    letter.template, letter.body = _reply_body(req, letter, outcome=outcome, withheld_notes="", transferred_to="",
                                               note="")
    return letter


def prepare_template_reply(req: DisclosureRequest, *, on: dt.date, outcome: str) -> Rendered:
    """Render the lapse reply before the write transaction."""
    return render(_template_reply(req, outcome), on=on)


def issue_template_reply(req: DisclosureRequest, *, actor, on: dt.date, outcome: str,
                         rendered: Rendered | None = None) -> Letter:
    """The reply letter of a request closed by a lapse (no correction, no payment); inside its transaction."""
    letter = _template_reply(req, outcome)
    files = _files_for(letter, on=on, rendered=rendered)
    letter.save()
    return _store(letter, actor=actor, on=on, files=files)


def issued_for_applicant(req: DisclosureRequest):
    """Issued letters, oldest first, with their disclosed files: what the tracking page offers."""
    return req.letters.filter(issued_on__isnull=False).prefetch_related("disclosed").order_by("issued_at", "id")
