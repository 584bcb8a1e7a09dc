"""HTML-safe JSON: inert inside <script>, and the same value for every JSON parser."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import jsonsafe

UNSAFE = ("<", ">", "&", "\u2028", "\u2029")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def test_script_breakouts_are_escaped():
    text = jsonsafe.dumps({"claim": "</script><script>alert('x')</script>&amp;\u2028\u2029"})
    assert text == (
        '{"claim": "\\u003c/script\\u003e\\u003cscript\\u003ealert(\'x\')'
        '\\u003c/script\\u003e\\u0026amp;\\u2028\\u2029"}'
    )


@settings(database=None, max_examples=300, deadline=None)
@given(json_values, st.booleans())
def test_round_trips_and_never_holds_an_unsafe_character(value, ensure_ascii):
    text = jsonsafe.dumps(value, ensure_ascii=ensure_ascii)
    assert not any(character in text for character in UNSAFE)
    assert json.loads(text) == value


def test_the_flask_provider_is_html_safe():
    from flask import Flask

    app = Flask(__name__)
    app.json = jsonsafe.JSONProvider(app)
    with app.app_context():
        response = app.json.response({"b": "<b>", "a": 1})
    assert response.get_data(as_text=True).startswith('{"b":"\\u003cb\\u003e","a":1}')
