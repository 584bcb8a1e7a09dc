from pathlib import Path

import pytest

from factcheck.extraction.claims import ExtractedClaim
from tools.extraction import wire
from tools.extraction.evaluate import main

WIRE = Path(__file__).parents[1] / "fixtures" / "wire"
HELDOUT = Path(__file__).parents[1] / "fixtures" / "wire-heldout"

# Measured (docs/extraction.md); the extractor may do better, never worse.
FLOORS = {
    WIRE: {"found": 60, "text_holds": 60, "claimant_correct": 57, "quote_correct": 10},
    HELDOUT: {"found": 20, "text_holds": 20, "claimant_correct": 17, "quote_correct": 3},
}
MAX_DEFECTS = {WIRE: 2, HELDOUT: 0}
# One spurious claim: "They did not provide figures." scores above the threshold.
CEILING = {"spurious": 1, "headline_leaks": 0, "dateline_leaks": 0}


def claim(text, start, end, claimant=None):
    return ExtractedClaim(text, None, claimant, start, end, 0.5, ())


@pytest.mark.parametrize("folder", [WIRE, HELDOUT], ids=["wire", "heldout"])
def test_every_fixture_has_its_article_and_verbatim_keys(folder):
    pairs = wire.articles(folder)
    assert len(pairs) >= 3
    for article, expected in pairs:
        text = article.read_text(encoding="utf-8")
        for item in expected["expected_claims"] + expected.get("optional_claims", []):
            assert item["key"] in text, (article.name, item["key"])
        for part in ("headline", "dateline"):
            assert expected[part] is None or expected[part] in text


@pytest.mark.parametrize("folder", [WIRE, HELDOUT], ids=["wire", "heldout"])
def test_wire_articles_stay_at_the_measured_figures(folder):
    results = [wire.measure(article, expected) for article, expected in wire.articles(folder)]
    for result in results:
        assert result.headline_leaks == 0 and result.dateline_leaks == 0, result.notes
    overall = wire.total(results)
    for name, floor in FLOORS[folder].items():
        assert getattr(overall, name) >= floor, (name, wire.line(overall))
    for name, ceiling in CEILING.items():
        assert getattr(overall, name) <= ceiling, (name, wire.line(overall))
    assert overall.defect_count <= MAX_DEFECTS[folder], wire.line(overall)


def test_text_defects():
    text = "The General Workers' Union disputed that the figures rose."
    cut = claim("Workers' Union disputed that the figures rose.", 12, len(text))
    assert wire.text_defects(text, cut) == ["cut_subject"]
    whole = claim(text, 0, len(text), "General Workers' Union")
    assert wire.text_defects(text, whole) == []
    dangling = claim("The union disputed that the.", 0, len(text), "union")
    assert wire.text_defects(text, dangling) == ["dangling_end", "bare_claimant"]
    said = "Rents rose, he said on Monday it would fall."
    assert wire.text_defects(said, claim("It would fall.", 0, len(said))) == []


def test_claimant_and_leak_rules():
    assert wire._claimant_ok("The General Workers' Union", "General Workers' Union")
    assert not wire._claimant_ok("union", "General Workers' Union")
    assert wire._claimant_ok(None, None) and not wire._claimant_ok("Reuters", None)
    assert wire._claimant_ok("Ana Ruiz’s government", ["Ana Ruiz", "Government of Spain"])
    text = "LISBON — Prices rose."
    assert wire._leaks(claim("LISBON — Prices rose.", 0, 21), "LISBON —", (0, 8))
    assert not wire._leaks(claim("Prices rose.", 9, 21), "LISBON —", (0, 8))
    assert text[9:21] == "Prices rose."


def test_command_prints_per_article_and_overall(capsys):
    assert main(["wire", str(WIRE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(wire.articles(WIRE)) + 1
    assert lines[-1].startswith("overall: found ")
