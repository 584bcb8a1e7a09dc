"""Text normalisation for matching: folding, tokens, a light stemmer, stop words.

`tokens(text)` is the single tokeniser every other module uses. It returns
`Token`s whose `stem` is comparable across inflections ("grew" / "grows" /
"growing" -> "grow") and whose numbers are canonical (see `numbers.py`);
clause punctuation is kept as `BOUNDARY` tokens so that negation scope can
stop at it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

BOUNDARY = "|"

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": " - ",
        "\u2015": " - ",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)

# Words, numbers with separators/decimals, currency and percent signs, and
# clause punctuation. Hyphenated words split ("stop-and-frisk" -> 3 words).
_TOKEN = re.compile(
    r"(?P<ident>[^\W\d_]+-\d+\b|\d+(?:st|nd|rd|th)\b)"
    r"|(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    r"|(?P<sym>[$£€%])"
    r"|(?P<punct>[.,;:!?]|\s-\s|--)"
)

_CONTRACTIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "during",
        "each",
        "else",
        "ever",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "let",
        "me",
        "might",
        "must",
        "my",
        "myself",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "according",
        "also",
        "well",
        "get",
        "got",
        "go",
        "going",
        "gone",
        "one",
        "like",
        "can",
        "may",
        "shall",
        "us",
        "mr",
        "mrs",
        "ms",
        "dr",
        "really",
        "very",
        "many",
        "much",
        "even",
        "still",
        "yet",
        "already",
    ]
)

# Irregular forms the suffix stripper cannot reach; mapped before stripping.
_IRREGULAR = {
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "growth": "grow",
    "fell": "fall",
    "fallen": "fall",
    "shrank": "shrink",
    "shrunk": "shrink",
    "lost": "lose",
    "won": "win",
    "winning": "win",
    "paid": "pay",
    "said": "say",
    "made": "make",
    "built": "build",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "went": "go",
    "sent": "send",
    "spent": "spend",
    "told": "tell",
    "sold": "sell",
    "bought": "buy",
    "left": "leave",
    "came": "come",
    "became": "become",
    "began": "begin",
    "begun": "begin",
    "knew": "know",
    "known": "know",
    "thought": "think",
    "brought": "bring",
    "held": "hold",
    "kept": "keep",
    "met": "meet",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "wrote": "write",
    "written": "write",
    "fought": "fight",
    "cut": "cut",
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "people",
    "died": "die",
    "dies": "die",
    "dying": "die",
    "lies": "lie",
    "lying": "lie",
    "lied": "lie",
    "news": "news",
    "us": "us",
    "has": "have",
    "had": "have",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "n't": "not",
}

_VOWEL = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"([bdfgklmnprtvz])\1$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A small suffix stripper: plural/-ing/-ed/-ly, undoubled consonants, final e."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")) and len(w) > 3:
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ied", "ed"):
        if w.endswith(suffix):
            base = w[: -len(suffix)]
            if len(base) >= 3 and _VOWEL.search(base):
                w = base + ("y" if suffix == "ied" else "")
                if _DOUBLE.search(w) and not w.endswith("ll"):
                    w = w[:-1]
            break
    if w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("ation") and len(w) > 7:
        w = w[:-5] + "ate"
    if w.endswith("ment") and len(w) > 7:
        w = w[:-4]
    if w.endswith("y") and len(w) > 4 and w[-2] not in "aeiou":
        w = w[:-1] + "i"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


class Token(NamedTuple):
    """One token: `stem` is what is compared; `kind` is word, num, sym or boundary."""

    stem: str
    kind: str
    surface: str
    capital: bool = False  # capitalised away from a sentence start, or all caps


def fold(text: str) -> str:
    """NFKC, typographic quotes and dashes folded to ASCII; case kept."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def raw_tokens(text: str) -> list[Token]:
    """Tokens before number canonicalisation (see `numbers.canonical_tokens`)."""
    out: list[Token] = []
    sentence_start = True
    for m in _TOKEN.finditer(fold(text)):
        kind = m.lastgroup or "punct"
        s = m.group()
        if kind == "punct":
            if out and out[-1].kind != "boundary":
                out.append(Token(BOUNDARY, "boundary", s.strip()))
            sentence_start = s in ".!?" or sentence_start
            continue
        if kind == "word":
            low = s.lower()
            capital = not sentence_start and (s[0].isupper() or (len(s) > 1 and s.isupper()))
            capital = capital or (len(s) > 1 and s.isupper() and s != "I")
            if low in _CONTRACTIONS:
                for part in _CONTRACTIONS[low]:
                    out.append(Token(part, "word", part))
            elif low.endswith("n't"):
                out.append(Token(stem(low[:-3]), "word", low[:-3]))
                out.append(Token("not", "word", "n't"))
            else:
                out.append(Token(stem(low), "word", low, capital))
        elif kind == "ident":
            low = s.lower().replace("-", "")
            out.append(Token(low, "word", low, s[0].isalpha()))
        elif kind == "num":
            out.append(Token(s.replace(",", ""), "num", s))
        else:
            out.append(Token(s, "sym", s))
        sentence_start = False
    return out


def is_content(token: Token) -> bool:
    """A token that carries meaning for the lexical score (not a stop word or boundary)."""
    if token.kind == "boundary":
        return False
    if token.kind == "word":
        return token.surface not in STOP_WORDS and token.stem not in STOP_WORDS
    return True
