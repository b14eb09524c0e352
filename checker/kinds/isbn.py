"""``isbn``: an ISBN-10 or ISBN-13 with the right length and check digit."""

from __future__ import annotations

from collections.abc import Iterator

from checker.documents import is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind
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
    """A filled-in ISBN must have 10 or 13 digits and a valid check digit. An unquoted
    ISBN is a number to YAML, which drops a leading zero (``0306406152`` is read as
    306406152): the message shows the text as written and says to quote it."""
    value = record.get(params.field)
    if is_blank(value):
        return
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(text, str) and text.isascii() and isbn_is_valid(text):
        return
    written = record.written(params.field)
    detail = "is not a valid ISBN-10 or ISBN-13 (length or check digit)"
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = written.replace("-", "")
        if written != text and isbn_is_valid(digits):
            detail = (
                f"is a number to YAML, which reads it as {text} (the leading zero "
                f'dropped): quote it, "{written}"'
            )
        else:
            detail += f'; write it in quotes, "{written}", so that YAML keeps it as text'
    yield at(record, params.field, {"value": written, "detail": detail})
