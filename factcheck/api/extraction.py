"""/extract and /checkworthiness: claims found in text, nothing stored."""

from factcheck import extraction
from factcheck.api.http import guarded
from factcheck.rest import Blueprint
from factcheck.schemas.extraction import (
    CheckworthinessIn,
    CheckworthinessOut,
    ExtractIn,
    ExtractOut,
)

blp = Blueprint(
    "extraction", __name__, url_prefix="/api/v1", description="Claim extraction (nothing stored)"
)


@blp.route("/extract", methods=["POST"])
@blp.doc(operationId="extractClaims")
@guarded(blp, "submitter")
@blp.arguments(ExtractIn)
@blp.response(200, ExtractOut)
def extract(data):
    """Find the check-worthy claims in a text, with claimants and character offsets"""
    return {"claims": extraction.extract(data["text"], publisher=data.get("publisher"))}


@blp.route("/checkworthiness", methods=["POST"])
@blp.doc(operationId="scoreCheckworthiness")
@guarded(blp, "submitter")
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
