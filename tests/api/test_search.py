"""Full-text search (`q=`) with the database's own engine: FTS5 or tsvector."""

from urllib.parse import urlencode

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


def test_each_word_brings_its_newest_claims_so_a_common_word_cannot_crowd_out_a_rare_one(
    client, monkeypatch
):
    """The pool holds the newest claims holding every word and each word's newest claims: an
    older claim holding the rarer word is ranked however many newer claims hold the common
    one."""
    from factcheck import search

    jobless = create_claim(client, text="Jobless claims fell in March.")["id"]
    records = [create_claim(client, text=f"Exports hit a record {n}.")["id"] for n in range(4)]
    monkeypatch.setattr(search, "RELEVANCE_POOL", 2)
    monkeypatch.setattr(search, "MIN_PER_WORD", 1)
    found = ids(client, "/api/v1/claims?q=jobless%20record")
    assert sorted(found) == sorted([jobless, records[-1]])
    # With a sort, every claim holding either word.
    every = ids(client, "/api/v1/claims?q=jobless%20record&sort=-created_at")
    assert every == [*records[::-1], jobless]


def test_walking_the_id_index_and_the_full_text_index_find_the_same_claims(
    client_as, client, monkeypatch
):
    """PostgreSQL reaches the newest matches by one of two plans, picked from its statistics
    by how common the words are: whichever it picks, the answer is the same."""
    from factcheck import search

    texts = [f"Diesel prices at the Leuna refinery rose {n}% in May." for n in range(5)]
    made = [publish(client_as, text=text)["id"] for text in texts]
    bread = create_claim(client, text="Bread prices fell in May.")["id"]
    monkeypatch.setattr(search, "RELEVANCE_POOL", 3)
    monkeypatch.setattr(search, "MIN_PER_WORD", 1)
    monkeypatch.setattr(search, "PER_TERM", 3)
    answers = []
    for common in (0.0, 2.0):  # every word common (walk the id index), then none (GIN)
        monkeypatch.setattr(search, "COMMON_FREQUENCY", common)
        match = client.post("/api/v1/claims/match", json={"text": texts[0]})
        answers.append((
            ids(client, "/api/v1/claims?q=diesel%20prices"),
            [item["id"] for item in match.json["items"]],
        ))  # fmt: skip
    assert answers[0] == answers[1]
    # The 3 newest holding both words, then the newest holding `prices` (3 // 2 per word).
    assert answers[0][0] == [*made[-1:-4:-1], bread]
    assert set(answers[0][1]) <= set(made[-3:])


def test_a_claimant_is_found_by_the_name_as_written(client):
    """A name ending in -s is found by itself on every database: PostgreSQL stems a claimant
    as its claim's text, the same way it stems the query ("Jones" and "jone")."""
    jones = create_claim(client, text="The bridge cost twice its budget.", claimant="Tom Jones")
    assert ids(client, "/api/v1/claims?q=Jones") == [jones["id"]]
    english = create_claim(client, text="Taxes rose.", claimant="Ann Davies", language="en")
    assert ids(client, "/api/v1/claims?q=Davies&language=en") == [english["id"]]


# Forgiving search: any word matches, the claims holding every word first.


def test_a_claim_holding_some_of_the_words_is_found(client_as, client, anonymous):
    """`jobless unemployment record` finds the claim about an unemployment record, though no
    claim says `jobless`: on /claims, /fact-checks and claims:search alike."""
    checked = publish(client_as, text="Unemployment fell to a record low in March.")["id"]
    jobs = create_claim(client, text="Unemployment rose in the north.")["id"]
    create_claim(client, text="The river flooded the town.")
    assert ids(client, "/api/v1/claims?q=unemployment%20record") == [checked, jobs]
    assert ids(client, "/api/v1/claims?q=jobless%20unemployment%20record") == [checked, jobs]
    assert ids(anonymous, "/api/v1/fact-checks?q=jobless%20unemployment%20record") == [checked]
    google = anonymous.get("/api/v1/claims:search?query=jobless%20unemployment%20record").json
    assert [c["text"] for c in google["claims"]] == ["Unemployment fell to a record low in March."]


