"""The review workflow as data: which action leads where, and who may take it.

Pure Python (no database, no Flask) so the rules can be read and tested on their own.

    submitted --accept--> in_review --propose--> verdict_proposed --approve--> approved
    approved --publish--> published --reopen--> in_review (a correction)
    verdict_proposed --request_changes--> in_review
    submitted | in_review --reject--> rejected --reopen--> in_review (a mistaken rejection)
    assign changes the assignee in any open status and leaves the status alone.

Who may take each action is `factcheck.policy`'s business.
"""

from factcheck.errors import InvalidTransition

TRANSITIONS: dict[tuple[str, str], str] = {
    ("submitted", "accept"): "in_review",
    ("in_review", "propose"): "verdict_proposed",
    ("verdict_proposed", "approve"): "approved",
    ("verdict_proposed", "request_changes"): "in_review",
    ("approved", "publish"): "published",
    ("submitted", "reject"): "rejected",
    ("in_review", "reject"): "rejected",
    ("published", "reopen"): "in_review",
    ("rejected", "reopen"): "in_review",
}
ASSIGNABLE = ("submitted", "in_review", "verdict_proposed", "approved")
ACTIONS = (
    "accept",
    "propose",
    "request_changes",
    "approve",
    "publish",
    "reject",
    "reopen",
    "assign",
)

# Actions whose reason goes on the record: the note is required.
NEEDS_NOTE = ("reject", "reopen", "request_changes")

# Evidence and verdicts change only while the claim is being worked on; a proposed,
# approved or published verdict is frozen until request_changes or reopen.
EDITABLE = ("submitted", "in_review")


def allowed_actions(status: str) -> list[str]:
    actions = [action for (source, action) in TRANSITIONS if source == status]
    if status in ASSIGNABLE:
        actions.append("assign")
    return actions


def next_status(status: str, action: str) -> str:
    """The status `action` leads to from `status`; InvalidTransition if it is not allowed."""
    if action == "assign" and status in ASSIGNABLE:
        return status
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        allowed = allowed_actions(status)
        raise InvalidTransition(
            f"A {status} claim cannot be {action!r}ed; allowed: {', '.join(allowed) or 'none'}.",
            allowed_actions=allowed,
        ) from None
