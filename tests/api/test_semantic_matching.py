"""Semantic matching (FACTCHECK_SEMANTIC_MATCHING): claim texts' embeddings are stored as the
texts are, and matching blends their cosine with the lexical score.

Most tests run everywhere with a small stand-in encoder (words of one meaning share a
dimension), so what is tested is the storage, the blend and the traps, on the real database;
the last runs the real model where the `semantic` extra is installed (.ci/run installs it).
"""

import hashlib
import math
import os

import pytest
import sqlalchemy as sa

from factcheck.cli import embeddings_group
from factcheck.extensions import db
from factcheck.matching import semantic
from factcheck.models import ClaimEmbedding
from tests.api.helpers import publish

SAME_MEANING = [
    {"unemployment", "jobless"},
    {"fell", "dropped", "declined"},
    {"march"},
]
DIMENSIONS = 64


def stand_in_encode(texts: list[str]) -> list[bytes]:
    """Unit vectors where words of one meaning (SAME_MEANING) share a dimension."""
    from array import array

    encoded = []
    for text in texts:
        vector = [0.0] * DIMENSIONS
        for word in text.lower().replace(".", " ").replace(",", " ").split():
            meaning = next((i for i, words in enumerate(SAME_MEANING) if word in words), None)
            if meaning is None:
                meaning = len(SAME_MEANING) + int(hashlib.md5(word.encode()).hexdigest(), 16) % (
                    DIMENSIONS - len(SAME_MEANING)
                )
            vector[meaning] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        encoded.append(array("f", [v / norm for v in vector]).tobytes())
    return encoded


@pytest.fixture
def semantic_app(app_with, monkeypatch):
    monkeypatch.setattr(semantic, "installed", lambda: True)
    monkeypatch.setattr(semantic, "encode", stand_in_encode)
    return app_with(FACTCHECK_SEMANTIC_MATCHING=True)


def clients_of(app, tokens):
    def make(who):
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {tokens[who]}"
        return client

    return make


def stored(app) -> dict[int, bytes]:
    with app.app_context():
        rows = db.session.execute(sa.select(ClaimEmbedding.claim_id, ClaimEmbedding.vector))
        return {claim_id: vector for claim_id, vector in rows}


def matched(client, text):
    response = client.post("/api/v1/claims/match", json={"text": text})
    assert response.status_code == 200, response.json
    return response.json["items"]


def test_a_claims_text_is_encoded_when_stored_and_when_it_changes(semantic_app, tokens):
    client = clients_of(semantic_app, tokens)("editor")
    claim = client.post("/api/v1/claims", json={"text": "Unemployment fell in March."}).json
    assert stored(semantic_app)[claim["id"]] == stand_in_encode(["Unemployment fell in March."])[0]
    client.patch(f"/api/v1/claims/{claim['id']}", json={"text": "Unemployment rose in May."})
    assert stored(semantic_app)[claim["id"]] == stand_in_encode(["Unemployment rose in May."])[0]
    review = {
        "@type": "ClaimReview",
        "url": "https://checker.example/jobless",
        "claimReviewed": "Jobless numbers dropped in March.",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    imported = client.post("/api/v1/imports/claimreview", json=review).json["items"][0]
    assert imported["claim_id"] in stored(semantic_app)


def test_a_paraphrase_outranks_a_claim_that_only_shares_words(semantic_app, app, tokens):
    client_as = clients_of(semantic_app, tokens)
    same = publish(client_as, text="Unemployment numbers fell in March.")
    decoy = publish(
        client_as, text="Jobless veterans from the navy marched in a long parade downtown in March."
    )
    query = "Jobless numbers dropped in March"
    ranked = [item["id"] for item in matched(client_as("editor"), query)]
    assert ranked[:2] == [same["id"], decoy["id"]]
    assert "semantic" in matched(client_as("editor"), query)[0]["reasons"]
    # Lexically alone, the claim sharing more words comes first.
    lexical = [item["id"] for item in matched(clients_of(app, tokens)("editor"), query)]
    assert lexical[:2] == [decoy["id"], same["id"]]


def test_the_traps_still_flag_a_contradiction_however_close_the_meaning(semantic_app, tokens):
    client_as = clients_of(semantic_app, tokens)
    denied = publish(client_as, text="Unemployment did not fall in March.")
    (item,) = matched(client_as("editor"), "Unemployment fell in March")
    assert item["id"] == denied["id"] and "contradicts" in item["reasons"]


def test_embeddings_refresh_encodes_claims_stored_while_it_was_off(semantic_app, app, tokens):
    plain = clients_of(app, tokens)("editor")
    ids = [
        plain.post("/api/v1/claims", json={"text": text}).json["id"]
        for text in ("Unemployment fell in March.", "Schools closed in May.")
    ]
    assert stored(semantic_app) == {}
    result = semantic_app.test_cli_runner().invoke(embeddings_group, ["refresh"])
    assert result.exit_code == 0, result.output
    assert "2 claim embeddings stored" in result.output
    assert sorted(stored(semantic_app)) == ids
    again = semantic_app.test_cli_runner().invoke(embeddings_group, ["refresh"])
    assert "0 claim embeddings stored" in again.output


def test_the_service_refuses_to_start_without_the_extra(app_with, monkeypatch):
    monkeypatch.setattr(semantic, "installed", lambda: False)
    with pytest.raises(RuntimeError, match="semantic extra"):
        app_with(FACTCHECK_SEMANTIC_MATCHING=True)


# .ci/run installs the extra and sets FACTCHECK_SEMANTIC_TESTS, so there this cannot skip.
@pytest.mark.skipif(
    not semantic.installed() and not os.environ.get("FACTCHECK_SEMANTIC_TESTS"),
    reason="needs the semantic extra (.ci/run installs it)",
)
def test_the_real_model_finds_a_paraphrase(app_with, tokens):
    real = app_with(FACTCHECK_SEMANTIC_MATCHING=True)
    client_as = clients_of(real, tokens)
    same = publish(client_as, text="Unemployment fell to a record low in March.")
    publish(client_as, text="A record number of people attended the March parade.")
    ranked = matched(client_as("editor"), "The jobless rate dropped to its lowest ever in March")
    assert ranked[0]["id"] == same["id"] and "semantic" in ranked[0]["reasons"]


def test_a_batch_reads_its_candidates_vectors_once_and_finds_duplicates(semantic_app, tokens):
    client = clients_of(semantic_app, tokens)("editor")
    stored = client.post("/api/v1/claims", json={"text": "Unemployment numbers fell in March."})
    statements = []
    with semantic_app.app_context():
        engine = db.engine

        @sa.event.listens_for(engine, "before_cursor_execute")
        def count(conn, cursor, statement, *args):
            statements.append(statement)

        try:
            batch = [{"text": f"Unemployment numbers fell in March, region {i}."} for i in range(5)]
            response = client.post("/api/v1/claims:batch", json={"claims": batch})
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code in (200, 201, 207), response.json
    items = response.json["items"]
    assert all(
        stored.json["id"] in [d["id"] for d in item["claim"]["likely_duplicates"]] for item in items
    )
    reads = [s for s in statements if "FROM claim_embeddings" in s]
    assert len(reads) <= 2, reads  # the candidates' vectors, not one read per claim
