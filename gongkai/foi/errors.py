"""The refusal raised by the pure rules of disclosure on request.

foi's code calls it ``RuleError``; it is the product's one rule-violation type
(``gongkai.core.errors.RuleViolation``: a field and a Chinese message), so views show it with the shared
helpers on a form or as a JSON 400.
"""

from __future__ import annotations

from gongkai.core.errors import RuleViolation

RuleError = RuleViolation

__all__ = ["RuleError"]
