"""Attribution learned from annotated news: cue words and where sources stand."""

import json
import re

from factcheck.extraction import attribution, claims, cues
from tests.unit.extraction.statements import content, run


def test_the_lexicon_holds_words_and_counts_only():
    data = json.loads(cues._PATH.read_text(encoding="utf-8"))
    assert data["cues"]
    for word, (cued, seen) in data["cues"].items():
        assert word.isalpha() and word.islower()
        assert 0 < cued <= seen


def test_a_learned_cue_credits_the_sentence_to_its_named_subject():
    # "knocked" and "pivoted" are in no hand-written list: learned from PolNeAR.
    assert "knocked" in cues.learned() and "pivoted" in cues.learned()
    assert "knocked" not in attribution._CUE_WORDS
    _, [[first], [second]] = run(
        [
            ["Senator Ana Ruiz knocked the budget as a giveaway to donors."],
            ["Ruiz later pivoted to the deficit, which doubled in four years."],
        ]
    )
    assert first.claimant == "Ana Ruiz" and first.cue == "knocked"
    assert "stance" in first.reasons
    assert second.claimant == "Ana Ruiz" and second.cue == "pivoted"


def test_a_word_annotators_seldom_mark_is_not_a_cue():
    assert "won" not in cues.learned()
    _, [[st]] = run([["Senator Ana Ruiz won the primary by 20 points."]], publisher="The Post")
    assert st.claimant == "The Post"


def test_a_first_person_or_bare_title_is_no_claimant():
    _, [[transcript], [cut], _] = run(
        [
            ["FALLIN: I think he is trying to campaign as a racial healer."],
            [
                "''He will make the country more like it was 15 years ago,'' said Ms.",
                "Leon agreed.",
            ],
        ]
    )
    assert transcript.claimant is None
    assert cut.claimant is None


def test_an_opening_phrase_is_no_claimant_but_a_name_after_it_is():
    _, [[when], [politico], _, [question]] = run(
        [
            [
                "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton tried to expand on "
                "her statement, saying that the nation should lead.",
            ],
            ["As Politico reported, the governor would sign the bill in May."],
            [
                "Senator Marco Rubio spoke.",
                "Does Rubio really believe that taxes fell by 20 percent?",
            ],
        ]
    )
    assert when.claimant is None  # not "on Sunday"
    assert politico.claimant == "Politico"
    assert question.claimant == "Marco Rubio"


def test_a_subject_with_several_appositions_or_a_dashed_aside():
    text, [[age], [aside]] = run(
        [
            [
                "Marley Anderson, 21, a junior from Las Vegas, said she was elated but "
                "feared the army."
            ],
            [
                "Governor Ana Ruiz -- who has clashed with the council for months -- said the "
                "budget was illegal.",
            ],
        ]
    )
    assert age.claimant == "Marley Anderson"
    assert content(text, age) == "she was elated but feared the army."
    assert aside.claimant == "Ana Ruiz"
    assert content(text, aside) == "the budget was illegal."


def test_a_source_named_after_a_passive_cue_or_an_opening_said():
    text, [[first], [plan], [said], [endorsed]] = run(
        [
            ["The meeting was first reported by Politico."],
            ["The plan, first reported by The Washington Post, would cost $2 billion."],
            ["Said Comey, “The thought that we erred is very painful to us.”"],
            ["Clinton was endorsed by the Houston Chronicle on Friday."],
        ]
    )
    assert first.claimant == "Politico"
    assert plan.claimant == "Washington Post"
    assert said.claimant == "Comey" and said.quoted
    assert content(text, said) == "The thought that we erred is very painful to us."
    assert endorsed.claimant == "Houston Chronicle"  # not Clinton, the subject


def test_an_empty_lexicon_matches_nothing(tmp_path, monkeypatch):
    empty = tmp_path / "cues.json"
    empty.write_text('{"info": {}, "cues": {}}', encoding="utf-8")
    monkeypatch.setattr(cues, "_PATH", empty)
    cues.learned.cache_clear()
    try:
        assert re.search(cues.pattern(), "Ruiz knocked the budget") is None
    finally:
        cues.learned.cache_clear()


def test_a_space_before_the_closing_quotation_mark():
    text, [[st]] = run([['"It is a disgrace that he is doing this, " Trump said.']])
    assert st.claimant == "Trump" and st.quoted
    assert content(text, st) == "It is a disgrace that he is doing this"


def test_a_cue_coordinated_with_an_earlier_verb_of_the_subject():
    text, [[st], [other]] = run(
        [
            [
                "Clinton celebrated in Florida with supporters, declaring it a super Tuesday, "
                "and said it was another step closer to winning.",
            ],
            ["Mrs. Ruiz met the governor and Sanders said the plan was dead."],
        ]
    )
    assert st.claimant == "Clinton"
    assert content(text, st) == "it was another step closer to winning."
    assert other.claimant == "Sanders"  # a subject of its own before the cue


def test_a_cue_participle_after_the_subjects_own_clause():
    _, [_, [kasich], [trump]] = run(
        [
            ["Gov. John Kasich spoke."],
            [
                "Kasich has won newspaper endorsements in the Republican contest, supporting a "
                "path to legal status for immigrants.",
            ],
            ["Mr. Trump would cut tax revenues by $9.5 trillion, promising impossible growth."],
        ]
    )
    assert kasich.claimant == "John Kasich" and kasich.cue == "supporting"
    assert trump.claimant == "Trump" and trump.cue == "promising"


def test_a_passive_inside_reported_speech_leaves_the_speaker():
    _, [[st]] = run([["Trump said the plan, first reported by Politico, would cost $2 billion."]])
    assert st.claimant == "Trump"


def test_a_named_sources_statement_is_kept_from_a_fiftieth_of_the_threshold(monkeypatch):
    # A score a thirtieth of the threshold: below the old floor (a tenth), above the new one.
    low = claims.model.shipped().threshold / 30
    monkeypatch.setattr(claims.model, "score", lambda texts: [low for _ in texts])
    text = "Senator Ana Ruiz said she liked the town and its people. The town has 300 people."
    kept = claims.extract(text, publisher="The Post")
    assert [c.claimant for c in kept] == ["Ana Ruiz"]
    assert "attributed_statement" in kept[0].reasons


def test_a_first_person_quotation_without_a_figure_needs_a_tenth_of_the_threshold(monkeypatch):
    # Between the two floors: reported speech and a quotation with a figure are kept, the
    # speaker's own stance in the first person is not.
    low = claims.model.shipped().threshold / 30
    monkeypatch.setattr(claims.model, "score", lambda texts: [low for _ in texts])
    text = (
        "“Nobody believed us then,” Ana Ruiz said. "
        "“We cut the deficit by 40 percent,” Ana Ruiz said. "
        "Ana Ruiz said the town had lost its only bakery."
    )
    kept = claims.extract(text, publisher="The Post")
    assert [c.quote for c in kept] == ["We cut the deficit by 40 percent", None]
    assert {c.claimant for c in kept} == {"Ana Ruiz"}
    high = claims.model.shipped().threshold / 5  # above a tenth: every one is kept
    monkeypatch.setattr(claims.model, "score", lambda texts: [high for _ in texts])
    assert len(claims.extract(text, publisher="The Post")) == 3
