"""Who may see and do what: the one place the desk's access rules live.

Pure Python over plain attributes (no Flask, no database), so each rule reads and tests alone.
Roles are ordered: each can do everything the ones before it can.
"""

from enum import IntEnum

from factcheck.errors import Forbidden


class Role(IntEnum):
    SUBMITTER = 1
    REVIEWER = 2
    EDITOR = 3
    ADMIN = 4

    @classmethod
    def named(cls, name: str) -> "Role":
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


ROLE_NAMES = tuple(str(role) for role in Role)

# The least role each workflow action needs.
ACTION_ROLES = {
    "accept": Role.REVIEWER,
    "propose": Role.REVIEWER,
    "assign": Role.REVIEWER,
    "request_changes": Role.EDITOR,
    "approve": Role.EDITOR,
    "publish": Role.EDITOR,
    "reject": Role.EDITOR,
    "reopen": Role.EDITOR,
}


def role_of(user) -> Role:
    return Role.named(user.role)


def at_least(user, role: Role | str) -> bool:
    wanted = role if isinstance(role, Role) else Role.named(role)
    return user is not None and role_of(user) >= wanted


def require(user, role: Role | str, doing: str | None = None) -> None:
    if not at_least(user, role):
        wanted = role if isinstance(role, Role) else Role.named(role)
        raise Forbidden(
            f"{doing or 'This'} needs the {wanted} role; you are a {user.role}.",
            required_role=str(wanted),
        )


def may_see_claim(user, claim) -> bool:
    """Reviewers and above see every live claim, submitters their own; admins see deleted ones."""
    if claim.deleted_at is not None and not at_least(user, Role.ADMIN):
        return False
    return at_least(user, Role.REVIEWER) or claim.submitted_by_id == user.id


def may_see_article(user, article) -> bool:
    if article.deleted_at is not None and not at_least(user, Role.ADMIN):
        return False
    return at_least(user, Role.REVIEWER) or article.submitted_by_id == user.id


def sees_everyones_work(user) -> bool:
    """Lists: reviewers and above list everyone's claims and articles, submitters their own."""
    return at_least(user, Role.REVIEWER)


def may_take(user, action: str) -> bool:
    return at_least(user, ACTION_ROLES[action])


def require_action(user, action: str) -> None:
    require(user, ACTION_ROLES[action], f"To {action} a claim")


def may_be_assigned(user) -> bool:
    return user is not None and user.active and at_least(user, Role.REVIEWER)


def require_second_person(approver_id: int, verdict_hands: set[int], proposer_id: int | None):
    """Two people sign a verdict off: the approver wrote none of it and did not propose it.

    `verdict_hands` are everyone who created the verdict or changed its content.
    """
    if approver_id in verdict_hands:
        raise Forbidden(
            "You wrote or changed this verdict, so you cannot approve it: a second editor must."
        )
    if approver_id == proposer_id:
        raise Forbidden(
            "You proposed this verdict, so you cannot approve it: a second editor must."
        )
