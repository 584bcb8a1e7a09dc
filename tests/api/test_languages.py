"""Claims in several languages: detected, stored, and found by search and matching in their
own language (PostgreSQL stems each in its own; SQLite folds accents for every one)."""

import pytest
import sqlalchemy as sa

from factcheck import languages
from factcheck.extensions import db
from tests.factories import create_claim

# Fact-checks as Spanish, Portuguese, French and German fact-checkers publish them; the German
# one says which language it is in, the others leave it to detection.
REVIEWS = {
    "es": "Las vacunas contra la gripe causan autismo en los niños pequeños.",
    "pt": "O governo cortou as aposentadorias dos professores em trinta por cento.",
    "fr": "Le chômage des jeunes a augmenté de vingt pour cent en un an.",
    "de": "Die Regierung hat die Renten der Lehrer um zehn Prozent gekürzt.",
    "en": "The minister said pensions for teachers were cut by ten percent.",
}


def review(language: str, text: str) -> dict:
    item = {
        "@type": "ClaimReview",
        "url": f"https://checker.example/{language}/1",
        "claimReviewed": text,
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    if language == "de":
        item["inLanguage"] = "de-DE"
    return item


@pytest.fixture
def fact_checks(client_as):
    document = [review(language, text) for language, text in REVIEWS.items()]
    report = client_as("editor").post("/api/v1/imports/claimreview", json=document).json
    return dict(zip(REVIEWS, (item["claim_id"] for item in report["items"]), strict=True))


def found(client, query: str, **params) -> list[int]:
    response = client.get("/api/v1/fact-checks", query_string={"q": query, **params})
    assert response.status_code == 200, response.json
    return [item["id"] for item in response.json["items"]]


def on_postgresql(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "postgresql"


def test_imports_store_their_language_given_or_detected(fact_checks, anonymous):
    stored = {
        language: anonymous.get(f"/api/v1/fact-checks/{claim_id}").json["language"]
        for language, claim_id in fact_checks.items()
    }
    assert stored == {"es": "es", "pt": "pt", "fr": "fr", "de": "de-DE", "en": "en"}


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("es", "vacunas autismo"),
        ("pt", "aposentadorias professores"),
        ("fr", "chômage jeunes"),
        ("de", "Renten Lehrer"),
        ("en", "pensions teachers"),
    ],
)
def test_each_fact_check_is_found_by_its_own_words(fact_checks, anonymous, language, query):
    assert found(anonymous, query) == [fact_checks[language]]


def test_postgresql_stems_each_language_as_its_own(app, fact_checks, anonymous):
    if not on_postgresql(app):
        pytest.skip("PostgreSQL's per-language text search configurations")
    # Other forms of the same words: singular for plural, plural for singular.
    assert found(anonymous, "vacuna niño") == [fact_checks["es"]]
    assert found(anonymous, "aposentadoria professor") == [fact_checks["pt"]]
    assert found(anonymous, "Rente Lehrern") == [fact_checks["de"]]
    assert found(anonymous, "pension teacher") == [fact_checks["en"]]
    # A language filter searches the words in that language only.
    assert found(anonymous, "vacuna niño", language="es") == [fact_checks["es"]]
    assert found(anonymous, "vacuna niño", language="de") == []


def test_sqlite_folds_accents_in_every_language(app, fact_checks, anonymous):
    if on_postgresql(app):
        pytest.skip("SQLite's FTS5 tokenizer")
    assert found(anonymous, "chomage") == [fact_checks["fr"]]
    assert found(anonymous, "ninos pequenos") == [fact_checks["es"]]
    assert found(anonymous, "gekurzt") == [fact_checks["de"]]


def test_matching_finds_a_fact_check_repeated_in_its_language(fact_checks, client):
    response = client.post(
        "/api/v1/claims/match",
        json={"text": "Vacunas de la gripe provocan autismo en niños, dicen en redes"},
    )
    assert response.status_code == 200, response.json
    assert [item["id"] for item in response.json["items"]][:1] == [fact_checks["es"]]


def test_submitted_claims_and_articles_get_the_detected_language_unless_given(client):
    spanish = create_claim(client, text="El gobierno subió los impuestos un diez por ciento.")
    assert spanish["language"] == "es"
    given = create_claim(client, text="El gobierno subió los impuestos.", language="pt-BR")
    assert given["language"] == "pt-BR"
    assert create_claim(client, text="Obama")["language"] is None
    article = client.post(
        "/api/v1/articles",
        json={
            "title": "Chômage",
            "body": "Le chômage a baissé à 4,1 % en mars, selon le gouvernement français.",
        },
    )
    assert article.status_code == 201, article.json
    assert article.json["language"] == "fr"


def test_the_migrations_configuration_table_is_the_codes(app):
    """The SQL function the generated search column calls maps every language as
    languages.search_config does."""
    if not on_postgresql(app):
        pytest.skip("a PostgreSQL function")
    codes = [*languages.SEARCH_CONFIGS, *languages.DETECTED, "pt-BR", "EN", "ur", "", None]
    with app.app_context():
        for code in codes:
            config = db.session.scalar(
                sa.text("SELECT claim_search_config(:code)::text"), {"code": code}
            )
            assert config == languages.search_config(code), code


def test_a_query_without_a_language_is_stemmed_as_the_stored_languages_only(app, client):
    if not on_postgresql(app):
        pytest.skip("PostgreSQL's per-language text search configurations")
    from factcheck import search

    def in_use():
        with app.app_context():
            return search.configs_in_use(db.session)

    assert in_use() == ("english",)  # claims of unknown language are indexed as English
    create_claim(client, text="Die Regierung hat die Renten um zehn Prozent gekürzt.")
    create_claim(client, text="Le chômage des jeunes a augmenté de vingt pour cent.")
    create_claim(client, text="Il governo ha tagliato le pensioni del dieci per cento.")
    assert in_use() == ("english", "french", "german", "italian")
