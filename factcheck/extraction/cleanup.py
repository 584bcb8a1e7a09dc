"""Find the article's own paragraphs, leaving out site furniture and appeals.

Nothing is rewritten: the result is a list of (start, end) character offsets
into the original text, so every later stage can point back at the source.
A headline and the dateline of wire copy are left out the same way.
"""

from __future__ import annotations

import re

from factcheck.extraction import dateline

# A line that opens the appeal or navigation block closing most articles:
# everything from it to the end is not the article.
_APPEAL_HEADING = re.compile(
    r"""^(?:
        (?:a\s+)?(?:message|note|letter)\s+from\s+.{1,60}
      | dear\s+(?:readers?|friends?|subscribers?)
      | support\s+(?:our|independent|quality|local|us|the)\b.{0,60}
      | (?:become|join)\s+(?:a\s+)?(?:member|supporter|subscriber|patron)s?\b.{0,40}
      | donate(?:\s+now|\s+today)?
      | (?:related|recommended|more)\s+(?:articles?|stories|reading|from\s+.{1,40})
      | read\s+(?:more|next|also)
      | you\s+(?:may|might)\s+also\s+like
      | comments?(?:\s+\(\d+\))?
    )\s*[:.!]?$""",
    re.IGNORECASE | re.VERBOSE,
)

# Single lines that belong to the page, not the story.
_FURNITURE_LINE = re.compile(
    r"""^(?:
        remind\s+me\s+later
      | (?:sign\s+up|subscribe|register)\b.{0,80}
      | (?:share|tweet|email|print|save)(?:\s+(?:this|on|via|article|story)\b.{0,40})?
      | follow\s+(?:us|me)\s+on\b.{0,60}
      | (?:click|tap)\s+here\b.{0,80}
      | advertisement | sponsored(?:\s+content)?
      | continue\s+reading.{0,40}
      | (?:photo|image|picture|video|illustration|credit|source|caption)s?\s*(?::|by\b).{0,120}
      | (?:updated|published|posted)\b.{0,60}
    )[.!]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Bylines and photo credits: names are capitalised, so this one is case-sensitive.
_CREDIT_LINE = re.compile(
    r"""^(?:
        (?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,))*(?:\s*[|/,-]\s*.{0,40})?
      | .{0,80}(?:/\s*(?:AFP|AP|Reuters|EPA|TASS|Getty\s+Images)
          |\((?:AFP|AP|Reuters|EPA|Getty\s+Images)\)
          |Getty\s+Images|AP\s+Photo)\s*
    )[.!]?$""",
    re.VERBOSE,
)

# Appeal sentences that stand alone as a line even without a heading.
_APPEAL_LINE = re.compile(
    r"\b(?:please\s+(?:support|donate|consider)|support\s+us\b|make\s+a\s+(?:donation|contribution)"
    r"|(?:your|a)\s+(?:donation|contribution)\s+(?:helps|makes|keeps)|thank\s+you\s+for\s+(?:reading|standing|supporting))",
    re.IGNORECASE,
)

_LINE = re.compile(r"[^\n]+")
_MAX_FURNITURE_WORDS = 14
# A headline: the article's first line, short and without a closing stop.
_MAX_HEADLINE_WORDS = 20
_SENTENCE_CLOSE = ".!?:;\"”’)'…"
# Datelines open one of the first paragraphs (after a headline or a kicker).
_DATELINE_PARAGRAPHS = 3
# A full stop inside the line ("... in two years.” ― Ana Ruiz") makes it a
# sentence; "U.S." or "Dr." do not.
_INNER_STOP = re.compile(r"[.!?][”\"’]|[a-z]{2}[.!?]\s")


def article_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph that belongs to the article, in order."""
    spans: list[tuple[int, int]] = []
    for start, end in _paragraphs(text):
        line = text[start:end]
        if _APPEAL_HEADING.match(line) and len(line.split()) <= _MAX_FURNITURE_WORDS:
            break
        if _is_furniture(line):
            continue
        spans.append((start, end))
    if len(spans) > 1 and _is_headline(text[spans[0][0] : spans[0][1]]):
        spans = spans[1:]
    for n, (start, end) in enumerate(spans[:_DATELINE_PARAGRAPHS]):
        skip = dateline.length(text[start:end])
        if skip:
            spans[n] = (start + skip, end)
            break
    return spans


def _is_headline(line: str) -> bool:
    """The first line is a headline when it is short and ends without the stop
    a sentence has ("Portugal's jobless rate falls to lowest in two decades")."""
    return (
        "\n" not in line
        and len(line.split()) <= _MAX_HEADLINE_WORDS
        and line[-1] not in _SENTENCE_CLOSE
        and not _INNER_STOP.search(line)
        and not dateline.length(line)
    )


def _is_furniture(line: str) -> bool:
    if len(line.split()) > _MAX_FURNITURE_WORDS * 2:
        return False
    short = len(line.split()) <= _MAX_FURNITURE_WORDS
    if short and (
        _FURNITURE_LINE.match(line) or _CREDIT_LINE.match(line) or _APPEAL_HEADING.match(line)
    ):
        return True
    return bool(_APPEAL_LINE.search(line))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines stripped of surrounding blanks; a hard-wrapped line joins the next."""
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        if start == end:
            continue
        if (
            spans
            and _continues(text[spans[-1][0] : spans[-1][1]], text[start:end])
            and text.count("\n", spans[-1][1], start) == 1
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _continues(previous: str, line: str) -> bool:
    return previous[-1] not in ".!?:;\"”’)'" and line[0].islower()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
