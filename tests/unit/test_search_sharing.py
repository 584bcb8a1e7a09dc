"""Candidates for claim matching are weighed by how rare the words they share are."""

import math

from factcheck import search


def test_a_claim_sharing_the_rare_word_outranks_one_sharing_common_words():
    newest = {"refinery": [7], "prices": [9, 8, 7, 6, 5, 4], "said": [9, 8, 5, 4, 3, 2]}
    best = search.sharing_most(["refinery", "prices", "said"], newest, 100, limit=10)
    assert best[0][0] == 7
    shares = dict(best)
    assert shares[7] > shares[9] > shares[6]  # 9 holds two common words, 6 one
    weight = {w: math.log(101 / len(ids)) for w, ids in newest.items()}
    assert math.isclose(shares[7], (weight["refinery"] + weight["prices"]) / sum(weight.values()))


def test_shares_are_of_the_words_some_claim_holds_and_the_limit_keeps_the_best():
    newest = {"refinery": [3], "benzene": [3, 2], "leuna": []}
    best = search.sharing_most(["refinery", "benzene", "leuna"], newest, 10, limit=1)
    assert best == [(3, 1.0)]  # a word no claim holds does not count against any
    assert search.sharing_most(["leuna"], newest, 10, limit=5) == []


def test_ties_go_to_the_newest_claim():
    best = search.sharing_most(["vaccine"], {"vaccine": [4, 9, 2]}, 50, limit=3)
    assert [claim_id for claim_id, _ in best] == [9, 4, 2]


def test_candidate_words_are_the_rarest_of_the_matchable_text():
    words = search.candidate_terms(
        "The the refinery said pic.twitter.com/AbC123 @someone https://t.co/x prices"
    )
    assert "abc123" not in words and "someone" not in words and "t" not in words
    assert words.index("refinery") < words.index("said")
