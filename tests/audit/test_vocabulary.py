"""The register's vocabulary: every action an entry may carry has a Chinese label, and nothing else is written."""

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import TextChoices

from gongkai.audit import vocabulary
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record
from gongkai.audit.vocabulary import UnknownAction
from gongkai.documents.actions import DocumentAction
from gongkai.foi import rules as foi_rules
from gongkai.foi.actions import RequestAction
from gongkai.review import rules as review_rules
from gongkai.review.actions import ReviewAction

SOURCE = Path(__file__).resolve().parents[2] / "gongkai"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Calls that write an entry and where their action is: keyword "action", or this positional index.
WRITERS = {"record": None, "AuditEntry": None, "_audit": 1}


def test_every_declared_action_has_a_chinese_label():
    declared = vocabulary.codes()
    assert len(declared) > 60
    missing = {code: label for code, label in declared.items() if not CJK.search(label)}
    assert missing == {}


def _vocabulary_names() -> set[str]:
    return {cls.__name__ for cls in vocabulary.vocabularies().values()}


_MODULE: list[ast.Module] = []  # the module being walked


def _resolve(node: ast.expr, function: ast.FunctionDef | None) -> list[str]:
    """Problems with one action expression (empty when it is a declared code or a vocabulary member)."""
    names = _vocabulary_names()
    if isinstance(node, ast.Constant):
        return [] if vocabulary.is_declared(str(node.value)) else [f"undeclared code {node.value!r}"]
    if isinstance(node, ast.IfExp):
        return _resolve(node.body, function) + _resolve(node.orelse, function)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names:
        classes = [c for c in vocabulary.vocabularies().values() if c.__name__ == node.value.id]
        found = any(node.attr in c.__members__ for c in classes)
        return [] if found else [f"no member {node.value.id}.{node.attr}"]
    if isinstance(node, ast.Call):  # ReviewAction(action), RequestAction.of(action): checked when called
        func = node.func
        owner = func.value if isinstance(func, ast.Attribute) else func
        if isinstance(owner, ast.Name) and owner.id in names:
            return []
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):  # a module table of members
        tables = [a.value for a in _MODULE[0].body if isinstance(a, ast.Assign) and isinstance(a.value, ast.Dict)
                  and any(isinstance(t, ast.Name) and t.id == node.value.id for t in a.targets)]
        if tables:
            return [p for table in tables for value in table.values for p in _resolve(value, function)]
    if isinstance(node, ast.Name) and function is not None:
        for arg in function.args.args + function.args.kwonlyargs:  # a parameter typed with a vocabulary
            if arg.arg == node.id and isinstance(arg.annotation, ast.Name) and arg.annotation.id in names:
                return []
        assigned = [a.value for a in ast.walk(function) if isinstance(a, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)]
        if assigned:  # a local set from vocabulary members
            return [p for value in assigned for p in _resolve(value, function)]
    return [f"action is not a vocabulary member: {ast.unparse(node)}"]


def _writes(tree: ast.AST):
    stack: list[ast.FunctionDef | None] = [None]

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Call):
                name = getattr(child.func, "id", None) or getattr(child.func, "attr", None)
                if name in WRITERS:
                    keyword = next((k.value for k in child.keywords if k.arg == "action"), None)
                    index = WRITERS[name]
                    if keyword is None and index is not None and len(child.args) > index:
                        keyword = child.args[index]
                    if keyword is not None:
                        yield child.lineno, keyword, function
            yield from visit(child, inner)

    yield from visit(tree, stack[0])


def test_every_register_write_in_the_code_names_a_declared_action():
    problems, writes = [], 0
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _MODULE[:] = [tree]
        for lineno, node, function in _writes(tree):
            writes += 1
            problems += [f"{path.relative_to(SOURCE)}:{lineno}: {p}" for p in _resolve(node, function)]
    assert writes > 50  # the walk really finds the product's record() calls
    assert problems == []


def test_state_machine_actions_all_have_register_actions():
    for action in vars(foi_rules.Action).values():
        if isinstance(action, str) and not action.startswith("_") and action in foi_rules.TRANSITIONS:
            assert RequestAction.of(action).label
    for action in review_rules.TRANSITIONS:
        if action == review_rules.Action.SAVE:
            continue  # editing is recorded as DocumentAction.UPDATE
        member = ReviewAction(action) if action in ReviewAction.values else DocumentAction(action)
        assert member.label == review_rules.ACTION_LABELS[action]


@pytest.mark.django_db
def test_an_undeclared_action_is_refused_by_record_and_bulk_create(county):
    with pytest.raises(UnknownAction, match="document.publish"):
        record(actor="办理人", action="document.publish", obj=county)
    with pytest.raises(UnknownAction):
        AuditEntry.objects.bulk_create([AuditEntry(action="made_up", object_type="x", object_id="1")])
    assert not AuditEntry.objects.exists()
    entry = record(actor="办理人", action=DocumentAction.PUBLISH, obj=county)
    assert entry.action_label == "发布"


def test_labels_of_legacy_and_unknown_codes():
    assert vocabulary.label("document.import") == "导入"
    assert vocabulary.label("import") == "导入"  # legacy: read only
    assert not vocabulary.is_declared("import")
    assert vocabulary.label("something.else") == "something.else"


def test_one_code_cannot_mean_two_things():
    class Clash(TextChoices):
        PUBLISH = "publish", "公开"

    with pytest.raises(ImproperlyConfigured, match="publish"):
        vocabulary.register(Clash)
