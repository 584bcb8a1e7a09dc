"""ClaimReview JSON-LD as publishers write it, read into ImportedReview records.

Accepted: one ClaimReview, an array, ``{"@graph": [...]}``, a DataFeed or DataFeedItem (``item``
an object or a list), Google Fact Check Tools ``claims:search`` claims (or the whole response),
an HTML page's ``application/ld+json`` blocks, and any nesting of these. Items are read one by
one; an item that cannot be used is reported with its position and never stops the rest.

A document nested more than MAX_DEPTH levels deep is refused whole (ParseError) before any item
is read. ``item_count`` says how many items a document holds once @graph, feeds and lists are
flattened, for callers that cap the size of an import (the API does; the command line does not).
"""

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from factcheck import bounded_json
from factcheck.claimreview import checks, dates
from factcheck.claimreview.ratings import (
    DEFAULT_TEXTUAL_RATINGS,
    RATING_VALUES,
    normalise,
    rating_from_text,
    text_rating,
)

MAX_DEPTH = 64  # publishers' markup nests a dozen levels at most


class ParseError(ValueError):
    """The document as a whole is not JSON-LD that can be read."""


@dataclass
class ImportedReview:
    review_url: str
    claim_reviewed: str
    claimant: str | None
    claim_date: date | None
    appearance_urls: list[str]
    review_date: date | datetime | None
    publisher_name: str | None
    publisher_site: str | None
    language: str | None
    rating: str
    rating_value: int | None  # the value of ``rating`` on our scale, as a verdict stores it
    textual_rating: str | None
    title: str | None
    summary: str | None
    index: int = 0  # position among the document's flattened items, as `skipped` counts them


class _Skip(Exception):
    pass


_PREFIX = re.compile(r"^(?:schema:|https?://schema\.org/)")
# Script elements are found in one forward pass (_ld_json_blocks): no pattern runs past the next
# "<", so the work is linear in the page. The single `<script[^>]*...>(.*?)</script>` pattern
# this replaces rescanned the rest of the page from every unclosed tag: seconds for 150 KB.
_SCRIPT_OPEN = re.compile(r"<script\b([^<>]*)>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)
_LD_JSON_TYPE = re.compile(r"(?:^|\s)type\s*=\s*[\"']?application/ld\+json\b", re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)
_OUR_NAMES = {normalise(name): rating for rating, name in DEFAULT_TEXTUAL_RATINGS.items()}
_LANGUAGE_NAMES = {
    "english": "en", "spanish": "es", "espanol": "es", "french": "fr", "francais": "fr",
    "german": "de", "deutsch": "de", "portuguese": "pt", "portugues": "pt", "italian": "it",
    "italiano": "it", "hindi": "hi", "urdu": "ur", "arabic": "ar", "dutch": "nl",
}  # fmt: skip


# ---------------------------------------------------------------- the document and its items


def _local(name: str) -> str:
    return _PREFIX.sub("", name)


def _clean(node):
    """Keys and @type values without "schema:" or schema.org IRI prefixes."""
    if isinstance(node, list):
        return [_clean(n) for n in node]
    if isinstance(node, dict):
        out = {_local(k) if isinstance(k, str) else k: _clean(v) for k, v in node.items()}
        if "@type" in out:
            kinds = out["@type"] if isinstance(out["@type"], list) else [out["@type"]]
            out["@type"] = [_local(k) for k in kinds if isinstance(k, str)]
        return out
    return node


def _types(node: dict) -> list[str]:
    return node.get("@type") or []


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class _Unreadable:
    def __init__(self, reason: str):
        self.reason = reason


def _ld_json_blocks(page: str) -> list[str]:
    """The contents of the page's <script type="application/ld+json"> elements, in order."""
    blocks = []
    position = 0
    while (opening := _SCRIPT_OPEN.search(page, position)) is not None:
        closing = _SCRIPT_CLOSE.search(page, opening.end())
        if closing is None:
            break  # no later script element is closed either
        if _LD_JSON_TYPE.search(opening.group(1)):
            blocks.append(page[opening.end() : closing.start()])
        position = closing.end()
    return blocks


def _load(document):
    if isinstance(document, bytes | bytearray):
        document = document.decode("utf-8-sig", errors="replace")
    if isinstance(document, str):
        text = document.strip()
        if text.startswith("<"):
            blocks = _ld_json_blocks(text)
            if not blocks:
                raise ParseError("no application/ld+json block in the page")
            out = []
            for block in blocks:
                try:
                    out.append(bounded_json.loads(block))
                except ValueError as exc:  # malformed, or refused (absurd numbers, NaN)
                    out.append(_Unreadable(f"invalid JSON-LD block: {exc}"))
            return out
        try:
            document = bounded_json.loads(text)
        except ValueError as exc:
            raise ParseError(f"not JSON: {exc}") from exc
    if not isinstance(document, dict | list):
        raise ParseError(f"expected a JSON object or array, got {type(document).__name__}")
    return document


def _google_claim(claim: dict) -> list[dict]:
    """A Fact Check Tools claim as one ClaimReview per review it carries."""
    out = []
    for review in _as_list(claim.get("claimReview")):
        if not isinstance(review, dict):
            out.append(review)
            continue
        publisher = review.get("publisher") or {}
        out.append(
            {
                "@type": ["ClaimReview"],
                "url": review.get("url"),
                "claimReviewed": claim.get("text"),
                "name": review.get("title"),
                "datePublished": review.get("reviewDate"),
                "inLanguage": review.get("languageCode"),
                "author": {
                    "@type": ["Organization"],
                    "name": publisher.get("name"),
                    "url": publisher.get("site"),
                },
                "reviewRating": {"@type": ["Rating"], "alternateName": review.get("textualRating")},
                "itemReviewed": {
                    "@type": ["Claim"],
                    "author": claim.get("claimant"),
                    "datePublished": claim.get("claimDate"),
                },
            }
        )
    return out


def _flatten(node) -> list:
    if isinstance(node, list):
        return [item for child in node for item in _flatten(child)]
    if not isinstance(node, dict):
        return [node]
    kinds = _types(node)
    if "ClaimReview" in kinds:
        return [node]
    if "@graph" in node:
        return _flatten(node["@graph"])
    if "DataFeed" in kinds or "dataFeedElement" in node:
        return _flatten(node.get("dataFeedElement") or [])
    if "DataFeedItem" in kinds or (not kinds and "item" in node):
        return _flatten(node.get("item") or [])
    if "claims" in node and not kinds:  # a claims:search response
        return _flatten(node["claims"])
    if "claimReview" in node and not kinds:  # a claims:search claim
        return _google_claim(node)
    return [node]


def _check_depth(document) -> None:
    """Refuse documents nested deeper than MAX_DEPTH before the recursive readers see them
    (a RecursionError otherwise). Iterative, so any depth is measured safely."""
    stack = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ParseError(f"nested more than {MAX_DEPTH} levels deep")
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


# ---------------------------------------------------------------- values


def _text(value) -> str | None:
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t), None)
    if isinstance(value, dict):
        return _text(value.get("@value"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), value).strip()
    return text or None


