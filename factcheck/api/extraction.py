"""/extract, /checkworthiness and /articles/{id}/extract: claims found in text."""

from factcheck import extraction
from factcheck.api.http import errors
from factcheck.rest import Blueprint
from factcheck.schemas.extraction import (
    ArticleExtractionOut,
    CheckworthinessIn,
    CheckworthinessOut,
    ExtractIn,
    ExtractOut,
)
from factcheck.services import extraction as extraction_service

blp = Blueprint(
    "extraction", __name__, url_prefix="/api/v1", description="Claim extraction (nothing stored)"
)


@blp.route("/extract", methods=["POST"])
@blp.arguments(ExtractIn)
@blp.response(200, ExtractOut)
def extract(data):
    """Find the check-worthy claims in a text, with claimants and character offsets"""
    return {"claims": extraction.extract(data["text"], publisher=data.get("publisher"))}


@blp.route("/checkworthiness", methods=["POST"])
@blp.arguments(CheckworthinessIn)
@blp.response(200, CheckworthinessOut)
def checkworthiness(data):
    """Score up to 1,000 sentences for check-worthiness, in the order given"""
    sentences = data["sentences"]
    results = [
        {"text": text, "score": round(score, 4), "checkworthy": decision}
        for text, (score, decision) in zip(
            sentences, extraction.checkworthy(sentences), strict=True
        )
    ]
    return {"results": results, "threshold": extraction.THRESHOLD}


@blp.route("/articles/<id:article_id>/extract", methods=["POST"])
@blp.response(200, ArticleExtractionOut)
@errors(blp, 404)
def extract_article(article_id):
    """Store an article's extracted claims as submitted claims, skipping ones already stored"""
    return extraction_service.extract_article(article_id)
