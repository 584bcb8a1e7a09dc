"""Claim text of wire copy: no headline or dateline, whole subjects, named claimants."""

from factcheck.extraction.claims import candidates

WIRE = (
    "Portugal's jobless rate falls to lowest in two decades\n\n"
    "LISBON — Unemployment in Portugal fell to 5.9 percent in the third quarter, "
    "the National Statistics Institute said on Tuesday.\n"
)


def test_headline_is_never_a_claim_nor_the_publishers():
    claims = candidates(WIRE, publisher="Atlantic Wire")
    headline_end = WIRE.index("\n")
    assert all(c.start > headline_end for c in claims)
    assert not any("jobless rate falls" in c.text for c in claims)


def test_dateline_is_left_out_of_claim_text_and_span():
    (claim,) = candidates(WIRE, publisher="Atlantic Wire")
    assert claim.text.startswith("Unemployment in Portugal fell to 5.9 percent")
    assert WIRE[claim.start : claim.end].startswith("Unemployment in Portugal")
    for dateline in ("NAIROBI, Dec 2 (Reuters) - ", "PARIS (AFP) — ", "MADRID, Spain — "):
        text = dateline + "Prices rose 7.8% in November, the statistics office said."
        (claim,) = candidates(text, publisher="Reuters")
        assert claim.start == len(dateline)
        assert claim.text.startswith("Prices rose 7.8%")
