"""The embedded default, served as `make run` serves it: no Redis, no worker process. Each
gunicorn worker runs jobs itself; a gunicorn worker killed in the middle of a delivery loses
nothing (its replacement's sweeper, started when it boots, sends the event again, with the
same webhook-id)."""

import os
import signal
import time

from standardwebhooks.webhooks import Webhook

from tests.faults.conftest import owner_of_port, start_gunicorn, stop
from tests.receiver import Receiver

STORY = (
    "LISBON - Unemployment fell to 6.1% in March, the statistics office said on Monday. "
    "The minister told reporters that wages grew 4% last year."
)


def test_the_embedded_queue_runs_jobs_and_survives_a_killed_worker(
    app, database_url, tokens, tmp_path
):
    env = {
        "FACTCHECK_QUEUE_URL": "",
        "FACTCHECK_WEBHOOKS_ALLOW_PRIVATE": "1",
        "FACTCHECK_DELIVERY_LEASE_SECONDS": "3",
        "FACTCHECK_QUEUE_SWEEP_SECONDS": "1",
        "FACTCHECK_QUEUE_SWEEP_GRACE_SECONDS": "2",
    }
    with Receiver() as receiver:
        # One worker: after the kill only its replacement, which no request reaches, can
        # send the event again.
        server = start_gunicorn(database_url, tmp_path / "gunicorn.log", workers=1, **env)
        try:
            editor = tokens["editor"]
            made = server.request(
                "POST", "/api/v1/webhooks", token=editor,
                body={"url": receiver.url, "event_types": ["article.extracted"]},
            )  # fmt: skip
            assert made.status == 201
            receiver.hang_on = 0
            queued = server.request(
                "POST", "/api/v1/articles", token=editor,
                body={"title": "Jobs", "body": STORY, "extract": True},
            )  # fmt: skip
            assert queued.status == 202, queued.body
            job_path = queued.headers["location"].split("//", 1)[1].split("/", 1)[1]
            deadline = time.monotonic() + 30
            while (job := server.request("GET", "/" + job_path, token=editor).body)[
                "status"
            ] != "succeeded":
                assert time.monotonic() < deadline, job
                time.sleep(0.2)
            assert job["result"]["created"] > 0
            assert receiver.hanging.wait(20), "the event was not sent"
            hung = receiver.received[0]
            victim = owner_of_port(hung.client_port, server.booted_workers())
            os.kill(victim, signal.SIGKILL)
            receiver.release.set()
            deadline = time.monotonic() + 30
            while not any(r.answered for r in receiver.received):
                assert time.monotonic() < deadline, "the killed worker's delivery was lost"
                time.sleep(0.2)
        finally:
            stop(server.process)
    answered = [r for r in receiver.received if r.answered]
    assert {r.webhook_id for r in answered} == {hung.webhook_id}
    (event,) = {r.webhook_id: Webhook(made.body["secret"]).verify(r.body, r.headers)
                for r in answered}.values()  # fmt: skip
    assert event["type"] == "article.extracted"
    assert event["data"]["created"] == job["result"]["created"]
