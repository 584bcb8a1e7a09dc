"""Many claims at once: POST /claims:batch and `flask import-claims`.

Each claim is loaded by the schema POST /claims loads its body with and created by the same
service, in a savepoint of the caller's one transaction: a refused claim is undone alone, never
stops the others, and gets the problem the single create would have answered for it. Nothing
here commits; the request or the CLI command's `transaction()` does.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import marshmallow as ma
import sqlalchemy.orm as so

from factcheck.errors import DomainError, InvalidInput, flatten_messages, problem
from factcheck.extensions import db
from factcheck.models import User
from factcheck.schemas.claim import ClaimIn
from factcheck.services import claims, matching

claim_in = ClaimIn()


@dataclass
class BatchReport:
    created: int = 0
    refused: int = 0
    # One result per input claim, in input order: {index, status: 201, claim} for a created
    # claim, {index, status, type, title, detail, errors?} (a problem document) for a refused one.
    items: list[dict] = field(default_factory=list)


def load_claim(value) -> dict:
    """One claim as POST /claims loads its body; a refusal is the same 422, naming the fields."""
    try:
        return claim_in.load(value)
    except ma.ValidationError as error:
        errors = flatten_messages(error.messages)
        detail = "The claim has invalid fields: " + ", ".join(sorted(errors)) + "."
        raise InvalidInput(detail, errors=errors) from None


def submit_claims(values: Iterable, actor: User, *, duplicates: bool = True) -> BatchReport:
    """Create each claim in `values` (raw JSON values) that POST /claims would create.

    With `duplicates`, each created claim carries its likely duplicates, found as the single
    create finds them (claims created earlier in the same batch included), with the lookups
    of the whole batch made at once before anything is stored (matching.BatchDuplicates).
    """
    report = BatchReport()
    loaded = [_loaded(value) for value in values]
    finder = None
    if duplicates:
        texts = [data["text"] if isinstance(data, dict) else "" for data in loaded]
        finder = matching.BatchDuplicates(texts, actor)
    for index, data in enumerate(loaded):
        try:
            if isinstance(data, DomainError):
                raise data
            found = finder.of(index, data["text"]) if finder else []
            with db.session.begin_nested():
                claim = claims.create(data, actor)
                # Nothing can have added evidence to a claim this request just created: say
                # so, instead of two queries per claim when the answer shows them.
                so.attributes.set_committed_value(claim, "sources", [])
                so.attributes.set_committed_value(claim, "current_verdict", None)
        except DomainError as error:
            report.refused += 1
            refusal = problem(
                error.status, error.detail, slug=error.slug, errors=error.errors, **error.extra
            )
            report.items.append({"index": index, **refusal})
            continue
        if finder:
            finder.created_claim(index, claim)
        report.created += 1
        report.items.append(
            {"index": index, "status": 201, "claim": claims.Submitted(claim, found)}
        )
    return report


def _loaded(value) -> dict | DomainError:
    """The claim as POST /claims loads it, or the refusal it would get."""
    try:
        return load_claim(value)
    except DomainError as error:
        return error
