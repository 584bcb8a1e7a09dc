"""Loads the demo data in seeds/ through the same schemas and services as the API.

`users.json` lists demo accounts. Every other `NAME.json` names an article body file
(`NAME.txt`), the article's metadata and its claims; a claim may carry a `review` block that
walks it through the workflow (accept, sources, verdict, propose, approve, publish, or reject)
with the named demo users, so the seeds show every stage. Loading twice adds nothing:
users are matched by name, articles by content hash, claims by article and span.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Article, Claim, User
from factcheck.schemas.article import ArticleIn
from factcheck.schemas.claim import ClaimIn
from factcheck.schemas.source import SourceIn
from factcheck.schemas.user import UserIn
from factcheck.schemas.verdict import VerdictIn
from factcheck.services import accounts, articles, claims, review, sources, verdicts

USERS_FILE = "users.json"
# The workflow steps that bring a claim to each stage, in order.
STAGES = ("submitted", "in_review", "verdict_proposed", "approved", "published")


@dataclass
class SeedReport:
    users_created: int = 0
    articles_created: int = 0
    claims_created: int = 0
    user_names: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def default_directory() -> Path:
    """The project's seeds/ folder (beside the package in a checkout)."""
    return Path(__file__).resolve().parents[2] / "seeds"


def demo_user_names(directory: Path) -> list[str]:
    users_file = directory / USERS_FILE
    if not users_file.exists():
        return []
    return [entry["name"] for entry in json.loads(users_file.read_text(encoding="utf-8"))["users"]]


def load_directory(directory: Path) -> SeedReport:
    report = SeedReport()
    users_file = directory / USERS_FILE
    if users_file.exists():
        _load_users(users_file, report)
    for seed_file in sorted(directory.glob("*.json")):
        if seed_file.name != USERS_FILE:
            _load_article(seed_file, report)
    return report


def _load_users(path: Path, report: SeedReport) -> None:
    for entry in json.loads(path.read_text(encoding="utf-8"))["users"]:
        data = UserIn().load(entry)
        report.user_names.append(data["name"])
        if db.session.scalar(sa.select(User.id).where(User.name == data["name"])) is None:
            accounts.create_user(data["name"], data["role"], data.get("display_name"))
            report.users_created += 1
        else:
            report.skipped.append(f"user {data['name']}")


def _load_article(seed_file: Path, report: SeedReport) -> None:
    seed = json.loads(seed_file.read_text(encoding="utf-8"))
    body = (seed_file.parent / seed["body_file"]).read_text(encoding="utf-8")
    submitter = _user(seed.get("submitted_by"))
    article_data = ArticleIn().load({**seed["article"], "body": body})
    article = db.session.scalar(
        sa.select(Article).where(Article.content_hash == articles.content_hash(body))
    )
    if article is None:
        article = articles.create(article_data, submitter)
        report.articles_created += 1
    else:
        report.skipped.append(f"article {article.id} ({seed_file.name})")

    for claim_seed in seed["claims"]:
        plan = claim_seed.get("review")
        fields = {k: v for k, v in claim_seed.items() if k != "review"}
        data = ClaimIn().load({**fields, "article_id": article.id})
        exists = db.session.scalar(
            sa.select(Claim.id).where(
                Claim.article_id == article.id,
                Claim.span_start == data["span_start"],
                Claim.span_end == data["span_end"],
                Claim.text == data["text"],
            )
        )
        if exists is not None:
            report.skipped.append(f"claim {exists}")
            continue
        claim = claims.create(data, submitter)
        report.claims_created += 1
        if plan:
            _review(claim.id, plan)


def _user(name: str | None) -> User:
    if name is None:
        # Seeds without an author are entered by the first admin.
        user = db.session.scalar(sa.select(User).where(User.role == "admin").order_by(User.id))
        if user is None:
            raise ValueError("Seeds need a users.json with an admin, or a `submitted_by`.")
        return user
    return accounts.find_user(name)


def _review(claim_id: int, plan: dict) -> None:
    """Walk a claim to `plan["stage"]` with the same actions a desk would take."""
    stage = plan["stage"]
    if stage == "rejected":
        review.act(claim_id, "reject", _user(plan["editor"]), note=plan["note"])
        return
    reached = STAGES.index(stage)
    reviewer = _user(plan["reviewer"])
    review.act(claim_id, "accept", reviewer)
    for source in plan.get("sources", []):
        sources.create(claim_id, SourceIn().load(source), reviewer)
    if "verdict" in plan:
        verdicts.create(claim_id, VerdictIn().load(plan["verdict"]), reviewer)
    steps = [("propose", reviewer)]
    if reached >= STAGES.index("approved"):
        editor = _user(plan["editor"])
        steps += [("approve", editor), ("publish", editor)]
    for action, actor in steps[: reached - 1]:
        review.act(claim_id, action, actor)
