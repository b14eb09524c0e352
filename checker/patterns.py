"""Regular expressions from packs and config, run by RE2: linear time, never backtracking.

A pattern written by a site (or a hostile pull request changing the config) cannot make
edcheck hang. RE2 has no backreferences or lookaround; such a pattern is refused with a
clear message when the pack or config is loaded.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator


@lru_cache(maxsize=512)
def compiled(pattern: str) -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0] if error.args else "malformed"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(f"invalid regular expression {pattern!r}: {reason}") from None


def _checked(pattern: str) -> str:
    compiled(pattern)
    return pattern


Pattern = Annotated[str, AfterValidator(_checked)]


def search(pattern: str, text: str) -> bool:
    return compiled(pattern).search(text) is not None
