import pytest

from factcheck.matching import explain, similarity


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("Unemployment rose 2.5% last year.", "Unemployment rose 4% last year.", "numbers_differ"),
        ("The economy grew 2.5% in 2019.", "The economy shrank 2.5% in 2019.", "antonym"),
        ("Crime rates rose in Chicago.", "Crime rates fell in Chicago.", "antonym"),
        (
            "Senator Vance supports the farm bill.",
            "Senator Vance opposes the farm bill.",
            "antonym",
        ),
        ("Smith won the Ohio primary.", "Smith lost the Ohio primary.", "antonym"),
        ("The new toll is legal in Texas.", "The new toll is illegal in Texas.", "antonym"),
        (
            "Senator Vance supports the farm bill.",
            "Senator Vance does not support the farm bill.",
            "negation",
        ),
        ("The mayor cut the police budget.", "The mayor never cut the police budget.", "negation"),
        ("Bridges in Kent were never inspected.", "Bridges in Kent were inspected.", "negation"),
    ],
)
def test_contradiction_traps_block(a, b, reason):
    assert similarity(a, b) == 0.0
    score, reasons = explain(a, b)
    assert score == 0.0
    assert reasons == ("blocked", reason)


def test_unrelated_negation_in_a_long_sentence_does_not_block():
    query = (
        "I don't know what he means, but the mayor cut the police budget by $5 million "
        "in his first year."
    )
    assert similarity(query, "The mayor cut the police budget by $5 million.") > 0.4


def test_same_polarity_on_both_sides_matches():
    a = "Smith did not pay any federal income tax."
    b = "Smith didn't pay federal income tax."
    assert similarity(a, b) > 0.6
