from factcheck.extraction.segment import split


def sentences(text):
    return [text[s.start : s.end] for s in split(text, [(0, len(text))])]


def test_quote_with_attribution_stays_one_sentence():
    text = "“There was no deal. There was a list of issues,” he said. Talks resume on Monday."
    assert sentences(text) == [
        "“There was no deal. There was a list of issues,” he said.",
        "Talks resume on Monday.",
    ]


def test_abbreviations_and_numbers_do_not_split():
    text = (
        "The U.S. economy grew 2.5% in Jan. 2020, Dr. Smith said. "
        "It was 3.1 percent in Feb. last year."
    )
    assert sentences(text) == [
        "The U.S. economy grew 2.5% in Jan. 2020, Dr. Smith said.",
        "It was 3.1 percent in Feb. last year.",
    ]


def test_offsets_cover_the_original_text_of_each_paragraph():
    text = "First paragraph. Second sentence.\nAnother paragraph here."
    spans = [(0, 33), (34, len(text))]
    got = split(text, spans)
    assert [text[s.start : s.end] for s in got] == [
        "First paragraph.",
        "Second sentence.",
        "Another paragraph here.",
    ]
    assert [s.paragraph for s in got] == [0, 0, 1]
