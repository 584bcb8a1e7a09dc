"""json.loads for text from outside: numbers of bounded length, no NaN or Infinity.

Python's json module turns any run of digits into an int, and int() refuses more than 4,300
digits with a ValueError that is no JSONDecodeError, so a body such as `{"id": 1111...}` would
end in a server error. Nothing this API stores needs a number longer than MAX_NUMBER_CHARS, nor
NaN, Infinity or a float that overflows to infinity (none of which standard JSON has), so they
are refused here, with the reason, before any schema sees the document.
"""

import json
import math

MAX_NUMBER_CHARS = 100


class RefusedJSON(ValueError):
    """Well-formed JSON text holding a value the API does not accept; the message says which."""


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise RefusedJSON(f"a number is longer than {MAX_NUMBER_CHARS} characters")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise RefusedJSON(f"a number is longer than {MAX_NUMBER_CHARS} characters")
    value = float(text)
    if not math.isfinite(value):
        raise RefusedJSON(f"the number {text} is out of range")
    return value


def _constant(name: str):
    raise RefusedJSON(f"{name} is not a JSON number")


def loads(text: str | bytes):
    """The JSON value in ``text``. Raises json.JSONDecodeError for malformed JSON and
    RefusedJSON for absurd numbers, NaN, Infinity or nesting too deep for the parser."""
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError:
        raise RefusedJSON("arrays and objects are nested too deeply") from None
