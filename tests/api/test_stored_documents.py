"""Claims are served from documents stored when they change (services/documents.py).

What a stored document serves must be exactly what the schema dumps from the rows, for every
caller; a missing or outdated document falls back to rendering, and `flask documents refresh`
stores it again.
"""

import sqlalchemy as sa

from factcheck.cli import refresh_documents
from factcheck.extensions import db
from factcheck.models import Claim, ClaimDocument
from factcheck.services import documents
from tests.api.helpers import act
from tests.factories import create_claim
from tests.invariants import violations

READERS = ("submitter", "reviewer", "editor", "admin")


def _stored(app, claim_id) -> str | None:
    """The claim's stored document, if it is current."""
    with app.app_context():
        return documents.current_body(documents.one(claim_id))


def _outdate(app, claim_id=None):
    """Make documents look written by another release's renderer: reads render from rows."""
    with app.app_context():
        stmt = sa.update(ClaimDocument).values(shape="outdated")
        if claim_id is not None:
            stmt = stmt.where(ClaimDocument.claim_id == claim_id)
        db.session.execute(stmt)
        db.session.commit()


def _refresh(app):
    result = app.test_cli_runner().invoke(refresh_documents)
    assert result.exit_code == 0, result.output
    return result.output


def _served_equals_rendered(app, client_as, claim_id):
    """For every reader: the stored answer (and its ETag) equals the schema's dump, and so do
    the published fact-checks anyone reads."""
    assert _stored(app, claim_id) is not None, "the claim's document is not current"
    served = {who: client_as(who).get(f"/api/v1/claims/{claim_id}") for who in READERS}
    _outdate(app, claim_id)
    assert _stored(app, claim_id) is None
    public = client_as(None).get("/api/v1/fact-checks?limit=100")
    searched = client_as(None).get("/api/v1/claims:search?pageSize=100")
    for who, answer in served.items():
        rendered = client_as(who).get(f"/api/v1/claims/{claim_id}")
        assert answer.status_code == rendered.status_code
        assert answer.json == rendered.json, who
        assert answer.headers.get("ETag") == rendered.headers.get("ETag")
        assert answer.content_type == rendered.content_type
    assert client_as(None).get("/api/v1/fact-checks?limit=100").json == public.json
    assert client_as(None).get("/api/v1/claims:search?pageSize=100").json == searched.json
    _refresh(app)


def test_every_step_of_the_workflow_is_served_as_the_schema_renders_it(app, client_as):
    reviewer, editor, editor2 = client_as("reviewer"), client_as("editor"), client_as("editor-2")
    submitter = client_as("submitter")
    claim_id = create_claim(submitter, text="Exports doubled in 2023.", tags=["trade"])["id"]
    _served_equals_rendered(app, client_as, claim_id)

    steps = [
        lambda: act(reviewer, claim_id, "accept"),
        lambda: reviewer.patch(f"/api/v1/claims/{claim_id}", json={"tags": ["economy", "trade"]}),
        lambda: reviewer.post(
            f"/api/v1/claims/{claim_id}/sources",
            json={"url": "https://stats.example.org/x", "stance": "refutes", "title": "<Stats>"},
        ),
        lambda: reviewer.post(
            f"/api/v1/claims/{claim_id}/verdicts",
            json={"rating": "false", "summary": "Exports rose 4% & not 100%."},
        ),
        lambda: act(reviewer, claim_id, "propose"),
        lambda: act(editor, claim_id, "approve"),
        lambda: act(editor2, claim_id, "publish"),
        lambda: act(editor, claim_id, "reopen", note="A reader sent newer figures."),
    ]
    for step in steps:
        answer = step()
        assert answer.status_code in (200, 201), answer.json
        _served_equals_rendered(app, client_as, claim_id)

    # Reopened for a correction, it stays up with the verdict it was published with.
    public = client_as(None).get("/api/v1/fact-checks").json["items"]
    assert [(f["id"], f["verdict"]["rating"]) for f in public] == [(claim_id, "false")]

    source_id = client_as("reviewer").get(f"/api/v1/claims/{claim_id}").json["sources"][0]["id"]
    assert reviewer.delete(f"/api/v1/sources/{source_id}").status_code == 204
    _served_equals_rendered(app, client_as, claim_id)

    claim = client_as("admin").get(f"/api/v1/claims/{claim_id}")
    deleted = editor.delete(
        f"/api/v1/claims/{claim_id}", headers={"If-Match": claim.headers["ETag"]}
    )
    assert deleted.status_code == 204
    _served_equals_rendered(app, client_as, claim_id)


def test_stored_text_stays_html_safe(app, client):
    claim_id = create_claim(client, text="He said </script><script>alert(1)</script> twice.")["id"]
    assert _stored(app, claim_id) is not None
    raw = client.get(f"/api/v1/claims/{claim_id}").get_data(as_text=True)
    assert "</script>" not in raw and "\\u003c/script\\u003e" in raw
    page = client.get("/api/v1/claims").get_data(as_text=True)
    assert "</script>" not in page


