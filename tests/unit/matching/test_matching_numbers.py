from factcheck.matching.numbers import Quantity, canonical_tokens, disagree
from factcheck.matching.text import raw_tokens


def quantities(text):
    return canonical_tokens(raw_tokens(text))[1]


def test_percent_currency_scale_and_words():
    assert quantities("rose 2.5 per cent") == [Quantity(2.5, "%")]
    assert quantities("$14 million") == [Quantity(14e6, "$")]
    assert quantities("twenty-five people") == [Quantity(25)]
    assert quantities("3.5 million jobs")[0].value == 3.5e6


def test_pronoun_one_and_names_with_digits_are_not_quantities():
    assert quantities("one of the worst deals") == []
    assert quantities("deaths from COVID-19") == []


def test_years_compare_only_with_years():
    assert not disagree(quantities("two weeks ago"), quantities("the 2008 campaign"))
    assert disagree(quantities("in 2015"), quantities("in 2016"))


def test_extra_quantities_on_one_side_do_not_disagree():
    long = quantities("He started with $14 million in 1975 and built 3 towers")
    assert not disagree(long, quantities("started with $14 million"))


def test_hedged_and_vague_quantities():
    assert not disagree(quantities("more than 30,000 emails"), quantities("33,000 emails"))
    assert disagree(quantities("almost 4,000 killed"), quantities("almost 8,000 killed"))
    assert not disagree(quantities("thousands of jobs"), quantities("4,000 jobs"))
    assert disagree(quantities("hundreds of jobs"), quantities("thousands of jobs"))
