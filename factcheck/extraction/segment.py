"""Split article paragraphs into sentences with offsets into the original text.

sentencex does the splitting: on news prose it keeps quotations whole
("“A. B,” he said.") and knows abbreviations such as U.S., Dr. and Jan.;
see docs/extraction.md for how it compared with pysbd, syntok and blingfire.
"""

from __future__ import annotations

from dataclasses import dataclass

import sentencex


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph the sentence belongs to


def split(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of each (start, end) paragraph span, in document order."""
    out: list[Sentence] = []
    for number, (start, end) in enumerate(spans):
        position = start
        # The segments concatenate back to the paragraph, so offsets add up.
        for piece in sentencex.segment("en", text[start:end]):
            lo = position + (len(piece) - len(piece.lstrip()))
            hi = position + len(piece.rstrip())
            position += len(piece)
            if hi > lo:
                out.append(Sentence(lo, hi, number))
    return out
