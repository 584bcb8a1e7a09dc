import json
from pathlib import Path

from factcheck.extraction import ExtractedClaim, extract
from factcheck.extraction.claims import candidates

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "000_4b7aa9e3480c59b8.txt").read_text(encoding="utf-8")
EXPECTED = json.loads((FIXTURES / "000_4b7aa9e3480c59b8.expected.json").read_text(encoding="utf-8"))


def fold(s):
    return s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").lower()


def found(claims, key, claimant):
    for claim in claims:
        text_match = fold(key) in fold(claim.text) or fold(key) in fold(claim.quote or "")
        who_match = claimant is None or (
            claim.claimant is not None and claimant.lower() in claim.claimant.lower()
        )
        if text_match and who_match:
            return True
    return False


def test_seed_article_yields_every_expected_claim_with_its_claimant():
    claims = extract(SEED)
    missing = [
        e["key"] for e in EXPECTED["expected_claims"] if not found(claims, e["key"], e["claimant"])
    ]
    assert missing == []


def test_seed_publisher_own_reporting_has_no_claimant_without_publisher():
    claims = extract(SEED)
    twenty = [c for c in claims if "20 points" in c.text]
    assert twenty and all(c.claimant is None for c in twenty)


def test_seed_with_publisher_still_finds_everything():
    claims = extract(SEED, publisher=EXPECTED["publisher"])
    missing = [
        e["key"] for e in EXPECTED["expected_claims"] if not found(claims, e["key"], e["claimant"])
    ]
    assert missing == []
    twenty = [c for c in claims if "20 points" in c.text]
    assert twenty[0].claimant == "The Moscow Times"


def test_nothing_comes_from_the_donation_appeal():
    cut = SEED.index(EXPECTED["boilerplate_starts_at"])
    claims = extract(SEED, publisher=EXPECTED["publisher"])
    assert claims
    assert all(c.end <= cut for c in claims)
    for phrase in EXPECTED["not_claims"]:
        assert not any(phrase.lower() in c.text.lower() for c in claims)


def test_claims_are_sorted_and_point_into_the_original_text():
    claims = extract(SEED)
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert isinstance(claim, ExtractedClaim)
        assert 0 <= claim.start < claim.end <= len(SEED)
        assert SEED[claim.start : claim.end].strip() == SEED[claim.start : claim.end]
        if claim.quote:
            assert claim.quote in SEED[claim.start : claim.end]
        assert 0.0 <= claim.score <= 1.0
        assert claim.reasons


def test_compound_claim_is_split_with_a_span_each():
    claims = extract(SEED)
    advancing = next(c for c in claims if "advancing on" in c.text)
    replenish = next(c for c in claims if "replenish" in c.text)
    assert advancing.start < advancing.end <= replenish.start
    assert "replenish" not in SEED[advancing.start : advancing.end]
    assert SEED[replenish.start : replenish.end].startswith("and that Ukrainian losses")
    assert advancing.claimant == replenish.claimant == "Vladimir Putin"


def test_denial_keeps_its_polarity_in_the_claim_text():
    claims = extract(SEED)
    active = next(c for c in claims if "active role" in c.text)
    assert active.text.startswith("Vladimir Putin denied that")


def test_factual_sentence_is_kept_and_pleasantry_dropped():
    text = (
        "Thank you all for coming tonight.\n"
        "Unemployment fell to 3.5 percent in 2019, the lowest in 50 years."
    )
    claims = extract(text)
    assert [text[c.start : c.end] for c in claims] == [
        "Unemployment fell to 3.5 percent in 2019, the lowest in 50 years."
    ]
    assert "number" in claims[0].reasons and "model>=threshold" in claims[0].reasons


def test_questions_are_not_claims():
    assert extract("Will the central bank raise rates to 5 percent in 2025?") == []


def test_empty_text_gives_no_claims():
    assert extract("") == []
    assert extract("\n\n  \n") == []


def test_quotation_cut_into_sentences_and_signed_with_a_dash_is_one_claim():
    text = (
        "“Trump said 40 percent of us live in poverty. He is wrong about our culture. "
        "He makes blanket statements.”\n― Pamela Ruiz\n"
    )
    text = text.replace("”\n―", "” ―")
    claims = [c for c in extract(text) if c.claimant == "Pamela Ruiz"]
    [claim] = claims
    assert claim.quote == (
        "Trump said 40 percent of us live in poverty. He is wrong about our culture. "
        "He makes blanket statements."
    )
    assert claim.start == 0 and text[claim.end - 11 : claim.end] == "Pamela Ruiz"


def test_quotation_continuing_after_its_attribution_is_one_claim():
    text = (
        "Senator Ana Ruiz said: “Taxes rose by 12 percent in 2024. Wages fell by 3 percent. "
        "Rents doubled since 2019.”\n"
        "The vote is on Monday.\n"
    )
    claims = [c for c in candidates(text) if c.claimant == "Ana Ruiz"]
    [claim] = claims
    assert claim.quote == (
        "Taxes rose by 12 percent in 2024. Wages fell by 3 percent. Rents doubled since 2019."
    )
    assert text[claim.start : claim.end].endswith("since 2019.”")


def test_each_signed_quotation_goes_to_its_own_signer():
    text = (
        "“Prices rose by 40 percent in two years.” ― Ana Ruiz\n"
        "“Rents doubled in 2023. Wages did not.” ― Tom Baker\n"
    )
    by_words = {c.quote: c.claimant for c in candidates(text)}
    assert by_words["Prices rose by 40 percent in two years."] == "Ana Ruiz"
    assert by_words["Rents doubled in 2023. Wages did not."] == "Tom Baker"
