"""POST /claims:batch: many claims in one request, each created or refused alone."""

import pytest
import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Claim, ReviewEvent
from factcheck.services import accounts, batches
from factcheck.unit_of_work import transaction
from tests.factories import article_payload, claim_payload, create_article, create_claim
from tests.test_app import assert_problem

URL = "/api/v1/claims:batch"


def stored(app) -> list[tuple[str, int]]:
    """(text, submitter id) of every claim row and the number of history events, read from
    the tables (not through the API, which could hide half-written rows)."""
    with app.app_context():
        claims = db.session.execute(sa.select(Claim.text).order_by(Claim.id)).scalars().all()
        events = db.session.scalar(sa.select(sa.func.count()).select_from(ReviewEvent))
        db.session.remove()
    return claims, events


def test_one_result_per_item_in_input_order(app, client_as):
    client = client_as("submitter")
    items = [
        claim_payload(text="Exports doubled in 2024.", tags=["Economy"]),
        {"claimant": "No text"},
        claim_payload(text="Imports fell by a third."),
        7,
        None,
        claim_payload(span_start=0),
        claim_payload(text="Wages rose 3% last year.", unknown="field"),
        claim_payload(text="   "),
        claim_payload(text="Inflation was 2.1% in May."),
    ]
    response = client.post(URL, json={"claims": items})
    assert response.status_code == 200, response.json
    body = response.json
    assert [item["index"] for item in body["items"]] == list(range(len(items)))
    assert [item["status"] for item in body["items"]] == [
        201,
        422,
        201,
        422,
        422,
        422,
        422,
        422,
        201,
    ]
    assert (body["created"], body["refused"]) == (3, 6)

    first = body["items"][0]["claim"]
    assert first["text"] == "Exports doubled in 2024." and first["status"] == "submitted"
    assert first["tags"] == ["economy"] and first["likely_duplicates"] == []
    assert body["items"][2]["claim"]["text"] == "Imports fell by a third."
    assert body["items"][8]["claim"]["text"] == "Inflation was 2.1% in May."
    refused = {item["index"]: item for item in body["items"] if item["status"] == 422}
    assert "text" in refused[1]["errors"]
    assert refused[3]["errors"] == refused[4]["errors"] == {"_body": ["Invalid input type."]}
    assert "span_end" in refused[5]["errors"]
    assert "unknown" in refused[6]["errors"]
    assert "text" in refused[7]["errors"]
    for item in refused.values():
        assert item["type"] == "urn:factcheck:problem:validation-error"
        assert item["title"] == "Unprocessable Content" and item["detail"]
        assert "claim" not in item

    listed = client.get("/api/v1/claims?sort=created_at").json["items"]
    created_ids = [body["items"][i]["claim"]["id"] for i in (0, 2, 8)]
    assert [c["id"] for c in listed] == created_ids
    fetched = client.get(f"/api/v1/claims/{created_ids[0]}").json
    assert {k: v for k, v in first.items() if k != "likely_duplicates"} == fetched


def test_items_refused_like_a_single_create(app, client_as):
    with app.app_context(), transaction():
        other = accounts.issue_token(accounts.create_user("other-submitter", "submitter")).secret
    client = client_as("submitter")
    others_article = app.test_client().post(
        "/api/v1/articles",
        json=article_payload(body="Someone else's story, 33 characters."),
        headers={"Authorization": f"Bearer {other}"},
    )
    assert others_article.status_code == 201
    mine = create_article(client, body="My own story, which is 36 characters.")
    bad_items = [
        claim_payload(article_id=others_article.json["id"]),
        claim_payload(article_id=mine["id"], span_start=0, span_end=len(mine["body"]) + 1),
        claim_payload(article_id=999999),
        claim_payload(span_start=0, span_end=5),
    ]
    good = claim_payload(article_id=mine["id"], span_start=0, span_end=len(mine["body"]))
    response = client.post(URL, json={"claims": [*bad_items, good]})
    assert response.status_code == 200
    results = response.json["items"]
    assert [r["status"] for r in results] == [422, 422, 422, 422, 201]
    for item, result in zip(bad_items, results, strict=False):
        single = assert_problem(client.post("/api/v1/claims", json=item), 422)
        assert result["errors"] == single["errors"] and result["type"] == single["type"]
    assert "article_id" in results[0]["errors"] and "span_end" in results[1]["errors"]
    assert results[4]["claim"]["span_end"] == len(mine["body"])
    assert [c["id"] for c in client.get("/api/v1/claims").json["items"]] == [
        results[4]["claim"]["id"]
    ]


def test_each_created_claim_lists_its_likely_duplicates(client):
    earlier = create_claim(client, text="Rents in Berlin rose 12% in 2024.")
    items = [
        {"text": "In 2024 rents in Berlin rose 12%."},
        {"text": "Tigers are native to Siberia."},
        {"text": "Tigers are native to Siberia, the minister said."},
    ]
    results = client.post(URL, json={"claims": items}).json["items"]
    assert [d["id"] for d in results[0]["claim"]["likely_duplicates"]][:1] == [earlier["id"]]
    assert results[1]["claim"]["likely_duplicates"] == []
    # Claims created earlier in the batch count, as they would for one create after another.
    duplicates = [d["id"] for d in results[2]["claim"]["likely_duplicates"]]
    assert results[1]["claim"]["id"] in duplicates