def test_claims_holding_more_of_the_words_come_first_whatever_their_relevance(client):
    """A claim that repeats one word scores higher on that word than a claim holding two of
    the words once each; the one holding more words still comes first."""
    once_each = create_claim(client, text="Inflation and wages, said the minister.")["id"]
    repeated = create_claim(
        client, text="Inflation, inflation, inflation: inflation is all they talk about."
    )["id"]
    other = create_claim(client, text="Wages rose.")["id"]
    all_three = create_claim(client, text="Inflation outpaced wages and pensions.")["id"]
    assert ids(client, "/api/v1/claims?q=inflation") == [repeated, all_three, once_each]
    found = ids(client, "/api/v1/claims?q=inflation%20wages%20pensions")
    assert found[:2] == [all_three, once_each]
    assert set(found[2:]) == {repeated, other}
    assert found[2] == repeated  # same number of words: the more relevant first


def test_a_query_of_stop_words_only_matches_nothing(client_as, client, anonymous):
    publish(client_as, text="The minister said that it was not true.")
    create_claim(client, text="It is what it is.")
    for query in ("the", "it is what it is", "not or and"):
        assert ids(client, "/api/v1/claims?" + urlencode({"q": query})) == []
        assert ids(client, "/api/v1/claims?" + urlencode({"q": query, "sort": "-created_at"})) == []
        assert ids(anonymous, "/api/v1/fact-checks?" + urlencode({"q": query})) == []
        google = anonymous.get("/api/v1/claims:search?" + urlencode({"query": query})).json
        assert google["claims"] == []
    # Stop words beside other words are ignored, not required.
    unemployment = create_claim(client, text="Unemployment fell.")["id"]
    assert ids(client, "/api/v1/claims?q=the%20unemployment%20of%20it") == [unemployment]


def test_a_word_that_matches_nothing_changes_nothing(client):
    wages = create_claim(client, text="Wages grew faster than inflation.")["id"]
    assert ids(client, "/api/v1/claims?q=zyzzyva") == []
    assert ids(client, "/api/v1/claims?q=zyzzyva&sort=-created_at") == []
    assert ids(client, "/api/v1/claims?q=zyzzyva%20wages") == [wages]
    assert ids(client, "/api/v1/claims?q=wages%20zyzzyva&sort=created_at") == [wages]


def test_ranked_results_page_through_without_skipping_or_repeating(client):
    """The cursor of a ranked list carries the words held and the relevance: pages in that
    order (ties, identical texts here, by id) hold every claim once, as one page would."""
    texts = [
        "Unemployment hit a record in March.",  # both words
        "Unemployment hit a record in March.",  # the same again: a tie, broken by id
        "Unemployment fell.",
        "A record harvest.",
        "Unemployment, unemployment, unemployment.",
        "Record exports and record imports set a record.",
        "Unemployment hit a record in March.",
        "The river flooded the town.",  # neither word
    ]
    made = [create_claim(client, text=text)["id"] for text in texts]
    whole = ids(client, "/api/v1/claims?q=unemployment%20record&limit=50")
    assert sorted(whole) == sorted(made[:-1])
    assert whole[:3] == [made[6], made[1], made[0]]  # both words, identical: newest first
    for limit in (1, 2, 3):
        pages = walk(client, f"/api/v1/claims?q=unemployment%20record&limit={limit}")
        assert [i for page in pages for i in page] == whole


def test_fact_check_search_pages_through_ranked_results(client_as, anonymous):
    texts = [
        "Unemployment fell.",
        "Unemployment hit a record in March.",
        "A record harvest.",
        "Unemployment hit a record in March.",
    ]
    for text in texts:
        publish(client_as, text=text)
    query = {"query": "jobless unemployment record"}
    whole = anonymous.get("/api/v1/claims:search?" + urlencode(query)).json["claims"]
    assert [c["text"] for c in whole][:2] == [texts[1], texts[1]]
    seen, token = [], None
    while True:
        page = query | {"pageSize": 1} | ({"pageToken": token} if token else {})
        body = anonymous.get("/api/v1/claims:search?" + urlencode(page)).json
        seen += body["claims"]
        token = body["nextPageToken"]
        if not token:
            break
    assert seen == whole and len(seen) == 4
    pages = walk(anonymous, "/api/v1/fact-checks?q=jobless%20unemployment%20record&limit=1")
    fact_checks = ids(anonymous, "/api/v1/fact-checks?q=jobless%20unemployment%20record")
    assert [i for page in pages for i in page] == fact_checks and len(fact_checks) == 4
