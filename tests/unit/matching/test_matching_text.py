from factcheck.matching import normalise
from factcheck.matching.text import stem


def test_normalise_folds_case_quotes_and_dashes():
    assert normalise("The \u201cEconomy\u201d \u2014 Grew") == normalise('the "economy" - grew')


def test_normalise_stems_inflections():
    assert stem("grew") == stem("growing") == stem("grows") == "grow"
    assert stem("increased") == stem("increases") == stem("increase")
    assert stem("economies") == stem("economy")


def test_normalise_canonical_numbers():
    assert normalise("2.5 percent") == normalise("2.5%") == "2.5%"
    assert normalise("five pilots") == normalise("5 pilots")
    assert normalise("$1 million") == normalise("$1,000,000") == "$1000000"
    assert normalise("a billion dollars") == "$1000000000"


def test_normalise_expands_negative_contractions():
    assert normalise("He didn't pay") == "he did not pay"
    assert normalise("They can't, won't") == "they can not will not"
