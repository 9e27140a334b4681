"""The one error type a service raises when a business rule refuses an input or an action.

``RuleViolation(message, field=...)`` carries a Chinese message meant for the user and the name of the
offending input (``"__all__"`` when the rule concerns the whole record). It is a Django
``ValidationError``, so forms, the admin and existing ``except ValidationError`` handlers understand it;
views show it with ``gongkai.core.forms.add_service_errors`` (on a form) or ``json_errors`` (API, 400
``{"errors": {field: message}}``). Several messages at once: ``RuleViolation.from_dict({...})``.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

ALL = NON_FIELD_ERRORS  # "__all__"


class RuleViolation(ValidationError):
    """A rule refused the input; ``field`` names the offending input, ``message`` is Chinese."""

    def __init__(self, message: str, field: str = ALL):
        super().__init__({field or ALL: [message]})
        self.message = message
        self.field = field or ALL
        self.code = None
        self.params = None

    @classmethod
    def from_dict(cls, errors: dict[str, str]) -> RuleViolation:
        """Several messages keyed by field; ``message``/``field`` are the first of them."""
        items = list(errors.items())
        violation = cls(items[0][1], field=items[0][0])
        for name, message in items[1:]:
            violation.error_dict.setdefault(name or ALL, []).extend(ValidationError(message).error_list)
        return violation

    def __str__(self) -> str:
        return self.message


def error_map(exc: ValidationError) -> dict[str, str]:
    """``{field: first message}`` of a RuleViolation (or any ValidationError) for a JSON answer."""
    if hasattr(exc, "error_dict"):
        return {name: messages[0] for name, messages in exc.message_dict.items() if messages}
    return {ALL: exc.messages[0] if exc.messages else ""}
