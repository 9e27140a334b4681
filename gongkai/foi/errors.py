"""The refusal raised by the pure rules of disclosure on request."""

from __future__ import annotations


class RuleError(ValueError):
    """A rule refused the input; ``field`` names the offending input, ``message`` is Chinese."""

    def __init__(self, message: str, field: str = "__all__"):
        super().__init__(message)
        self.message = message
        self.field = field
