"""Full-text search (`q=`) with the database's own engine: FTS5 or tsvector."""

import pytest

from tests.api.helpers import publish
from tests.api.test_pagination import walk
from tests.factories import create_claim
from tests.test_app import assert_problem


def ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.json
    return [c["id"] for c in response.json["items"]]


def test_q_finds_claims_by_words_in_text_quote_and_claimant(client):
    wages = create_claim(client, text="Wages grew faster than inflation last year.")
    quoted = create_claim(client, text="Pay outpaced prices.", quote="“Wages rose by 6 percent”")
    by_name = create_claim(client, text="The deficit halved.", claimant="Rachel Wagesmith")
    create_claim(client, text="The river flooded the town.")
    assert set(ids(client, "/api/v1/claims?q=wages")) == {wages["id"], quoted["id"]}
    assert ids(client, "/api/v1/claims?q=Wagesmith") == [by_name["id"]]
    assert ids(client, "/api/v1/claims?q=river%20town") != []
    assert ids(client, "/api/v1/claims?q=river%20wages") == []  # every word must match


def test_results_are_ranked_by_relevance(client):
    strong = create_claim(
        client, text="Unemployment fell. Unemployment is at a record low unemployment."
    )
    weak = create_claim(
        client, text="Unemployment is a topic; the minister spoke about many things."
    )
    assert ids(client, "/api/v1/claims?q=unemployment") == [strong["id"], weak["id"]]
    # An explicit sort still applies, over the matches only.
    newest_first = ids(client, "/api/v1/claims?q=unemployment&sort=-created_at")
    assert newest_first == [weak["id"], strong["id"]]


def test_search_results_page_through_completely(client):
    created = {
        create_claim(client, text=f"Taxes rose {i} percent in region {i}.")["id"] for i in range(7)
    }
    pages = walk(client, "/api/v1/claims?q=taxes&limit=3")
    seen = [i for page in pages for i in page]
    assert sorted(seen) == sorted(created) and len(pages) == 3


def test_edits_and_deletes_reach_the_index(client):
    claim = create_claim(client, text="Bananas are the top export.")
    client.patch(f"/api/v1/claims/{claim['id']}", json={"text": "Coffee is the top export."})
    assert ids(client, "/api/v1/claims?q=bananas") == []
    assert ids(client, "/api/v1/claims?q=coffee") == [claim["id"]]
    client.delete(f"/api/v1/claims/{claim['id']}")
    assert ids(client, "/api/v1/claims?q=coffee") == []


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "a OR b AND NOT", "col:value", "*", "x) OR 1=1 --", "NEAR(a b)", "ü", "%22"],
)
def test_hostile_queries_are_just_words(client, query):
    create_claim(client, text="Value added tax rose.")
    response = client.get("/api/v1/claims", query_string={"q": query})
    assert response.status_code == 200


def test_q_validation(client):
    assert "q" in assert_problem(client.get("/api/v1/claims?q="), 422)["errors"]
    assert "q" in assert_problem(client.get("/api/v1/claims?q=" + "a" * 201), 422)["errors"]


def test_fact_checks_search_sees_only_published(client_as, anonymous):
    draft = create_claim(client_as("reviewer"), text="Vaccines contain microchips.")
    published = publish(client_as, text="Vaccines caused the outbreak.")
    assert ids(anonymous, "/api/v1/fact-checks?q=vaccines") == [published["id"]]
    assert draft["id"] not in ids(anonymous, "/api/v1/fact-checks?q=microchips")


def test_relevance_ranks_the_newest_pool_and_a_sort_lists_every_match(client, monkeypatch):
    """Ranking every match of a common word would cost the archive: only the newest pool is
    ranked. Asking for an order instead pages through every match."""
    from factcheck import search

    made = [create_claim(client, text=f"Diesel prices rose {n}% in May.")["id"] for n in range(4)]
    create_claim(client, text="Bread prices fell.")
    monkeypatch.setattr(search, "RELEVANCE_POOL", 2)
    assert sorted(ids(client, "/api/v1/claims?q=diesel")) == sorted(made[-2:])
    every = walk(client, "/api/v1/claims?q=diesel&sort=-created_at&limit=1")
    assert [page[0] for page in every] == made[::-1]
    # The pool is taken after the other filters, so they never empty it.
    client.delete(f"/api/v1/claims/{made[-1]}")
    assert sorted(ids(client, "/api/v1/claims?q=diesel")) == sorted(made[-3:-1])


def test_walking_the_id_index_and_the_full_text_index_find_the_same_claims(
    client_as, client, monkeypatch
):
    """PostgreSQL reaches the newest matches by one of two plans, picked from its statistics
    by how common the words are: whichever it picks, the answer is the same."""
    from factcheck import search

    texts = [f"Diesel prices at the Leuna refinery rose {n}% in May." for n in range(5)]
    made = [publish(client_as, text=text)["id"] for text in texts]
    create_claim(client, text="Bread prices fell in May.")
    monkeypatch.setattr(search, "RELEVANCE_POOL", 3)
    monkeypatch.setattr(search, "PER_TERM", 3)
    answers = []
    for common in (0.0, 2.0):  # every word common (walk the id index), then none (GIN)
        monkeypatch.setattr(search, "COMMON_FREQUENCY", common)
        match = client.post("/api/v1/claims/match", json={"text": texts[0]})
        answers.append((
            sorted(ids(client, "/api/v1/claims?q=diesel%20prices")),
            [item["id"] for item in match.json["items"]],
        ))  # fmt: skip
    assert answers[0] == answers[1]
    assert answers[0][0] == sorted(made[-3:])
    assert set(answers[0][1]) <= set(made[-3:])


def test_a_claimant_is_found_by_the_name_as_written(client):
    """A name ending in -s is found by itself on every database: PostgreSQL stems a claimant
    as its claim's text, the same way it stems the query ("Jones" and "jone")."""
    jones = create_claim(client, text="The bridge cost twice its budget.", claimant="Tom Jones")
    assert ids(client, "/api/v1/claims?q=Jones") == [jones["id"]]
    english = create_claim(client, text="Taxes rose.", claimant="Ann Davies", language="en")
    assert ids(client, "/api/v1/claims?q=Davies&language=en") == [english["id"]]
