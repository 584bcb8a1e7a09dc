"""Loads the sample data in seeds/ through the same schemas and services as the API.

Each seed is a JSON file naming its article body file, the article's metadata and its claims.
Loading twice adds nothing: articles are matched by content hash, claims by article and span.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Article, Claim
from factcheck.schemas.article import ArticleIn
from factcheck.schemas.claim import ClaimIn
from factcheck.services import articles, claims


@dataclass
class SeedReport:
    articles_created: int = 0
    claims_created: int = 0
    skipped: list[str] = field(default_factory=list)


def load_directory(directory: Path) -> SeedReport:
    report = SeedReport()
    for seed_file in sorted(directory.glob("*.json")):
        _load_seed(seed_file, report)
    return report


def _load_seed(seed_file: Path, report: SeedReport) -> None:
    seed = json.loads(seed_file.read_text(encoding="utf-8"))
    body = (seed_file.parent / seed["body_file"]).read_text(encoding="utf-8")
    article_data = ArticleIn().load({**seed["article"], "body": body})
    article = db.session.scalar(
        sa.select(Article).where(Article.content_hash == articles.content_hash(body))
    )
    if article is None:
        article = articles.create(article_data)
        report.articles_created += 1
    else:
        report.skipped.append(f"article {article.id} ({seed_file.name})")

    for claim_seed in seed["claims"]:
        data = ClaimIn().load({**claim_seed, "article_id": article.id})
        exists = db.session.scalar(
            sa.select(Claim.id).where(
                Claim.article_id == article.id,
                Claim.span_start == data["span_start"],
                Claim.span_end == data["span_end"],
                Claim.text == data["text"],
            )
        )
        if exists is None:
            claims.create(data)
            report.claims_created += 1
        else:
            report.skipped.append(f"claim {exists}")
