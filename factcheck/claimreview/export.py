"""A published fact-check as one schema.org ClaimReview (JSON-LD)."""

import re

from factcheck.claimreview import dates
from factcheck.claimreview.ratings import (
    BEST_RATING,
    DEFAULT_TEXTUAL_RATINGS,
    RATING_VALUES,
    WORST_RATING,
)

CONTEXT = "https://schema.org"

# Words that make a claimant an organisation rather than a person.
_ORGANISATION_WORDS = re.compile(
    r"\b("
    r"ministry|ministries|ministerio|minist[eè]re|ministerium|office|party|parties|times|news|"
    r"post|journal|herald|tribune|gazette|daily|magazine|government|govt|kremlin|white house|"
    r"pentagon|downing street|official|officials|campaign|committee|inc|ltd|llc|plc|gmbh|corp|"
    r"corporation|company|group|association|council|department|agency|administration|bureau|"
    r"commission|authority|university|college|institute|foundation|organi[sz]ation|union|"
    r"federation|league|network|television|tv|radio|media|press|bank|army|police|senate|"
    r"congress|parliament|assembly|court|embassy|club|team|society|coalition|movement|"
    r"alliance|church|hospital|school|posts?|tweets?|accounts|users|pages?|websites?|"
    r"blogs?|bloggers|chain messages?|viral|social media|facebook|twitter|instagram|tiktok|"
    r"youtube|whatsapp|telegram"
    r")\b",
    re.IGNORECASE,
)
_ORGANISATION_ACRONYMS = re.compile(r"\b(NHS|WHO|CDC|FDA|FBI|CIA|NASA|NATO|IMF|UN|EU|BBC|CNN)\b")
# One user of a platform is a person: "Facebook user Jane Doe", "FB User-Harshit Pandey".
_ONE_USER = re.compile(r"(?i)\buser\b")
# A lowercase plural at the end names a group of people: "U.S. officials", "anti-vax activists".
_GROUP = re.compile(r"\b[a-z][a-z-]*s$")
# One word with two capitals or more: "NHS", "AfD", "CDU/CSU".
_ACRONYM = re.compile(r"^\S*[A-Z]\S*[A-Z]\S*$")


def claimant_type(name: str) -> str:
    """ "Organization" for institutions, media, groups and platforms; "Person" otherwise."""
    stripped = name.strip()
    if _ONE_USER.search(stripped):
        return "Person"
    if (
        _ORGANISATION_WORDS.search(stripped)
        or _ORGANISATION_ACRONYMS.search(stripped)
        or _GROUP.search(stripped)
        or _ACRONYM.match(stripped)
        or re.match(r"(?i)the\s", stripped)
        or re.search(r"\.[a-z]{2,}$", stripped)  # a domain: "example.com"
        or re.search(r"\d", stripped)
    ):
        return "Organization"
    return "Person"


def _creative_work(url: str) -> dict:
    return {"@type": "CreativeWork", "url": url}


def _item_reviewed(fact_check: dict) -> dict:
    claim: dict = {"@type": "Claim"}
    claimant = (fact_check.get("claimant") or "").strip()
    if claimant:
        claim["author"] = {"@type": claimant_type(claimant), "name": claimant}
    claim_date = dates.iso_day(fact_check.get("claim_date"))
    if claim_date:
        claim["datePublished"] = claim_date
    article = fact_check.get("article_url") or (fact_check.get("article") or {}).get("url")
    # The claim's own appearance (a post, a speech) is taken as earlier than the article
    # that reports it.
    urls = list(dict.fromkeys(u for u in (fact_check.get("appearance_url"), article) if u))
    if urls:
        claim["appearance"] = [_creative_work(u) for u in urls]
        claim["firstAppearance"] = _creative_work(urls[0])
    return claim


def _rating(verdict: dict) -> dict:
    rating = verdict.get("rating")
    if rating not in RATING_VALUES:
        raise ValueError(f"unknown rating {rating!r}")
    out: dict = {"@type": "Rating"}
    if RATING_VALUES[rating] is not None:
        out["ratingValue"] = RATING_VALUES[rating]
    out["bestRating"] = BEST_RATING
    out["worstRating"] = WORST_RATING
    out["alternateName"] = verdict.get("textual_rating") or DEFAULT_TEXTUAL_RATINGS[rating]
    # Our rating by its default name, so a reader meeting an unknown alternateName still finds it.
    out["name"] = DEFAULT_TEXTUAL_RATINGS[rating]
    return out


def _citation(source: dict) -> dict:
    work = _creative_work(source["url"])
    if source.get("title"):
        work["name"] = source["title"]
    if source.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    return work


def export(fact_check: dict, *, organisation: dict, url: str) -> dict:
    """One ClaimReview for a published fact-check; ``url`` is its public page."""
    verdict = fact_check.get("verdict") or {}
    text = fact_check.get("text") or fact_check.get("claim")
    if not text:
        raise ValueError("a fact-check needs its claim text")
    review: dict = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": text,
    }
    published = dates.iso_day(fact_check.get("published_at") or verdict.get("published_at"))
    if published:
        review["datePublished"] = published
    corrected = dates.iso_moment(fact_check.get("corrected_at"))
    if corrected:
        review["dateModified"] = corrected
    author = {"@type": "Organization", "name": organisation["name"]}
    if organisation.get("url"):
        author["url"] = organisation["url"]
    review["author"] = author
    review["reviewRating"] = _rating(verdict)
    if verdict.get("summary"):
        review["reviewBody"] = verdict["summary"]
    review["itemReviewed"] = _item_reviewed(fact_check)
    if fact_check.get("language"):
        review["inLanguage"] = fact_check["language"]
    sources = [s for s in fact_check.get("sources") or () if s.get("url")]
    if sources:
        review["citation"] = [_citation(s) for s in sources]
    if fact_check.get("tags"):
        review["keywords"] = list(fact_check["tags"])
    return review
