"""Run attribution over a text given as paragraphs of sentences, as the extractor would."""

from factcheck.extraction.attribution import Discourse, attribute


def run(paragraphs, publisher=None):
    """Statements per sentence of a text given as paragraphs of sentences."""
    text, spans = "", []
    for number, sentences in enumerate(paragraphs):
        for sentence in sentences:
            start = len(text)
            text += sentence + " "
            spans.append((start, start + len(sentence), number))
        text += "\n"
    discourse = Discourse(publisher=publisher)
    return text, [attribute(text, s, e, p, discourse) for s, e, p in spans]


def content(text, statement):
    return text[statement.content_start : statement.content_end]
