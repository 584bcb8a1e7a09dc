"""The access policy on its own: ordered roles, who sees what, the two-person rule."""

from types import SimpleNamespace

import pytest

from factcheck import policy
from factcheck.errors import Forbidden
from factcheck.policy import Role
from factcheck.services import workflow


def user(role: str, user_id: int = 1, active: bool = True):
    return SimpleNamespace(id=user_id, role=role, active=active)


def claim(submitted_by_id: int = 1, deleted: bool = False):
    return SimpleNamespace(submitted_by_id=submitted_by_id, deleted_at="x" if deleted else None)


def test_roles_are_ordered():
    assert Role.SUBMITTER < Role.REVIEWER < Role.EDITOR < Role.ADMIN
    assert policy.at_least(user("admin"), "editor") and not policy.at_least(
        user("reviewer"), "editor"
    )
    assert not policy.at_least(None, Role.SUBMITTER)
    assert policy.ROLE_NAMES == ("submitter", "reviewer", "editor", "admin")


def test_every_action_has_a_role_and_only_editors_decide():
    assert set(policy.ACTION_ROLES) == set(workflow.ACTIONS)
    for action in ("approve", "publish", "reject", "reopen", "request_changes"):
        assert policy.ACTION_ROLES[action] == Role.EDITOR
    with pytest.raises(Forbidden):
        policy.require_action(user("reviewer"), "approve")


def test_who_sees_a_claim():
    assert policy.may_see_claim(user("submitter", 1), claim(submitted_by_id=1))
    assert not policy.may_see_claim(user("submitter", 2), claim(submitted_by_id=1))
    assert policy.may_see_claim(user("reviewer", 2), claim(submitted_by_id=1))
    assert not policy.may_see_claim(user("editor", 2), claim(deleted=True))
    assert policy.may_see_claim(user("admin", 2), claim(deleted=True))


def test_assignees_are_active_reviewers():
    assert policy.may_be_assigned(user("reviewer"))
    assert not policy.may_be_assigned(user("reviewer", active=False))
    assert not policy.may_be_assigned(user("submitter"))
    assert not policy.may_be_assigned(None)


def test_second_person_rule():
    policy.require_second_person(3, verdict_hands={1, 2}, proposer_id=1)
    with pytest.raises(Forbidden, match="wrote or changed"):
        policy.require_second_person(2, verdict_hands={1, 2}, proposer_id=1)
    with pytest.raises(Forbidden, match="proposed"):
        policy.require_second_person(3, verdict_hands={1}, proposer_id=3)
