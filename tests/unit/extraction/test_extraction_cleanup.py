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


def test_headline_is_not_part_of_the_article():
    text = (
        "Portugal's jobless rate falls to lowest in two decades\n\n"
        "Unemployment fell to 5.9 percent, the institute said.\n"
    )
    assert paragraphs(text) == ["Unemployment fell to 5.9 percent, the institute said."]
    title_case = "Energy Regulator Cuts Household Price Cap By 4%\n\nBills will fall by 4%."
    assert paragraphs(title_case) == ["Bills will fall by 4%."]


def test_first_line_ending_like_a_sentence_is_not_a_headline():
    text = "Unemployment fell to 5.9 percent.\n\nThe institute said so."
    assert paragraphs(text) == ["Unemployment fell to 5.9 percent.", "The institute said so."]
    assert paragraphs("Prices rose 5% in May") == ["Prices rose 5% in May"]


def test_dateline_is_left_out_of_the_first_paragraph():
    for line, rest in [
        ("LISBON — Unemployment fell.", "Unemployment fell."),
        ("MADRID, Spain — Rents rose.", "Rents rose."),
        ("PARIS (AFP) — The Senate voted.", "The Senate voted."),
        ("ANKARA (AFP) - Inflation slowed.", "Inflation slowed."),
        ("NAIROBI, Dec 2 (Reuters) - Prices rose.", "Prices rose."),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — Stein left.", "Stein left."),
        ("NEW YORK -- Stocks fell.", "Stocks fell."),
        ("Paris (AFP) – Strikes went on.", "Strikes went on."),
    ]:
        text = f"A headline without a stop\n\n{line}\nLONDON — Not a dateline here."
        spans = article_spans(text)
        assert text[spans[0][0] : spans[0][1]] == rest
        assert text[spans[1][0] : spans[1][1]] == "LONDON — Not a dateline here."


def test_dashes_that_are_not_datelines_stay():
    for line in [
        "Officials - including the mayor - said prices rose.",
        "U.S. employers added 143,000 jobs.",
        "Ana Ruiz — the minister — said so.",
    ]:
        assert paragraphs(line) == [line]


def test_signed_quotation_on_the_first_line_is_not_a_headline():
    text = "“Prices rose by 40 percent in two years.” ― Ana Ruiz\nRents doubled."
    assert paragraphs(text)[0].startswith("“Prices rose")