def _urls(value) -> list[str]:
    out = []
    for item in _as_list(value):
        if isinstance(item, list):
            out += _urls(item)
        elif isinstance(item, dict):
            out += _urls(item.get("url") or item.get("@id"))
        else:
            url = _text(item)
            if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
                out.append(url)
    return out


def _entities(value) -> list[dict]:
    """Authors/publishers as dicts with at least a name, whatever shape they came in."""
    out = []
    for item in _as_list(value):
        if isinstance(item, dict):
            name = _text(item.get("name")) or _text(item.get("alternateName"))
            if name:
                out.append({**item, "name": name})
        elif _text(item):
            out.append({"name": _text(item)})
    return out


def _domain(url) -> str | None:
    url = _text(url)
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.removeprefix("www.") if host else None


def _language(value) -> str | None:
    if isinstance(value, list):
        return next((t for t in map(_language, value) if t), None)
    if isinstance(value, dict):
        return _language(value.get("alternateName")) or _language(value.get("name"))
    text = _text(value)
    if not text:
        return None
    if normalise(text) in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[normalise(text)]
    parts = text.replace("_", "-").split("-")
    if not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


def _first_dict(value) -> dict:
    return next((v for v in _as_list(value) if isinstance(v, dict)), {})


# ---------------------------------------------------------------- one ClaimReview


def _rating(review: dict, language: str | None) -> tuple[str, str | None]:
    rating = _first_dict(review.get("reviewRating"))
    if not rating:
        raise _Skip("no reviewRating")
    alternate, name = _text(rating.get("alternateName")), _text(rating.get("name"))
    # A name that is one of our own ratings' names says which it is (our exports carry it).
    if name and normalise(name) in _OUR_NAMES:
        return _OUR_NAMES[normalise(name)], alternate or name
    for text in (alternate, name):
        found = text_rating(text, language)
        if found:
            return found, alternate or name
    value = rating.get("ratingValue")
    best, worst = rating.get("bestRating"), rating.get("worstRating")
    return rating_from_text(None, value, best, worst), alternate or name


