"""Loaded data (mappings, lists, values) rebuilt without recursion.

Front matter is bounded to ``yaml12.MAX_DEPTH`` levels when it is read, but a walker
that recursed would still depend on every reader applying that bound; these walk with
an explicit stack, so no depth of data can exhaust Python's stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def rebuild(value: Any, leaf: Callable[[Any], Any], *, drop_none: bool = False) -> Any:
    """A copy of ``value`` whose dicts and lists are new, in the same order, with every
    other value replaced by ``leaf(value)``; with ``drop_none``, mapping entries whose
    value is ``None`` are left out (list items never are)."""
    if not isinstance(value, dict | list):
        return leaf(value)
    result: dict[Any, Any] | list[Any] = {} if isinstance(value, dict) else []
    pending: list[tuple[dict[Any, Any] | list[Any], dict[Any, Any] | list[Any]]] = [(value, result)]
    while pending:
        source, target = pending.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in items:
            if drop_none and item is None and isinstance(source, dict):
                continue
            new: Any
            if isinstance(item, dict | list):
                new = {} if isinstance(item, dict) else []
                pending.append((item, new))
            else:
                new = leaf(item)
            if isinstance(target, dict):
                target[key] = new
            else:
                target.append(new)
    return result
