"""The register's vocabulary: every action code an entry may carry, with its Chinese label.

Each app declares its actions as a ``TextChoices`` in its own ``actions.py`` and registers it here from
its ``AppConfig.ready()`` (lower apps never import higher ones; higher ones announce themselves).
Screens and CSV exports take labels from ``label()``; writing an entry with a code nobody declared
raises ``UnknownAction``, so a new register action without a label fails the first test that records it.

Codes are never renamed: the register is append-only and hash-chained (decision 14), so a code written
once stays in the chain for good. A vocabulary may list ``legacy`` codes (written by earlier versions)
with the member they now mean; those are labelled like the member and accepted on read only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ImproperlyConfigured
from django.db.models import TextChoices


class UnknownAction(ValueError):
    """A register entry names an action no app declared."""


_labels: dict[str, object] = {}  # code → label (lazy translation string)
_owners: dict[str, str] = {}  # code → "app.ClassName" that declared it
_legacy: dict[str, str] = {}  # old code → current code
_vocabularies: dict[str, type[TextChoices]] = {}


def register(choices: type[TextChoices], *, legacy: Mapping[str, str] | None = None) -> type[TextChoices]:
    """Declare ``choices`` as register actions; a code declared twice must carry the same label."""
    owner = f"{choices.__module__}.{choices.__qualname__}"
    for member in choices:
        code, label = str(member.value), member.label
        if code in _labels and str(_labels[code]) != str(label):
            raise ImproperlyConfigured(
                f"register action {code!r} is declared by {_owners[code]} as {_labels[code]!s} and by {owner} as {label!s}"
            )
    for old, new in (legacy or {}).items():
        if str(new) not in _labels and str(new) not in choices.values:
            raise ImproperlyConfigured(f"legacy register action {old!r} maps to undeclared {new!r}")
    _vocabularies[owner] = choices
    for member in choices:
        code, label = str(member.value), member.label
        _labels.setdefault(code, label)
        _owners.setdefault(code, owner)
    for old, new in (legacy or {}).items():
        _legacy[str(old)] = str(new)
    return choices


def is_declared(code: str) -> bool:
    """Whether new entries may carry ``code``."""
    return code in _labels


def check(codes: Iterable[str]) -> None:
    """Raise UnknownAction for the first code that no app declared (legacy codes are not written anew)."""
    for code in codes:
        if code not in _labels:
            raise UnknownAction(
                f"register action {code!r} has no label: declare it in the recording app's actions.py"
            )


def label(code: str) -> str:
    """The Chinese label of ``code`` (a legacy code gets its successor's); an unknown code is shown as is."""
    code = str(code or "")
    found = _labels.get(code) or _labels.get(_legacy.get(code, ""))
    return str(found) if found is not None else code


def codes() -> dict[str, str]:
    """Every declared code with its label, for tests and filters."""
    return {code: str(lbl) for code, lbl in _labels.items()}


def legacy_codes() -> dict[str, str]:
    return dict(_legacy)


def vocabularies() -> dict[str, type[TextChoices]]:
    return dict(_vocabularies)
