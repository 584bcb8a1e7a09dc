"""JSON that stays inert when a page embeds it, for every answer the API sends.

Frontends put our JSON (ClaimReview JSON-LD above all) inside `<script>` blocks, and stored text
comes from anyone: a claim holding `</script><script>...` would end the block and run. So, as
Go's encoding/json and Rails do, `<`, `>` and `&` are written as \\u003c \\u003e \\u0026, and
U+2028/U+2029 (line breaks to older JavaScript parsers) as \\u2028 \\u2029. The escapes are
plain JSON: every parser reads back the same strings.

Used by Flask's JSON provider (jsonify, flask.json.dumps, flask-smorest responses) and by the
responses built by hand: problem documents and idempotent replays.
"""

import json

from flask.json.provider import DefaultJSONProvider

# Outside strings JSON text has none of these characters, so escaping them in the whole
# document only ever touches string contents.
_UNSAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def html_safe(json_text: str) -> str:
    """The same JSON document with the characters HTML and JavaScript care about escaped."""
    return json_text.translate(_UNSAFE)


def dumps(obj, **kwargs) -> str:
    """json.dumps, HTML-safe."""
    return html_safe(json.dumps(obj, **kwargs))


class JSONProvider(DefaultJSONProvider):
    """Flask's provider with HTML-safe output; keys stay in schema order (ids first)."""

    sort_keys = False

    def dumps(self, obj, **kwargs) -> str:
        return html_safe(super().dumps(obj, **kwargs))
