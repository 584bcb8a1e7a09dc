"""Conflicting requests fired in pairs at a served app: the desk's rules hold however they land.

Each round sets a claim up through the API, then sends two requests that contend for it at the
same moment (a barrier releases both threads together) and checks the rules in
tests/invariants.py and what each answer said. Loopback only; ROUNDS bounds the run.
"""

import json
import os
import random
import threading
import urllib.error
import urllib.request

import pytest

from tests.api.helpers import act
from tests.factories import create_article, create_claim, create_source, create_verdict
from tests.invariants import violations

ROUNDS = int(os.environ.get("FACTCHECK_RACE_ROUNDS", "16"))


def _send(url: str, token: str, method: str, payload=None) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _action(url, token: str, claim_id: int, action: str, **body):
    """A workflow action, to be sent by `_together`."""
    path = url(f"/claims/{claim_id}/actions")
    return lambda: _send(path, token, "POST", {"action": action, **body})


def _together(*calls) -> list[int]:
    """Run the calls at the same moment, one thread each; their statuses in call order."""
    barrier = threading.Barrier(len(calls))
    results: list[int | None] = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _in_review(client_as) -> tuple[int, int, int]:
    """A claim in review with one source and a summarised verdict, by a reviewer."""
    reviewer = client_as("reviewer")
    cid = create_claim(reviewer)["id"]
    act(reviewer, cid, "accept")
    source = create_source(reviewer, cid)
    verdict = create_verdict(reviewer, cid)
    return cid, source["id"], verdict["id"]


def _proposed(client_as) -> tuple[int, int, int]:
    cid, source_id, verdict_id = _in_review(client_as)
    act(client_as("reviewer"), cid, "propose")
    return cid, source_id, verdict_id


def propose_vs_remove_source(url, tokens, client_as):
    cid, source_id, _ = _in_review(client_as)
    propose, remove = _together(
        _action(url, tokens["reviewer"], cid, "propose"),
        lambda: _send(url(f"/sources/{source_id}"), tokens["reviewer-2"], "DELETE"),
    )
    assert sorted([propose, remove]) in ([200, 409], [204, 409]), (propose, remove)


def propose_vs_revise_verdict(url, tokens, client_as):
    cid, _, verdict_id = _in_review(client_as)
    propose, revise = _together(
        _action(url, tokens["reviewer"], cid, "propose"),
        lambda: _send(
            url(f"/verdicts/{verdict_id}"),
            tokens["reviewer-2"],
            "PATCH",
            {"summary": "Revised at the last moment."},
        ),
    )
    assert propose == 200 and revise in (200, 409), (propose, revise)


def delete_article_vs_add_claim(url, tokens, client_as):
    editor = client_as("editor")
    article = create_article(editor)
    remove, add = _together(
        lambda: _send(url(f"/articles/{article['id']}"), tokens["editor"], "DELETE"),
        lambda: _send(
            url("/claims"),
            tokens["reviewer"],
            "POST",
            {"text": "Prices rose 3%.", "article_id": article["id"]},
        ),
    )
    assert (remove, add) in ((204, 422), (409, 201)), (remove, add)


def two_approvals(url, tokens, client_as):
    cid, _, _ = _proposed(client_as)
    first, second = _together(
        _action(url, tokens["editor"], cid, "approve"),
        _action(url, tokens["editor-2"], cid, "approve"),
    )
    assert sorted([first, second]) == [200, 409], (first, second)


def approve_vs_request_changes_and_revise(url, tokens, client_as):
    cid, _, verdict_id = _proposed(client_as)
    approve, send_back = _together(
        _action(url, tokens["editor"], cid, "approve"),
        _action(url, tokens["editor-2"], cid, "request_changes", note="Needs a second source."),
    )
    assert sorted([approve, send_back]) == [200, 409], (approve, send_back)
    # Whoever won, the verdict can be revised only if the claim went back to review.
    revised = _send(url(f"/verdicts/{verdict_id}"), tokens["reviewer"], "PATCH", {"summary": "x"})
    assert revised == (200 if send_back == 200 else 409)


def delete_claim_vs_add_source(url, tokens, client_as):
    cid, _, _ = _in_review(client_as)
    remove, add = _together(
        lambda: _send(url(f"/claims/{cid}"), tokens["editor"], "DELETE"),
        lambda: _send(
            url(f"/claims/{cid}/sources"),
            tokens["reviewer"],
            "POST",
            {"url": "https://stats.example.org/b", "stance": "context"},
        ),
    )
    assert remove == 204 and add in (201, 404), (remove, add)


PAIRS = (
    propose_vs_remove_source,
    propose_vs_revise_verdict,
    delete_article_vs_add_claim,
    two_approvals,
    approve_vs_request_changes_and_revise,
    delete_claim_vs_add_source,
)


@pytest.mark.parametrize("seed", [1])
def test_conflicting_pairs_keep_the_rules(app, live_server, tokens, client_as, seed):
    pick = random.Random(seed)
    rounds = [PAIRS[i % len(PAIRS)] for i in range(len(PAIRS))]
    rounds += [pick.choice(PAIRS) for _ in range(max(0, ROUNDS - len(PAIRS)))]

    def url(path: str) -> str:
        return live_server.url("/api/v1" + path)

    for pair in rounds:
        pair(url, tokens, client_as)
        with app.app_context():
            assert violations() == [], pair.__name__
