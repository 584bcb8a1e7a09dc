"""Fields that apply the API's input rules: trimmed, bounded, printable strings; http(s) URLs."""

from datetime import UTC

import marshmallow as ma
from marshmallow import validate

from factcheck.text_rules import CONTROL_MESSAGE, has_forbidden_characters
from factcheck.urls import HTTP_URL_PATTERN, MAX_URL_LENGTH, is_http_url

# factcheck.text_rules for the OpenAPI document: a visible character, no control characters.
# What a Text field accepts, as its documented pattern: a line (no control characters) or a
# text (line breaks and tabs too), not blank; with trimming, ASCII whitespace around it.
_LINE = r"[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*"
_TEXT = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*"
_TRIMMED = " \t\n\r\x0b\x0c"
_AROUND = r"[ \t\n\r\x0b\x0c]*"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


class Text(ma.fields.String):
    """A trimmed string of 1..max_length characters; single-line unless multiline=True.

    trim=False keeps surrounding whitespace, for texts that character offsets point into.

    The checks run in code rather than as a regex so a megabyte of input costs linear time.
    """

    def __init__(self, max_length: int, *, multiline: bool = False, trim: bool = True, **kwargs):
        self.multiline = multiline
        self.trim = trim
        self.max_length = max_length
        around = _AROUND if trim else ""
        metadata = {
            "pattern": f"^{around}{_TEXT if multiline else _LINE}{around}$",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(
            validate=validate.Length(min=1, max=max_length), metadata=metadata, **kwargs
        )

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        # The documented maxLength counts what was sent, the whitespace around it included.
        if len(value) > self.max_length:
            raise ma.ValidationError(f"Longer than maximum length {self.max_length}.")
        if self.trim:  # ASCII whitespace first, as the pattern allows it around the value
            value = value.strip(_TRIMMED)
        # Then control characters and line breaks, wherever the pattern refuses them (str.strip
        # would also take the control characters \x1c-\x1f off the ends).
        if has_forbidden_characters(value, multiline=self.multiline):
            raise ma.ValidationError(CONTROL_MESSAGE)
        if self.trim:
            value = value.strip()
        if not value.strip():
            raise ma.ValidationError("Must not be blank.")
        return value


class UtcDateTime(ma.fields.AwareDateTime):
    """An ISO 8601 date-time with its UTC offset, given back in UTC.

    Converting is where an offset can carry a valid value out of the years 1-9999 that Python
    (and so the database driver) can hold, as `0001-01-01T00:00:00+14:00` does: that is the
    client's error, named after the field, not a failure later in the database layer.
    """

    def __init__(self, **kwargs):
        super().__init__(default_timezone=None, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ma.ValidationError(
                "Must be between years 1 and 9999 once converted to UTC."
            ) from None


def _http_url(value: str) -> None:
    if not is_http_url(value):
        raise ma.ValidationError("Must be an http or https URL.")


class HttpUrl(ma.fields.String):
    """An absolute http(s) URL with a host; other schemes (javascript:, file:, data:) are refused.

    The rule is factcheck.urls.is_http_url: the documented pattern itself (so what the OpenAPI
    document allows is accepted), and no lone surrogates, which no pattern can name portably.
    """

    def __init__(self, **kwargs):
        metadata = {"pattern": HTTP_URL_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(
            validate=[
                validate.Length(min=1, max=MAX_URL_LENGTH),
                _http_url,
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
