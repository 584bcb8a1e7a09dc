"""SQL statements per request: each endpoint has a budget, and lists cost the same at any size.

The budgets count every statement the request sends, the token lookup included; a page of
claims loads claims, tags, sources and current verdicts in one statement each (no N+1).
"""

from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from factcheck.extensions import db
from tests.api.helpers import publish
from tests.factories import create_claim, create_source, create_verdict


@contextmanager
def statements(app):
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def cost(app, client, method, url, **kwargs) -> int:
    getattr(client, method)("/api/v1/me")  # token's last_used_at is written at most once a minute
    with statements(app) as seen:
        response = getattr(client, method)(url, **kwargs)
    assert response.status_code < 400, response.json
    return len(seen)


def rich_claims(client, n):
    ids = []
    for i in range(n):
        claim = create_claim(client, tags=["a", "b"], text=f"Prices rose {i}%.")
        create_source(client, claim["id"])
        create_source(client, claim["id"], stance="supports")
        create_verdict(client, claim["id"])
        ids.append(claim["id"])
    return ids


BUDGETS = {
    "one claim": 5,
    "claim list": 5,
    "fact-check list": 6,
    "article list": 2,
    "claim search": 5,
    "conditional claim": 2,
    "match": 7,
}


def test_one_claim_within_budget(app, client):
    [cid] = rich_claims(client, 1)
    assert cost(app, client, "get", f"/api/v1/claims/{cid}") <= BUDGETS["one claim"]


@pytest.mark.parametrize("url", ["/api/v1/claims", "/api/v1/claims?q=prices"])
def test_claim_lists_cost_the_same_for_1_and_12_rows(app, client, url):
    rich_claims(client, 1)
    small = cost(app, client, "get", url + ("&" if "?" in url else "?") + "limit=1")
    rich_claims(client, 11)
    large = cost(app, client, "get", url + ("&" if "?" in url else "?") + "limit=12")
    assert small == large <= BUDGETS["claim list" if "q=" not in url else "claim search"]


def test_fact_check_list_is_constant(app, client_as, anonymous):
    publish(client_as)
    one = cost(app, anonymous, "get", "/api/v1/fact-checks?limit=1")
    for _ in range(4):
        publish(client_as)
    five = cost(app, anonymous, "get", "/api/v1/fact-checks?limit=5")
    assert one == five <= BUDGETS["fact-check list"]


def test_article_list_is_constant(app, client):
    from tests.factories import create_article

    create_article(client)
    one = cost(app, client, "get", "/api/v1/articles?limit=1")
    for _ in range(5):
        create_article(client)
    six = cost(app, client, "get", "/api/v1/articles?limit=6")
    assert one == six <= BUDGETS["article list"]


def test_conditional_get_is_cheap(app, client):
    [cid] = rich_claims(client, 1)
    etag = client.get(f"/api/v1/claims/{cid}").headers["ETag"]
    headers = {"If-None-Match": etag}
    url = f"/api/v1/claims/{cid}"
    assert cost(app, client, "get", url, headers=headers) <= BUDGETS["conditional claim"]


@pytest.mark.parametrize("endpoint", ["match", "similar"])
def test_matches_cost_the_same_for_1_and_5_fact_checks(app, client, client_as, endpoint):
    """Each match carries its fact-check's rating, URL and date: read for every match at once."""
    text = "Diesel prices at the Leuna refinery rose {}% in May."
    incoming = create_claim(client, text=text.format(99))

    def request():
        if endpoint == "match":
            return "post", "/api/v1/claims/match", {"json": {"text": text.format(99)}}
        return "get", f"/api/v1/claims/{incoming['id']}/similar", {}

    def matches() -> int:
        method, url, kwargs = request()
        return len(getattr(client, method)(url, **kwargs).json["items"])

    publish(client_as, text=text.format(1))
    assert matches() == 1  # and PostgreSQL's word statistics are read (cached a while)
    method, url, kwargs = request()
    one = cost(app, client, method, url, **kwargs)
    for n in range(2, 6):
        publish(client_as, text=text.format(n))
    assert matches() == 5
    five = cost(app, client, method, url, **kwargs)
    assert one == five <= BUDGETS["match"]
