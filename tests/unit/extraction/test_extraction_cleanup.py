from factcheck.extraction.cleanup import article_spans

ARTICLE = """By Jane Doe and John Roe

The council approved the budget on Monday.
Photo: Jane Doe / AFP

Spending will rise by 4% next year, the mayor said.
Sign up for our newsletter
Share this article
A Message from The Daily Planet:
Dear readers,
Please support us with a monthly donation.
Remind me later.
"""


def paragraphs(text):
    return [text[s:e] for s, e in article_spans(text)]


def test_keeps_article_paragraphs_and_drops_furniture():
    assert paragraphs(ARTICLE) == [
        "The council approved the budget on Monday.",
        "Spending will rise by 4% next year, the mayor said.",
    ]


def test_offsets_point_into_the_original_text():
    for start, end in article_spans(ARTICLE):
        assert ARTICLE[start:end] == ARTICLE[start:end].strip()
        assert ARTICLE[start:end] in ARTICLE.splitlines()


def test_everything_after_an_appeal_heading_is_dropped():
    text = "Prices rose 5% in May.\nSupport independent journalism\nPrices fell 2% in June."
    assert paragraphs(text) == ["Prices rose 5% in May."]


def test_standalone_appeal_line_is_dropped_but_story_continues():
    text = "Prices rose 5% in May.\nThank you for reading our coverage.\nPrices fell 2% in June."
    assert paragraphs(text) == ["Prices rose 5% in May.", "Prices fell 2% in June."]


def test_hard_wrapped_line_joins_its_paragraph():
    text = "The minister said the plan would cost\nabout $2 billion over five years.\n\nNext one."
    assert paragraphs(text) == [
        "The minister said the plan would cost\nabout $2 billion over five years.",
        "Next one.",
    ]


def test_long_sentence_mentioning_photos_is_not_furniture():
    line = (
        "Photo agencies said on Tuesday that they had sold 40% more images this year than last, "
        "citing demand from news sites across Europe."
    )
    assert paragraphs(line) == [line]
