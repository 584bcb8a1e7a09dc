"""What counts as text we store, whoever sends it: the API's string fields and imported items.

No control characters other than tab and line breaks (none at all in single-line values such as
names and titles), and no lone surrogates: they are not characters, cannot be encoded as UTF-8,
and PostgreSQL refuses them (and NUL).
"""

import re

# Control characters other than tab and newlines, and lone surrogates.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The same, and tab and newlines too, for single-line values.
CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
CONTROL_MESSAGE = "Control characters are not allowed."


def has_forbidden_characters(value: str, *, multiline: bool) -> bool:
    forbidden = CONTROL if multiline else CONTROL_OR_NEWLINE
    return forbidden.search(value) is not None
