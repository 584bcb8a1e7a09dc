"""Reads run their statements in autocommit; everything else in one transaction per request."""

import sqlalchemy as sa

from factcheck.extensions import db
from tests.factories import create_claim


def _isolation_levels(app, send) -> set:
    seen = set()

    def record(conn, *_args):
        seen.add(conn.get_execution_options().get("isolation_level"))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        send()
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return seen


def test_get_runs_in_autocommit_and_writes_in_a_transaction(app, client):
    claim_id = create_claim(client, text="Fuel duty rose in March.")["id"]

    def read():
        assert client.get(f"/api/v1/claims/{claim_id}").status_code == 200
        assert client.get("/api/v1/claims").status_code == 200

    def write():
        answer = client.patch(f"/api/v1/claims/{claim_id}", json={"priority": 2})
        assert answer.status_code == 200, answer.json

    assert _isolation_levels(app, read) == {"AUTOCOMMIT"}
    assert "AUTOCOMMIT" not in _isolation_levels(app, write)


def test_a_refused_write_still_leaves_nothing(app, client):
    claim_id = create_claim(client, text="Fuel duty rose in April.")["id"]
    before = client.get(f"/api/v1/claims/{claim_id}").json
    refused = client.post(
        f"/api/v1/claims/{claim_id}/sources", json={"url": "https://a.example/x", "stance": "??"}
    )
    assert refused.status_code == 422
    assert client.get(f"/api/v1/claims/{claim_id}").json == before
