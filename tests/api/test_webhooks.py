"""Webhooks: subscriptions, signed deliveries, retries, ordering, SSRF refusals and the outbox
guarantee. The tests' queue is inline: a delivery is attempted right after the commit that
made its event, and a retry when `tasks.sweep()` finds it due."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from factcheck import tasks
from factcheck.extensions import db
from factcheck.models import EVENT_TYPES, OutboxEvent, User, WebhookDelivery
from factcheck.services import claims, delivery
from factcheck.unit_of_work import transaction
from tests.api.helpers import act, publish
from tests.factories import claim_payload, create_claim
from tests.receiver import Receiver
from tests.test_app import assert_problem

ALL_TYPES = list(EVENT_TYPES)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


def subscribe(client, url, types=None) -> dict:
    response = client.post("/api/v1/webhooks", json={"url": url, "event_types": types or ALL_TYPES})
    assert response.status_code == 201, response.json
    return response.json


def make_due(app):
    """Let time pass: every pending delivery is due now, and the sweeper sends it."""
    with app.app_context():
        db.session.execute(
            sa.update(WebhookDelivery)
            .where(WebhookDelivery.status == "pending")
            .values(next_attempt_at=datetime.now(UTC) - timedelta(hours=1))
        )
        db.session.commit()
        app.config["FACTCHECK_QUEUE_SWEEP_GRACE_SECONDS"] = 0
        try:
            return tasks.sweep()
        finally:
            app.config["FACTCHECK_QUEUE_SWEEP_GRACE_SECONDS"] = 30


def deliveries(client, subscription_id) -> list[dict]:
    return client.get(f"/api/v1/webhooks/{subscription_id}/deliveries?limit=100").json["items"]


def test_subscription_crud_shows_the_secret_once(client, client_as, loopback_allowed, receiver):
    created = client.post(
        "/api/v1/webhooks",
        json={"url": receiver.url, "event_types": ["fact_check.published"], "description": "CMS"},
    )
    assert created.status_code == 201
    assert created.headers["Cache-Control"] == "no-store"
    assert created.json["secret"].startswith("whsec_")
    location = created.headers["Location"]
    fetched = client.get(location)
    assert fetched.status_code == 200 and "secret" not in fetched.json
    assert fetched.json["event_types"] == ["fact_check.published"] and fetched.json["active"]
    listed = client.get("/api/v1/webhooks").json["items"]
    assert [w["id"] for w in listed] == [created.json["id"]] and "secret" not in listed[0]
    patched = client.patch(
        location, json={"event_types": ["claim.submitted"]}, headers={"If-Match": '"1"'}
    )
    assert patched.status_code == 200 and patched.json["event_types"] == ["claim.submitted"]
    stale = client.patch(location, json={"active": False}, headers={"If-Match": '"1"'})
    assert_problem(stale, 412)
    # Reviewers and submitters may not see or make subscriptions.
    assert client_as("reviewer").get("/api/v1/webhooks").status_code == 403
    assert client_as("reviewer").post("/api/v1/webhooks", json={}).status_code == 403
    assert client.delete(location).status_code == 204
    assert_problem(client.get(location), 404)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://127.1.2.3:8080/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/hook",
        "http://172.16.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        "http://[fd00::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://224.0.0.1/hook",
    ],
)
def test_webhook_urls_must_be_public(client, url):
    response = client.post("/api/v1/webhooks", json={"url": url, "event_types": ALL_TYPES})
    problem = assert_problem(response, 422)
    assert "url" in problem["errors"]
    assert client.get("/api/v1/webhooks").json["items"] == []


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "http://user:pw@example.org/", "javascript:alert(1)", "x"]
)
def test_webhook_urls_must_be_http(client, url):
    response = client.post("/api/v1/webhooks", json={"url": url, "event_types": ALL_TYPES})
    assert "url" in assert_problem(response, 422)["errors"]


def test_unknown_event_types_are_refused(client, loopback_allowed, receiver):
    response = client.post("/api/v1/webhooks", json={"url": receiver.url, "event_types": ["x"]})
    assert "event_types.0" in assert_problem(response, 422)["errors"]


def test_deliveries_are_signed_the_standard_webhooks_way(
    app, client, client_as, loopback_allowed, receiver
):
    secret = subscribe(client, receiver.url)["secret"]
    fact_check = publish(client_as)
    payloads = receiver.verified(secret)  # raises unless every signature verifies
    types = [p["type"] for p in payloads]
    assert types == [
        "claim.submitted",
        "claim.assigned",  # accepting a claim takes it on
        "verdict.proposed",
        "fact_check.published",
    ]
    published = payloads[-1]["data"]
    public = client.get(f"/api/v1/fact-checks/{fact_check['id']}").json
    assert published["fact_check"] == public  # the public resource, nothing more
    assert published["claim_review_url"].endswith(f"/fact-checks/{fact_check['id']}/claimreview")
    for payload in payloads[:-1]:  # work in progress: ids, status and links only
        assert set(payload["data"]) <= {"claim", "assignee_id", "verdict_id"}
        assert set(payload["data"]["claim"]) == {"id", "url", "status"}
    # Every id differs; a wrong secret or an altered body does not verify.
    ids = [r.webhook_id for r in receiver.received]
    assert len(set(ids)) == len(ids) and all(i.startswith("msg_") for i in ids)
    first = receiver.received[0]
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 43).verify(first.body, first.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(first.body.replace(b"submitted", b"published"), first.headers)
    log = deliveries(client, subscribe(client, receiver.url)["id"] - 1)
    assert {d["status"] for d in log} == {"succeeded"}
    assert [d["webhook_id"] for d in reversed(log)] == ids
    assert all(d["attempt_log"][0]["status"] == 204 for d in log)


def test_only_the_chosen_event_types_are_delivered(client, client_as, loopback_allowed, receiver):
    secret = subscribe(client, receiver.url, ["fact_check.published"])["secret"]
    publish(client_as)
    assert [p["type"] for p in receiver.verified(secret)] == ["fact_check.published"]


def test_a_failing_receiver_is_retried_with_the_same_id(app, client, loopback_allowed):
    with Receiver(fail_first=3, status=503) as failing:
        subscription = subscribe(client, failing.url, ["claim.submitted"])
        create_claim(client)
        assert len(failing.received) == 1
        (pending,) = deliveries(client, subscription["id"])
        assert pending["status"] == "pending" and pending["response_status"] == 503
        assert pending["next_attempt_at"] > pending["attempt_log"][0]["at"]
        for _ in range(3):
            make_due(app)
        assert len(failing.received) == 4
        assert len({r.webhook_id for r in failing.received}) == 1  # one event, four attempts
        (done,) = deliveries(client, subscription["id"])
        assert done["status"] == "succeeded" and done["attempts"] == 4
        assert [a.get("status") for a in done["attempt_log"]] == [503, 503, 503, 204]
        assert make_due(app) == {"deliveries": 0, "jobs": 0}  # nothing left to send


def test_the_retry_schedule_spans_about_a_day_with_jitter():
    pauses = [delivery.pause_after(n, jitter=0) for n in range(1, delivery.MAX_ATTEMPTS)]
    assert pauses == sorted(pauses) and pauses[0] == 5
    assert 20 * 3600 < sum(pauses) < 30 * 3600
    varied = {round(delivery.pause_after(3), 3) for _ in range(20)}
    assert len(varied) > 1 and all(64 <= p <= 96 for p in varied)


def test_a_receiver_failing_all_day_disables_the_subscription(app, client, loopback_allowed):
    with Receiver(fail_first=10**6) as down:
        subscription = subscribe(client, down.url, ["claim.submitted"])
        create_claim(client)
        for _ in range(delivery.MAX_ATTEMPTS - 1):
            make_due(app)
        assert len(down.received) == delivery.MAX_ATTEMPTS
        (failed,) = deliveries(client, subscription["id"])
        assert failed["status"] == "failed" and failed["attempts"] == delivery.MAX_ATTEMPTS
        disabled = client.get(f"/api/v1/webhooks/{subscription['id']}").json
        assert not disabled["active"] and disabled["disabled_at"]
        assert "failed 10 times" in disabled["disabled_reason"]
        assert "500" in disabled["disabled_reason"]
        # A disabled subscription receives no new events.
        create_claim(client)
        make_due(app)
        assert len(down.received) == delivery.MAX_ATTEMPTS
        assert len(deliveries(client, subscription["id"])) == 1
        # Fixed and resumed: new events go out; the failed one can be sent again by hand.
        down.fail_first = 0
        resumed = client.patch(f"/api/v1/webhooks/{subscription['id']}", json={"active": True})
        assert resumed.json["active"] and resumed.json["disabled_reason"] is None
        create_claim(client)
        assert len(down.received) == delivery.MAX_ATTEMPTS + 1
        again = client.post(
            f"/api/v1/webhooks/{subscription['id']}/deliveries/{failed['id']}/attempts"
        )
        assert again.status_code == 202
        assert down.received[-1].webhook_id == failed["webhook_id"]
        statuses = {d["id"]: d["status"] for d in deliveries(client, subscription["id"])}
        assert set(statuses.values()) == {"succeeded"}


def test_redelivery_of_an_unknown_delivery_is_404(client, loopback_allowed, receiver):
    subscription = subscribe(client, receiver.url)
    assert_problem(
        client.post(f"/api/v1/webhooks/{subscription['id']}/deliveries/999/attempts"), 404
    )


def test_events_of_one_claim_arrive_in_commit_order(app, client, loopback_allowed):
    with Receiver(fail_first=1) as flaky:
        secret = subscribe(client, flaky.url)["secret"]
        claim_id = create_claim(client)["id"]  # submitted: fails once, waits for its retry
        act(client, claim_id, "accept")  # assigned: held back behind it
        other = create_claim(client)["id"]  # another claim's events are not held
        assert [r.webhook_id for r in flaky.received][0] != flaky.received[-1].webhook_id
        assert len(flaky.received) == 2
        make_due(app)
        payloads = flaky.verified(secret)
        order = [(p["type"], p["data"]["claim"]["id"]) for p in payloads]
        assert order == [
            ("claim.submitted", claim_id),
            ("claim.submitted", other),
            ("claim.submitted", claim_id),
            ("claim.assigned", claim_id),
        ]


def test_a_rolled_back_change_sends_nothing(app, client, loopback_allowed, receiver, tokens):
    subscribe(client, receiver.url)
    with app.app_context():
        editor = db.session.scalar(sa.select(User).where(User.name == "editor"))
        with pytest.raises(RuntimeError), transaction():
            claims.create(claim_payload(), editor)
            raise RuntimeError("the request failed after the change")
        # A savepoint rolled back inside a committed transaction takes its events with it.
        with transaction():
            kept = claims.create(claim_payload(text="Kept claim about exports in 2024."), editor)
            nested = db.session.begin_nested()
            claims.create(claim_payload(text="Dropped claim about imports in 2024."), editor)
            nested.rollback()
        events = db.session.scalars(sa.select(OutboxEvent)).all()
        assert [(e.type, e.payload["data"]["claim"]["id"]) for e in events] == [
            ("claim.submitted", kept.id)
        ]
    assert len(receiver.received) == 1
    # A refused request (4xx) changes nothing and sends nothing either.
    assert client.post("/api/v1/claims", json={"text": ""}).status_code == 422
    bad = act(client, kept.id, "propose")
    assert bad.status_code in (409, 422)
    assert len(receiver.received) == 1


def test_deleting_and_correcting_are_announced(app, client, client_as, loopback_allowed, receiver):
    secret = subscribe(client, receiver.url, ["claim.deleted", "fact_check.corrected"])["secret"]
    fact_check = publish(client_as, rating="false")
    reviewer, editor, editor2 = client_as("reviewer"), client, client_as("editor-2")
    act(editor, fact_check["id"], "reopen", note="New figures")
    reviewer.post(
        f"/api/v1/claims/{fact_check['id']}/verdicts",
        json={"rating": "mostly_false", "summary": "Revised with the new figures."},
    )
    act(reviewer, fact_check["id"], "propose")
    act(editor, fact_check["id"], "approve")
    assert act(editor2, fact_check["id"], "publish").status_code == 200
    doomed = create_claim(client)["id"]
    assert client.delete(f"/api/v1/claims/{doomed}").status_code == 204
    payloads = receiver.verified(secret)
    assert [p["type"] for p in payloads] == ["fact_check.corrected", "claim.deleted"]
    assert payloads[0]["data"]["fact_check"]["verdict"]["rating"] == "mostly_false"
    assert payloads[1]["data"]["claim"] == {
        "id": doomed,
        "url": payloads[1]["data"]["claim"]["url"],
        "status": "submitted",
    }


def test_delivery_time_checks_refuse_private_targets(app, client, loopback_allowed, receiver):
    subscription = subscribe(client, receiver.url, ["claim.submitted"])
    app.config["FACTCHECK_WEBHOOKS_ALLOW_PRIVATE"] = False  # e.g. DNS now points inside
    create_claim(client)
    assert receiver.received == []
    (refused,) = deliveries(client, subscription["id"])
    assert refused["status"] == "pending" and "loopback" in refused["last_error"]
    assert refused["response_status"] is None
