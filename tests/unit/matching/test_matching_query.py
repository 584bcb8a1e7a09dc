"""What of a social-media post is matched: links, handles and the embed signature are not."""

import pytest

from factcheck.matching import Candidate, rank
from factcheck.matching.query import matchable


@pytest.mark.parametrize(
    ("post", "kept"),
    [
        (
            "How are butterflies surviving the #AustralianFires? pic.twitter.com/0eJtwJyS1J "
            "— Center for Bio Div (@CenterForBioDiv) January 14, 2020",
            "How are butterflies surviving the  AustralianFires?",
        ),
        (
            "The US drone attack. #IranUsapic.twitter.com/TvRkHvlgby",
            "The US drone attack.  IranUsa",
        ),
        ("Read https://example.org/a?b=1 and www.example.org now", "Read   and   now"),
        ("Thanks @IlhanMN for the letter", "Thanks   for the letter"),
        ("Write to press@example.org today", "Write to press@example.org today"),
        ("Inflation fell to 2% in May.", "Inflation fell to 2% in May."),
    ],
)
def test_matchable_leaves_out_links_handles_and_the_signature(post, kept):
    assert matchable(post) == kept


def test_a_post_full_of_links_and_handles_ranks_the_claim_it_repeats():
    claims = [
        Candidate(1, "Minecraft is shutting down in 2020."),
        Candidate(2, "Twitter is shutting down its photo service."),
    ]
    post = (
        "OMG Minecraft is shutting down in 2020?? @Mojang pic.twitter.com/Xk2ZpQ "
        "https://t.co/abc — Some Fan (@somefan) January 3, 2020"
    )
    assert [m.id for m in rank(post, claims)][:1] == [1]


def test_the_share_of_rare_words_a_candidate_holds_lifts_it():
    claims = [Candidate(1, "The mayor opened a new library."), Candidate(2, "A new park opened.")]
    post = "Our mayor opened the library downtown, says the council newsletter"
    alone = {m.id: m.score for m in rank(post, claims)}
    lifted = {m.id: m.score for m in rank(post, claims, shares={1: 1.0, 2: 0.0}, min_score=0.0)}
    assert set(alone) == set(lifted) == {1, 2}
    assert lifted[1] > alone[1] and lifted[2] < alone[2]
