import pytest

from factcheck.matching import (
    DEFAULT_MIN_SCORE,
    DUPLICATE_SCORE,
    Candidate,
    Match,
    rank,
    similarity,
)

CLAIMS = [
    Candidate(1, "Unemployment in Ohio rose by 2.5% last year."),
    Candidate(2, "The governor of Ohio cut school funding by $40 million."),
    Candidate(3, "Ohio unemployment rose by 4% last year."),
    Candidate(4, "Vaccines contain microchips that track people."),
    Candidate(5, "Unemployment in Ohio fell by 2.5% last year."),
    Candidate(6, "Ohio's unemployment went up last year."),
]


def test_paraphrase_matches_as_a_likely_duplicate():
    score = similarity(
        "Last year, unemployment in Ohio rose 2.5 percent.",
        "Unemployment in Ohio rose by 2.5% last year.",
    )
    assert score >= DUPLICATE_SCORE


def test_percent_spellings_are_the_same_number():
    assert similarity("Prices rose 2.5 percent in May.", "Prices rose 2.5% in May.") == 1.0


def test_unrelated_does_not_match():
    assert similarity("Vaccines contain microchips.", "Ohio unemployment rose last year.") == 0.0
    assert rank("The moon landing was staged in a studio.", CLAIMS) == []


def test_similarity_is_symmetric_and_bounded():
    a, b = CLAIMS[0].text, CLAIMS[5].text
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, a) == 1.0


def test_rank_orders_best_first_and_excludes_traps():
    matches = rank("Unemployment in Ohio rose 2.5 percent last year", CLAIMS)
    ids = [m.id for m in matches]
    assert ids[0] == 1
    assert 3 not in ids  # 4% vs 2.5%
    assert 5 not in ids  # fell vs rose
    assert 4 not in ids
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(isinstance(m, Match) and "lexical" in m.reasons for m in matches)
    assert "numbers_agree" in matches[0].reasons


def test_rank_limit_and_min_score():
    query = "Unemployment in Ohio rose 2.5 percent last year"
    everything = rank(query, CLAIMS, min_score=0.01)
    assert len(everything) >= 2
    assert rank(query, CLAIMS, limit=1, min_score=0.01) == everything[:1]
    assert rank(query, CLAIMS, limit=0) == []
    assert all(m.score >= 0.9 for m in rank(query, CLAIMS, min_score=0.9))
    assert all(m.score >= DEFAULT_MIN_SCORE for m in rank(query, CLAIMS))


def test_rank_accepts_any_iterable_and_breaks_ties_by_id():
    twins = (Candidate(i, "Ohio unemployment rose 2.5% last year.") for i in (9, 7, 8))
    assert [m.id for m in rank("Ohio unemployment rose 2.5% last year", twins)] == [7, 8, 9]


@pytest.mark.parametrize("text", ["", "   ", "the and of", "!!!"])
def test_empty_or_stop_word_texts_score_zero(text):
    assert similarity(text, CLAIMS[0].text) == 0.0
    assert rank(text, CLAIMS) == []


def test_ranks_five_hundred_candidates():
    # A sanity check that ranking a realistic pool completes; no timing assertion.
    pool = [Candidate(i, f"{c.text} Report number {i}.") for i, c in enumerate(CLAIMS * 84)]
    matches = rank("Unemployment in Ohio rose 2.5 percent last year", pool[:500], limit=5)
    assert len(matches) == 5
