"""Language detection and the text search configuration each language is indexed with."""

import pytest

from factcheck import languages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unemployment fell to 4.1 percent in March, the government said.", "en"),
        ("El desempleo cayó al 4,1 por ciento en marzo, según el gobierno.", "es"),
        ("O desemprego caiu para 4,1 por cento em março, disse o governo.", "pt"),
        ("Le chômage a baissé à 4,1 % en mars, selon le gouvernement.", "fr"),
        ("Die Arbeitslosigkeit sank im März auf 4,1 Prozent, teilte die Regierung mit.", "de"),
        ("La disoccupazione è scesa al 4,1 per cento a marzo, ha detto il governo.", "it"),
    ],
)
def test_a_sentence_is_detected_in_its_language(text, expected):
    assert languages.detect(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "Obama", "vaccin", "2024"])
def test_too_little_text_leaves_the_language_unknown(text):
    assert languages.detect(text) is None


def test_each_language_has_its_configuration_and_the_rest_are_searched_unstemmed():
    assert languages.search_config("es") == "spanish"
    assert languages.search_config("pt-BR") == "portuguese"
    assert languages.search_config("DE") == "german"
    assert languages.search_config("nb") == "norwegian"
    assert languages.search_config("zh") == "simple"  # PostgreSQL does not stem it
    assert languages.search_config(None) == "english"  # as claims were indexed before
    assert languages.search_config("") == "english"


def test_a_query_is_searched_in_its_language_and_the_default_or_else_in_all():
    assert languages.query_configs("es") == ("english", "spanish")
    assert languages.query_configs("en-GB") == ("english",)
    assert languages.query_configs(None) == languages.ALL_CONFIGS
    assert {"english", "simple", "spanish", "german"} <= set(languages.ALL_CONFIGS)
