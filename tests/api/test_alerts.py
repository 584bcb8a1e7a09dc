"""Repeat-claim alerts: a new claim repeating a published fact-check says so (in the
background; the tests' queue runs the matching job right after the claim is stored)."""

from tests.api.helpers import act, publish
from tests.api.test_webhooks import subscribe
from tests.factories import create_claim
from tests.receiver import Receiver

CHECKED = "The unemployment rate fell to 3.2% in May 2024, the lowest since 1990."


def test_a_repeated_claim_is_already_checked(client, client_as, loopback_allowed):
    with Receiver() as receiver:
        secret = subscribe(client, receiver.url, ["claim.matched"])["secret"]
        fact_check = publish(client_as, rating="false", text=CHECKED)
        repeat = create_claim(client, text=CHECKED.replace("The unemployment", "Unemployment"))
        unrelated = create_claim(client, text="The new bridge cost 40 million euros to build.")
        shown = client.get(f"/api/v1/claims/{repeat['id']}").json
        (alert,) = shown["already_checked"]
        assert alert["fact_check_id"] == fact_check["id"] and alert["rating"] == "false"
        assert alert["url"].endswith(f"/fact-checks/{fact_check['id']}")
        assert "/api/" not in alert["url"]  # the reader page, as ClaimReview's url
        assert alert["score"] >= 0.6
        assert client.get(f"/api/v1/claims/{unrelated['id']}").json["already_checked"] == []
        alerted = client.get("/api/v1/claims?already_checked=true").json["items"]
        assert [c["id"] for c in alerted] == [repeat["id"]]
        not_alerted = client.get("/api/v1/claims?already_checked=false").json["items"]
        assert repeat["id"] not in [c["id"] for c in not_alerted]
        (event,) = receiver.verified(secret)
        assert event["type"] == "claim.matched"
        assert event["data"]["claim"]["id"] == repeat["id"]
        assert event["data"]["already_checked"] == [alert]


def test_a_contradicting_claim_is_not_an_alert(client, client_as):
    publish(client_as, rating="false", text=CHECKED)
    opposite = create_claim(client, text=CHECKED.replace("fell", "rose"))
    assert client.get(f"/api/v1/claims/{opposite['id']}").json["already_checked"] == []


def test_a_correction_updates_the_alerts_that_cite_it(client, client_as):
    fact_check = publish(client_as, rating="false", text=CHECKED)
    repeat = create_claim(client, text=CHECKED)
    before = client.get(f"/api/v1/claims/{repeat['id']}")
    assert before.json["already_checked"][0]["rating"] == "false"
    reviewer, editor2 = client_as("reviewer"), client_as("editor-2")
    act(client, fact_check["id"], "reopen", note="New figures")
    reviewer.post(
        f"/api/v1/claims/{fact_check['id']}/verdicts",
        json={"rating": "mostly_false", "summary": "Revised with the new figures."},
    )
    act(reviewer, fact_check["id"], "propose")
    act(client, fact_check["id"], "approve")
    assert act(editor2, fact_check["id"], "publish").status_code == 200
    after = client.get(f"/api/v1/claims/{repeat['id']}")
    assert after.json["already_checked"][0]["rating"] == "mostly_false"
    assert after.headers["ETag"] != before.headers["ETag"]  # a new version: caches refresh


def test_extraction_jobs_match_what_they_find(client, client_as):
    fact_check = publish(client_as, rating="false", text=CHECKED)
    body = f"LISBON - The minister spoke on Monday. {CHECKED} Critics disagreed."
    queued = client.post("/api/v1/articles", json={"title": "Jobs", "body": body, "extract": True})
    assert queued.status_code == 202
    job = client.get(queued.headers["Location"]).json
    assert job["status"] == "succeeded"
    alerted = client.get("/api/v1/claims?already_checked=true").json["items"]
    assert alerted and set(alerted[0]) >= {"already_checked"}
    assert alerted[0]["already_checked"][0]["fact_check_id"] == fact_check["id"]
    assert alerted[0]["article_id"] == job["result"]["article_id"]


def test_jobs_are_shown_to_their_owner_and_editors_only(client_as):
    submitter = client_as("submitter")
    queued = submitter.post(
        "/api/v1/articles", json={"title": "T", "body": CHECKED, "extract": True}
    )
    location = queued.headers["Location"]
    assert submitter.get(location).status_code == 200
    assert client_as("editor").get(location).status_code == 200
    assert client_as("reviewer").get(location).status_code == 404
    assert client_as("reviewer").get("/api/v1/jobs/999999").status_code == 404


def test_a_new_fact_check_alerts_the_claims_already_waiting(client, client_as, loopback_allowed):
    with Receiver() as receiver:
        secret = subscribe(client, receiver.url, ["claim.matched"])["secret"]
        waiting = create_claim(client, text=CHECKED)  # nothing published yet: no alert
        assert client.get(f"/api/v1/claims/{waiting['id']}").json["already_checked"] == []
        rejected = create_claim(client, text=CHECKED)
        act(client, rejected["id"], "reject", note="Out of scope")
        fact_check = publish(client_as, rating="false", text=CHECKED)
        shown = client.get(f"/api/v1/claims/{waiting['id']}").json["already_checked"]
        assert [a["fact_check_id"] for a in shown] == [fact_check["id"]]
        assert client.get(f"/api/v1/claims/{rejected['id']}").json["already_checked"] == []
        (event,) = receiver.verified(secret)
        assert event["data"]["claim"]["id"] == waiting["id"]
