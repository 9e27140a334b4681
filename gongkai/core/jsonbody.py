"""Parsing a JSON request body without ever failing with a server error.

Python's decoder raises RecursionError on deeply nested input and happily returns lone UTF-16
surrogates ("\\ud800"), which no database can store. ``parse`` turns both, and every other defect, into
``BadJSON`` with a Chinese message for a 400 answer.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32


class BadJSON(ValueError):
    """The body is not JSON the platform accepts; ``str(exc)`` is the message for the client."""


def _check(value: Any, max_depth: int) -> None:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > max_depth:
                raise BadJSON(f"请求内容嵌套过深（最多{max_depth}层）。")
            children = item.items() if isinstance(item, dict) else ((None, v) for v in item)
            for key, child in children:
                if key is not None:
                    _check_text(key)
                stack.append((child, depth + 1))
        elif isinstance(item, str):
            _check_text(item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadJSON("请求内容含有无效的Unicode字符（不成对的代理项）。") from None


def parse(body: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The decoded body; BadJSON for invalid UTF-8 or JSON, nesting beyond ``max_depth``, lone surrogates."""
    try:
        value = json.loads(body)
    except RecursionError:
        raise BadJSON(f"请求内容嵌套过深（最多{max_depth}层）。") from None
    except (ValueError, UnicodeDecodeError):
        raise BadJSON("请求内容不是有效的JSON。") from None
    _check(value, max_depth)
    return value
