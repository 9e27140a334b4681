"""Form helpers shared by the apps' views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on ``form``: keyed messages on their fields, the rest on top."""
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)