def _claim_date(claim: dict) -> date | None:
    found = dates.day(claim.get("datePublished"))
    if found:
        return found
    works = _as_list(claim.get("firstAppearance")) + _as_list(claim.get("appearance"))
    days = [dates.day(w.get("datePublished")) for w in works if isinstance(w, dict)]
    return min((d for d in days if d), default=None)


def _publisher(review: dict) -> dict | None:
    authors = _entities(review.get("author"))
    publishers = _entities(review.get("publisher"))
    organisations = [a for a in authors if "Organization" in _as_list(a.get("@type"))]
    return next(iter(organisations + publishers + authors), None)


def _read(item) -> ImportedReview:
    if isinstance(item, _Unreadable):
        raise _Skip(item.reason)
    if not isinstance(item, dict):
        raise _Skip(f"not an object ({type(item).__name__})")
    kinds = _types(item)
    if kinds and "ClaimReview" not in kinds:
        raise _Skip(f"not a ClaimReview ({', '.join(kinds)})")
    if not kinds and "claimReviewed" not in item:
        raise _Skip("not a ClaimReview (no @type, no claimReviewed)")
    claim_reviewed = _text(item.get("claimReviewed"))
    if not claim_reviewed:
        raise _Skip("no claimReviewed")
    review_urls = [*_urls(item.get("url")), *_urls(item.get("@id"))]
    review_urls += _urls(item.get("mainEntityOfPage"))
    if not review_urls:
        raise _Skip("no review url" if not item.get("url") else "review url is not absolute")
    language = _language(item.get("inLanguage"))
    rating, textual = _rating(item, language)

    claim = _first_dict(item.get("itemReviewed"))
    claimants = list(dict.fromkeys(e["name"] for e in _entities(claim.get("author"))))
    appearances = [
        url for key in ("firstAppearance", "appearance", "url") for url in _urls(claim.get(key))
    ]
    publisher = _publisher(item)
    return ImportedReview(
        review_url=review_urls[0],
        claim_reviewed=claim_reviewed,
        claimant=", ".join(claimants) or None,
        claim_date=_claim_date(claim),
        appearance_urls=list(dict.fromkeys(appearances)),
        review_date=dates.read(item.get("datePublished")) or dates.read(item.get("dateCreated")),
        publisher_name=publisher["name"] if publisher else None,
        publisher_site=(publisher and _domain(publisher.get("url"))) or _domain(review_urls[0]),
        language=language,
        rating=rating,
        rating_value=RATING_VALUES[rating],
        textual_rating=textual,
        title=_text(item.get("name")) or _text(item.get("headline")),
        summary=_text(item.get("reviewBody"))
        or _text(item.get("description"))
        or _text(_first_dict(item.get("reviewRating")).get("ratingExplanation")),
    )


def _items(document) -> list:
    """The document's items, flattened: what parse() reads one by one and `index` counts."""
    document = _load(document)
    _check_depth(document)
    return _flatten(_clean(document))


def item_count(document) -> int:
    """How many items parse() would read from ``document``, counting the members of @graph,
    feeds and lists; 0 for a document refused whole (parse() raises the reason)."""
    try:
        return len(_items(document))
    except ParseError:
        return 0


def parse(document) -> tuple[list[ImportedReview], list[tuple[int, str]]]:
    """Every usable ClaimReview in ``document`` and ``(index, reason)`` for every other item,
    ``index`` counting the flattened items. A review repeated (same url and claim) is kept once.
    Raises ParseError only for the document as a whole."""
    items = _items(document)
    reviews: list[ImportedReview] = []
    skipped: list[tuple[int, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items):
        try:
            review = _read(item)
            checks.fold_line_breaks(review)
            problem = checks.text_problem(review)
            if problem:
                raise _Skip(problem)
            key = (review.review_url, review.claim_reviewed)
            if key in seen:
                raise _Skip(f"duplicate of item {seen[key]}")
            seen[key] = index
            review.index = index
            reviews.append(review)
        except _Skip as exc:
            skipped.append((index, str(exc)))
        except (TypeError, ValueError, AttributeError, KeyError, ArithmeticError) as exc:
            skipped.append((index, f"unreadable: {type(exc).__name__}: {exc}"))
    return reviews, skipped