@pytest.mark.parametrize(
    "body",
    [
        {"claims": [claim_payload() for _ in range(1001)]},
        {"claims": []},
        {},
        {"claims": {"text": "Not a list."}},
        {"claims": "Exports doubled."},
        {"claims": [claim_payload()], "dry_run": True},
        [claim_payload()],
        "claims",
    ],
    ids=["1001-items", "no-items", "no-claims", "object", "string", "unknown-field", "list", "str"],
)
def test_a_malformed_envelope_refuses_the_whole_request_and_stores_nothing(app, client, body):
    response = client.post(URL, json=body)
    problem = assert_problem(response, 422)
    assert problem["errors"]
    assert stored(app) == ([], 0)


def test_1000_items_are_accepted(app, client):
    items = [{"text": f"Claim number {n} of the batch."} for n in range(1000)]
    response = client.post(URL, json={"claims": items})
    assert response.status_code == 200
    assert response.json["created"] == 1000
    assert len(stored(app)[0]) == 1000


def test_a_request_that_fails_midway_leaves_nothing_behind(app, client, monkeypatch):
    calls = []

    def fail_on_the_third(finder, index, text):
        calls.append(text)
        if len(calls) == 3:
            raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection lost"))
        return []

    monkeypatch.setattr(batches.matching.BatchDuplicates, "of", fail_on_the_third)
    items = [{"text": f"Claim {n}."} for n in range(5)]
    assert_problem(client.post(URL, json={"claims": items}), 503)
    assert len(calls) == 3  # two claims were created and flushed before the failure
    assert stored(app) == ([], 0)


def test_a_claim_that_fails_after_it_was_written_is_undone_alone(app, client, monkeypatch):
    from factcheck.errors import InvalidInput
    from factcheck.services import claims, history

    record = history.record

    def refuse_poison(claim_id, actor, action, **kwargs):
        if "poison" in kwargs.get("changes", {}).get("text", ""):
            raise InvalidInput("Refused after the claim was flushed.", errors={"text": ["No."]})
        return record(claim_id, actor, action, **kwargs)

    monkeypatch.setattr(claims.history, "record", refuse_poison)
    items = [{"text": "First claim."}, {"text": "A poison claim."}, {"text": "Third claim."}]
    response = client.post(URL, json={"claims": items})
    assert [r["status"] for r in response.json["items"]] == [201, 422, 201]
    assert stored(app) == (["First claim.", "Third claim."], 2)


def test_idempotent_replay_returns_the_whole_batch_answer(app, client):
    headers = {"Idempotency-Key": "batch-1"}
    body = {"claims": [{"text": "Exports doubled."}, {"claimant": "no text"}]}
    first = client.post(URL, json=body, headers=headers)
    assert first.status_code == 200 and first.json["created"] == 1
    again = client.post(URL, json=body, headers=headers)
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json
    assert stored(app)[0] == ["Exports doubled."]

    other = client.post(URL, json={"claims": [{"text": "Imports fell."}]}, headers=headers)
    assert "Idempotency-Key" in assert_problem(other, 422)["errors"]
    assert stored(app)[0] == ["Exports doubled."]


def test_needs_a_token(anonymous, app):
    assert_problem(anonymous.post(URL, json={"claims": [{"text": "A claim."}]}), 401)
    assert stored(app) == ([], 0)


def test_documented_with_the_claim_schema_and_the_idempotency_key(app):
    spec = app.test_client().get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/claims:batch"]["post"]
    assert operation["x-required-role"] == "submitter"
    assert "Idempotency-Key" in [p["name"] for p in operation["parameters"]]
    envelope = spec["components"]["schemas"]["ClaimBatchIn"]["properties"]["claims"]
    assert (envelope["minItems"], envelope["maxItems"]) == (1, 1000)
    ref = envelope["items"]["anyOf"][0]["$ref"]
    assert spec["components"]["schemas"][ref.rsplit("/", 1)[1]] is not None
    assert ref.endswith("/ClaimIn")


def test_a_batch_finds_the_duplicates_one_create_after_another_would(app, client):
    stored_texts = [
        "Rents in Berlin rose 12% in 2024.",
        "Unemployment in Spain fell to 11% last year.",
        "The new bridge cost twice its budget.",
    ]
    items = [
        {"text": "In 2024 rents in Berlin rose 12%."},
        {"text": "Spain's unemployment fell to 11% last year, the minister said."},
        {"text": "Tigers are native to Siberia."},
        {"text": "Tigers are native to Siberia, a ranger said."},
        {"text": "The bridge cost twice the budget."},
        {"text": "Rents in Berlin rose 12 percent in 2024."},
    ]

    def labelled(results, stored_ids):
        label = {claim_id: f"stored {n}" for n, claim_id in enumerate(stored_ids)}
        label.update({r["claim"]["id"]: f"item {n}" for n, r in enumerate(results)})
        return [[label[d["id"]] for d in r["claim"]["likely_duplicates"]] for r in results]

    stored_ids = [create_claim(client, text=text)["id"] for text in stored_texts]
    batch = client.post(URL, json={"claims": items}).json["items"]
    in_a_batch = labelled(batch, stored_ids)

    with app.app_context():  # the same stored claims again, then the items one at a time
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                if table.name not in ("users", "api_tokens", "credential_epoch"):
                    connection.execute(table.delete())
    stored_ids = [create_claim(client, text=text)["id"] for text in stored_texts]
    one_by_one = [{"claim": client.post("/api/v1/claims", json=item).json} for item in items]
    assert in_a_batch == labelled(one_by_one, stored_ids)
    assert in_a_batch[0] == ["stored 0"] and "item 2" in in_a_batch[3]
    assert set(in_a_batch[5]) >= {"stored 0", "item 0"}
