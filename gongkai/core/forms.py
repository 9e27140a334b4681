"""View helpers shared by the apps: a service's rule violation on a form, in a message or as JSON 400.

Services raise ``gongkai.core.errors.RuleViolation`` (a ValidationError with a field and a Chinese
message); a view shows it with one of these and never lets it become a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse

from .errors import error_map


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's RuleViolation/ValidationError on ``form``: keyed messages on their fields, the rest on top."""
    for name, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else ((None, exc.messages),):
        form.add_error(name if name in form.fields else None, errors)


def submit_form(request, form: forms.Form, action: Callable[[dict], HttpResponse]) -> tuple[HttpResponse | None, int]:
    """Run ``action(cleaned_data)`` when ``form`` was POSTed and is valid; a service's refusal lands on the form.

    Returns ``(response, 200)`` when the action succeeded (usually a redirect), ``(None, 200)`` for a GET, and
    ``(None, 400)`` for invalid input or a refused action, so the view re-renders the form with that status.
    """
    if request.method != "POST":
        return None, 200
    if form.is_valid():
        try:
            return action(form.cleaned_data), 200
        except ValidationError as exc:
            add_service_errors(form, exc)
    return None, 400


def error_text(exc: ValidationError) -> str:
    """All messages of a violation in one line, for a flash message after a redirect."""
    return "；".join(str(m) for m in exc.messages)


def error_body(exc: ValidationError) -> dict[str, dict[str, str]]:
    """The API's error body ``{"errors": {field: message}}`` (contracts.md)."""
    return {"errors": error_map(exc)}


def json_errors(exc: ValidationError, status: int = 400) -> JsonResponse:
    """Answer a JSON request whose action a rule refused: 400 ``{"errors": {field: message}}``."""
    return JsonResponse(error_body(exc), status=status, json_dumps_params={"ensure_ascii": False})


def mark_errors(form: forms.Form, suffix: str = "-error") -> None:
    """Tie each error to its field for assistive technology (aria-invalid, aria-describedby).

    ``suffix`` names the error element the template writes after the field's id: ``-error`` in the
    public forms, ``_error`` in the back office's ``includes/field.html``.
    """
    for name in form.errors:
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"id_{name}{suffix}"
