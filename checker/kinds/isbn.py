"""``isbn``: an ISBN-10 or ISBN-13 with the right length and check digit."""

from __future__ import annotations

from collections.abc import Iterator

from checker.documents import is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind, shown
from checker.record import EditorialRecord


def isbn_is_valid(text: str) -> bool:
    digits = text.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - index) * int(char) for index, char in enumerate(digits[:9]))
        total += 10 if digits[9] == "X" else int(digits[9])
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit() and digits.isascii():
        total = sum(int(char) * (1 if index % 2 == 0 else 3) for index, char in enumerate(digits))
        return total % 10 == 0
    return False


class IsbnParams(Params):
    field: str


@rule_kind("isbn", IsbnParams)
def check(record: EditorialRecord, params: IsbnParams, context: Context) -> Iterator[Finding]:
    """A filled-in ISBN must have 10 or 13 digits and a valid check digit."""
    value = record.get(params.field)
    if is_blank(value):
        return
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not text.isascii() or not isbn_is_valid(text):
        yield at(record, params.field, {"value": shown(value)})
