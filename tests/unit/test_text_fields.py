"""A Text field accepts exactly what its documented pattern and maximum length accept, so
clients (and schemathesis) can trust the OpenAPI document."""

import re

import marshmallow as ma
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.schemas.fields import Text

# Control characters, line breaks, ASCII and other whitespace, and ordinary letters. (U+FEFF
# is left out: JSON Schema's \s counts it as whitespace, Python's does not.)
CHARACTERS = st.sampled_from(
    ["\x00", "\x07", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", " ", "\x7f", "\x85",
     "\xa0", "\u2028", "a", "é", "<", "&"]
)  # fmt: skip


@pytest.mark.parametrize(
    ("multiline", "trim"), [(False, True), (True, True), (False, False), (True, False)]
)
@given(value=st.lists(CHARACTERS, max_size=8).map("".join))
def test_the_field_accepts_what_its_pattern_accepts(multiline, trim, value):
    field = Text(5, multiline=multiline, trim=trim)
    pattern = re.compile(field.metadata["pattern"])
    try:
        field.deserialize(value)
        accepted = True
    except ma.ValidationError:
        accepted = False
    documented = bool(pattern.fullmatch(value)) and len(value) <= 5
    assert accepted == documented, repr(value)


def test_a_single_line_may_end_with_a_line_break_that_is_trimmed_but_not_hold_one():
    line = Text(200)
    assert line.deserialize("  A title\n") == "A title"
    with pytest.raises(ma.ValidationError):
        line.deserialize("A title\nand more")


def test_a_tag_that_lower_cases_longer_than_its_limit_is_refused():
    from factcheck.schemas.claim import Tag

    assert Tag(5).deserialize("ÉCO") == "éco"
    with pytest.raises(ma.ValidationError):
        Tag(5).deserialize("İİİ")  # six characters once lower-cased
