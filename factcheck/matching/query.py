"""What of a text is worth matching: a post shared on social media carries links, handles and
an embed's signature ("— Name (@handle) January 6, 2020") that no fact-check repeats, and
that would otherwise be taken for its rarest, most telling words."""

import re

_LINK = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|\bwww\.\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@\w+")
_SIGNATURE = re.compile(
    r"[\u2014\u2013-]{1,2}\s*[^\u2014\n]{0,80}\(@\w+\)\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*$"
)


def matchable(text: str) -> str:
    """`text` without links, @handles and a trailing embed signature; a hashtag keeps its
    word (#AustralianFires -> AustralianFires)."""
    text = _SIGNATURE.sub(" ", text)
    text = _LINK.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    return text.replace("#", " ").strip()
