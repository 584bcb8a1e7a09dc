"""The transition table, on its own: no app, no database."""

import pytest

from factcheck.errors import InvalidTransition
from factcheck.services import workflow

HAPPY_PATH = [
    ("submitted", "accept", "in_review"),
    ("in_review", "propose", "verdict_proposed"),
    ("verdict_proposed", "approve", "approved"),
    ("approved", "publish", "published"),
    ("published", "reopen", "in_review"),
]


@pytest.mark.parametrize(("status", "action", "after"), HAPPY_PATH)
def test_happy_path(status, action, after):
    assert workflow.next_status(status, action) == after


def test_request_changes_and_reject():
    assert workflow.next_status("verdict_proposed", "request_changes") == "in_review"
    assert workflow.next_status("submitted", "reject") == "rejected"
    assert workflow.next_status("in_review", "reject") == "rejected"


@pytest.mark.parametrize("status", ["submitted", "in_review", "verdict_proposed", "approved"])
def test_assign_keeps_the_status(status):
    assert workflow.next_status(status, "assign") == status


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("submitted", "publish"),
        ("submitted", "approve"),
        ("in_review", "approve"),
        ("verdict_proposed", "publish"),
        ("approved", "reject"),
        ("published", "publish"),
        ("published", "assign"),
        ("rejected", "accept"),
        ("rejected", "assign"),
    ],
)
def test_illegal_actions_name_the_allowed_ones(status, action):
    with pytest.raises(InvalidTransition) as caught:
        workflow.next_status(status, action)
    assert caught.value.extra["allowed_actions"] == workflow.allowed_actions(status)
    assert caught.value.status == 409


def test_allowed_actions():
    assert workflow.allowed_actions("submitted") == ["accept", "reject", "assign"]
    assert workflow.allowed_actions("published") == ["reopen"]
    assert workflow.allowed_actions("rejected") == ["reopen"]
