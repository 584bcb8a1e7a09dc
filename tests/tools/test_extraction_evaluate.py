from factcheck.extraction.claims import ExtractedClaim
from tools.extraction.evaluate import _covering, _Vocabulary, same_source, source_names

TEXTS = [
    "Protesters marched. Police said the protesters were calm. Trump said so. "
    "The police chief agreed. Mr. Trump and Leonard E. Burman spoke. Polls show a tie; "
    "polls vary. Tax cuts help, said the Tax Policy Center. The tax rose."
]
VOCABULARY = _Vocabulary(TEXTS)


def names(source, text=None):
    text = text if text is not None else source + " said so."
    return source_names(text, 0, source, VOCABULARY)


def test_sentence_initial_common_words_do_not_name_a_source():
    assert names("Protesters") == []
    assert names("Polls") == []
    assert names("Trump") == ["Trump"]
    assert names("The Republican nominee") == []
    assert names("Democrats") == []
    assert names("the Tax Policy Center") == ["Tax", "Policy", "Center"]


def test_mid_sentence_capitals_name_a_source():
    text = "Voters, Protesters said, were angry."
    assert source_names(text, 8, "Protesters", VOCABULARY) == ["Protesters"]


def test_claimant_must_share_a_distinctive_name():
    assert same_source("Leonard E. Burman", "Mr. Burman", ["Burman"], VOCABULARY)
    assert same_source("Trump", "Mr. Trump’s campaign", ["Trump’s"], VOCABULARY)
    assert not same_source("Bill Clinton", "Hillary Clinton", ["Hillary", "Clinton"], VOCABULARY)
    assert not same_source(
        "Tax Foundation", "the Tax Policy Center", names("the Tax Policy Center"), VOCABULARY
    )
    assert same_source(
        "Tax Policy Center", "the Tax Policy Center", names("the Tax Policy Center"), VOCABULARY
    )
    assert not same_source("campaign", "the Clinton campaign", ["Clinton"], VOCABULARY)
    assert not same_source(None, "Trump", ["Trump"], VOCABULARY)


def test_covering_claims_hold_at_least_half_of_the_content():
    def claim(start, end):
        return ExtractedClaim("x", None, None, start, end, 0.5, ())

    a, b = claim(0, 10), claim(10, 30)
    assert _covering([a, b], ((5, 25),)) == [b]
    assert _covering([a, b], ((0, 20),)) == [a, b]
    assert _covering([a], ((0, 40),)) == []
