"""Fields that apply the API's input rules: trimmed, bounded, printable strings; http(s) URLs."""

import re

import marshmallow as ma
from marshmallow import validate

from factcheck.urls import HTTP_URL_PATTERN, MAX_URL_LENGTH

# Control characters other than tab and newlines, and lone surrogates (not encodable as UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
# The same rules, for the OpenAPI document: at least one visible character, no control characters.
_LINE_PATTERN = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
_TEXT_PATTERN = (
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
)
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


class Text(ma.fields.String):
    """A trimmed string of 1..max_length characters; single-line unless multiline=True.

    trim=False keeps surrounding whitespace, for texts that character offsets point into.

    The checks run in code rather than as a regex so a megabyte of input costs linear time.
    """

    def __init__(self, max_length: int, *, multiline: bool = False, trim: bool = True, **kwargs):
        self.multiline = multiline
        self.trim = trim
        metadata = {
            "pattern": _TEXT_PATTERN if multiline else _LINE_PATTERN,
            **kwargs.pop("metadata", {}),
        }
        super().__init__(
            validate=validate.Length(min=1, max=max_length), metadata=metadata, **kwargs
        )

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if self.trim:
            value = value.strip()
        if not value.strip():
            raise ma.ValidationError("Must not be blank.")
        forbidden = _CONTROL if self.multiline else _CONTROL_OR_NEWLINE
        if forbidden.search(value):
            raise ma.ValidationError("Control characters are not allowed.")
        return value


class HttpUrl(ma.fields.String):
    """An absolute http(s) URL with a host; other schemes (javascript:, file:, data:) are refused.

    The rule is the documented pattern itself, so what the OpenAPI document allows is accepted.
    """

    def __init__(self, **kwargs):
        metadata = {"pattern": HTTP_URL_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(
            validate=[
                validate.Length(min=1, max=MAX_URL_LENGTH),
                validate.Regexp(HTTP_URL_PATTERN, error="Must be an http or https URL."),
            ],
            metadata=metadata,
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


class Language(ma.fields.String):
    """A BCP 47 language tag such as `en` or `pt-BR`."""

    def __init__(self, **kwargs):
        super().__init__(
            validate=[validate.Length(min=2, max=35), validate.Regexp(LANGUAGE_PATTERN)],
            **kwargs,
        )


def one_of(choices) -> validate.OneOf:
    return validate.OneOf(list(choices))
