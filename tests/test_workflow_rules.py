"""A stateful property-based hunt for ways round the desk's rules.

Hypothesis drives random sequences of requests by random users (two reviewers, two editors,
an admin, a submitter) through the API: claims in and out of articles, sources, verdicts and
their revisions, every workflow action, deletes and restores, ClaimReview imports and
re-imports. After every step the rules in tests/invariants.py must hold and no answer may be
a 500. The budget is bounded (FACTCHECK_STATEFUL_EXAMPLES, default 15 runs of 50 steps).
"""

import itertools
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from factcheck.ratings import RATINGS
from factcheck.services import workflow
from tests.invariants import violations

ARTICLES = itertools.count(1)
PEOPLE = ("submitter", "reviewer", "reviewer-2", "editor", "editor-2", "admin")
EXAMPLES = int(os.environ.get("FACTCHECK_STATEFUL_EXAMPLES", "15"))

people = st.sampled_from(PEOPLE)
ratings = st.sampled_from(RATINGS)
summaries = st.sampled_from([None, "The record shows otherwise.", "Checks out."])
# Steps mostly work on the few newest claims, so a run takes some of them deep into the workflow.
picks = st.integers(min_value=0, max_value=3)


class DeskMachine(RuleBasedStateMachine):
    def __init__(self, app, client_as):
        super().__init__()
        self.app = app
        self.clients = {who: client_as(who) for who in PEOPLE}
        self.claims: list[int] = []
        self.articles: list[int] = []
        self.requests = 0

    def send(self, who: str, method: str, path: str, body=None):
        response = self.clients[who].open(path, method=method, json=body)
        self.requests += 1
        assert response.status_code < 500, (method, path, body, response.json)
        return response

    def pick(self, items: list[int], index: int) -> int | None:
        return items[-1 - index % len(items)] if items else None

    def claim_of(self, index: int, who: str = "admin") -> dict | None:
        claim_id = self.pick(self.claims, index)
        if claim_id is None:
            return None
        response = self.send(who, "GET", f"/api/v1/claims/{claim_id}")
        return response.json if response.status_code == 200 else None

    @rule(who=people, in_article=st.booleans(), index=picks)
    def submit_claim(self, who, in_article, index):
        body = {"text": f"Prices rose {len(self.claims) + 1}% in May.", "claimant": "A Minister"}
        article_id = self.pick(self.articles, index) if in_article else None
        if article_id is not None:
            body["article_id"] = article_id
        response = self.send(who, "POST", "/api/v1/claims", body)
        if response.status_code == 201:
            self.claims.append(response.json["id"])

    @rule(who=people)
    def submit_article(self, who):
        n = next(ARTICLES)
        body = {"title": f"Story {n}", "body": f"Story {n}: the minister said prices rose."}
        response = self.send(who, "POST", "/api/v1/articles", body)
        if response.status_code == 201:
            self.articles.append(response.json["id"])

    @rule(who=people, index=picks)
    def delete_article(self, who, index):
        article_id = self.pick(self.articles, index)
        if article_id is not None:
            self.send(who, "DELETE", f"/api/v1/articles/{article_id}")

    @rule(
        who=people,
        index=picks,
        action=st.sampled_from(workflow.ACTIONS),
        plausible=st.integers(min_value=0, max_value=3),
        note=st.integers(min_value=0, max_value=3),
    )
    def act(self, who, index, action, plausible, note):
        """Mostly an action the claim's status allows (so runs get deep), sometimes any."""
        claim = self.claim_of(index)
        if claim is None:
            return
        allowed = workflow.allowed_actions(claim["status"])
        if plausible and allowed:
            action = allowed[index % len(allowed)]
        body = {"action": action}
        if note:
            body["note"] = "On the record."
        claim_id = claim["id"]
        if action == "assign":
            body["assignee_id"] = self.send(who, "GET", "/api/v1/me").json["id"]
        self.send(who, "POST", f"/api/v1/claims/{claim_id}/actions", body)

    @rule(
        who=st.sampled_from(("reviewer", "reviewer-2", "editor", "editor-2", "admin")), index=picks
    )
    def advance(self, who, index):
        """The next step of the usual path, by someone who might take it (or might not be
        allowed to: an editor approving what they proposed)."""
        claim = self.claim_of(index)
        if claim is None:
            return
        step = {
            "submitted": "accept",
            "in_review": "propose",
            "verdict_proposed": "approve",
            "approved": "publish",
            "published": "reopen",
            "rejected": "reopen",
        }[claim["status"]]
        body = {"action": step, "note": "On the record."}
        self.send(who, "POST", f"/api/v1/claims/{claim['id']}/actions", body)

    @rule(who=st.sampled_from(("reviewer", "reviewer-2", "editor", "editor-2")), index=picks)
    def work_up(self, who, index):
        """A reviewer's usual job in one step: take the claim on, add evidence and a verdict."""
        claim = self.claim_of(index)
        if claim is None:
            return
        if claim["status"] == "submitted":
            self.send(who, "POST", f"/api/v1/claims/{claim['id']}/actions", {"action": "accept"})
        source = {"url": "https://stats.example.org/release", "stance": "refutes"}
        self.send(who, "POST", f"/api/v1/claims/{claim['id']}/sources", source)
        verdict = {"rating": "false", "summary": "The record shows otherwise."}
        self.send(who, "POST", f"/api/v1/claims/{claim['id']}/verdicts", verdict)

    @rule(who=people, index=picks)
    def add_source(self, who, index):
        claim_id = self.pick(self.claims, index)
        if claim_id is not None:
            body = {"url": "https://stats.example.org/release", "stance": "refutes"}
            self.send(who, "POST", f"/api/v1/claims/{claim_id}/sources", body)

    @rule(who=people, index=picks)
    def remove_source(self, who, index):
        claim = self.claim_of(index)
        if claim and claim["sources"]:
            self.send(who, "DELETE", f"/api/v1/sources/{claim['sources'][0]['id']}")

    @rule(who=people, index=picks, rating=ratings, summary=summaries)
    def add_verdict(self, who, index, rating, summary):
        claim_id = self.pick(self.claims, index)
        if claim_id is not None:
            body = {"rating": rating} | ({"summary": summary} if summary else {})
            self.send(who, "POST", f"/api/v1/claims/{claim_id}/verdicts", body)

    @rule(who=people, index=picks, rating=ratings, summary=summaries)
    def revise_verdict(self, who, index, rating, summary):
        claim = self.claim_of(index)
        if claim and claim["current_verdict"]:
            body = {"rating": rating} | ({"summary": summary} if summary else {})
            self.send(who, "PATCH", f"/api/v1/verdicts/{claim['current_verdict']['id']}", body)

    @rule(who=people, index=picks)
    def edit_claim(self, who, index):
        claim_id = self.pick(self.claims, index)
        if claim_id is not None:
            self.send(who, "PATCH", f"/api/v1/claims/{claim_id}", {"claimant": "Someone else"})

    @rule(who=people, index=picks)
    def delete_claim(self, who, index):
        claim_id = self.pick(self.claims, index)
        if claim_id is not None:
            self.send(who, "DELETE", f"/api/v1/claims/{claim_id}")

    @rule(who=people, index=picks)
    def restore_claim(self, who, index):
        claim_id = self.pick(self.claims, index)
        if claim_id is not None:
            self.send(who, "POST", f"/api/v1/claims/{claim_id}/restore")

    @rule(who=people, which=st.integers(min_value=0, max_value=1), rating=ratings)
    def import_review(self, who, which, rating):
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"https://other.example.org/checks/{which}",
            "claimReviewed": f"The bridge cost {which + 2} billion.",
            "author": {"@type": "Organization", "name": "Other Desk"},
            "reviewRating": {"@type": "Rating", "alternateName": rating.replace("_", " ")},
        }
        response = self.send(who, "POST", "/api/v1/imports/claimreview", review)
        if response.status_code == 200:
            for item in response.json["items"]:
                if "claim_id" in item and item["claim_id"] not in self.claims:
                    self.claims.append(item["claim_id"])

    @invariant()
    def rules_hold(self):
        with self.app.app_context():
            assert violations() == []


def test_no_sequence_of_requests_breaks_the_rules(app, client_as):
    run_state_machine_as_test(
        lambda: DeskMachine(app, client_as),
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=50,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