def test_pages_mix_stored_and_outdated_documents_in_order(app, client, client_as):
    ids = [create_claim(client, text=f"Claim number {n} about wages.")["id"] for n in range(5)]
    before = client.get("/api/v1/claims?limit=3")
    _outdate(app, ids[3])
    _outdate(app, ids[1])
    after = client.get("/api/v1/claims?limit=3")
    assert after.json == before.json
    assert after.headers["Link"] == before.headers["Link"]
    following = client.get(f"/api/v1/claims?limit=3&cursor={before.json['next_cursor']}")
    assert [c["id"] for c in before.json["items"] + following.json["items"]] == ids[::-1]
    assert following.json["next_cursor"] is None and "Link" not in following.headers
    # allowed_actions follow the reader, not whoever caused the document to be written
    as_editor = client_as("editor").get("/api/v1/claims?limit=1").json["items"][0]
    as_submitter = client_as("submitter").get("/api/v1/claims?limit=1").json["items"]
    assert "reject" in as_editor["allowed_actions"]
    assert as_submitter == [] or "reject" not in as_submitter[0]["allowed_actions"]


def test_refresh_renders_claims_written_outside_the_orm_and_drops_nothing(app, client):
    claim_id = create_claim(client, text="Rents fell by a third.")["id"]
    with app.app_context():
        db.session.execute(sa.delete(ClaimDocument))
        db.session.execute(sa.update(Claim).values(text="Rents fell by a half."))
        db.session.commit()
    # No document: read from the rows, so the change made in SQL shows.
    assert client.get(f"/api/v1/claims/{claim_id}").json["text"] == "Rents fell by a half."
    assert "1 claim documents rendered" in _refresh(app)
    assert _stored(app, claim_id) is not None
    assert client.get(f"/api/v1/claims/{claim_id}").json["text"] == "Rents fell by a half."
    assert "0 claim documents rendered" in _refresh(app)


def test_a_purged_claim_leaves_no_document(app, client_as):
    admin = client_as("admin")
    claim_id = create_claim(admin, text="Fares went up twice this year.")["id"]
    etag = admin.get(f"/api/v1/claims/{claim_id}").headers["ETag"]
    assert admin.delete(f"/api/v1/claims/{claim_id}", headers={"If-Match": etag}).status_code == 204
    assert admin.post(f"/api/v1/claims/{claim_id}/purge").status_code == 204
    with app.app_context():
        assert db.session.get(ClaimDocument, claim_id) is None


def test_a_refused_request_stores_no_document(app, client):
    claim_id = create_claim(client, text="Taxes were cut for everyone.")["id"]
    stored = _stored(app, claim_id)
    refused = client.patch(f"/api/v1/claims/{claim_id}", json={"text": ""})
    assert refused.status_code == 422
    assert _stored(app, claim_id) == stored


def test_a_batch_stores_each_created_claim_once_its_transaction_commits(app, client):
    claims = [{"text": f"Bus fares rose {n}% in {2000 + n}."} for n in range(6)]
    claims[2] = {"text": ""}  # refused alone, in its savepoint
    answer = client.post("/api/v1/claims:batch", json={"claims": claims})
    assert answer.status_code == 200, answer.json
    created = [item["claim"]["id"] for item in answer.json["items"] if item["status"] == 201]
    assert len(created) == 5
    for claim_id in created:
        assert _stored(app, claim_id) is not None
        assert client.get(f"/api/v1/claims/{claim_id}").json["id"] == claim_id
    with app.app_context():
        assert violations() == []


def test_refresh_shares_the_claims_between_processes(app, client):
    ids = [create_claim(client, text=f"Pension number {n} was frozen.")["id"] for n in range(7)]
    _outdate(app)
    result = app.test_cli_runner().invoke(refresh_documents, ["--jobs", "3"])
    assert result.exit_code == 0, result.output
    assert "7 claim documents rendered" in result.output
    assert all(_stored(app, claim_id) is not None for claim_id in ids)


def test_claims_search_answers_what_its_schema_dumps_for_ours_and_imported(app, client_as):
    from factcheck.api.http import our_organisation
    from factcheck.schemas.google import ClaimsSearchResult
    from factcheck.services import fact_checks
    from tests.api.helpers import publish
    from tests.api.test_claimreview import REVIEW

    ours = publish(client_as, text="The ferry fleet doubled <in> 2020.")["id"]
    imported = client_as("editor").post("/api/v1/imports/claimreview", json=REVIEW)
    assert imported.status_code in (200, 201), imported.json
    served = client_as(None).get("/api/v1/claims:search?pageSize=100")
    assert served.status_code == 200

    with app.test_request_context("/api/v1/claims:search"):
        organisation = our_organisation()
        claims = db.session.scalars(
            fact_checks.published_claims().order_by(Claim.published_at.desc(), Claim.id.desc())
        ).all()
        expected = ClaimsSearchResult().dump(
            {
                "claims": [fact_checks.as_google_claim(c, organisation) for c in claims],
                "next_page_token": None,
            }
        )
    assert served.json == expected
    assert len(expected["claims"]) == 2
    assert ours in {c.id for c in claims}
    assert "<in>" not in served.get_data(as_text=True)
