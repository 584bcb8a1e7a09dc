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


def by_key(claims, key):
    hits = [c for c in claims if key.lower() in c.text.lower() or key in (c.quote or "")]
    assert hits, f"no claim holds {key!r}: {[c.text for c in claims]}"
    return hits[0]


def test_clause_keeps_its_subject_and_each_statement_its_own_verb():
    text = (
        "The General Workers' Union disputed that the figures reflected better jobs and said "
        "more than a third of the new contracts were temporary."
    )
    claims = candidates(text)
    disputed = by_key(claims, "reflected better jobs")
    assert disputed.text == (
        "The General Workers' Union disputed that the figures reflected better jobs."
    )
    said = by_key(claims, "more than a third")
    assert said.text == "More than a third of the new contracts were temporary."
    assert {disputed.claimant, said.claimant} == {"General Workers' Union"}
    assert text[said.start : said.end].startswith("and said more than a third")


def test_organisation_names_keep_every_word():
    text = (
        "Food prices climbed 11.3%, the Kenya National Bureau of Statistics said. "
        "The Association of Property Owners said rents fell by 15 percent in Barcelona. "
        "Unemployment fell to 5.9 percent, the National Statistics Institute said."
    )
    claimants = {c.claimant for c in candidates(text)}
    assert claimants == {
        "Kenya National Bureau of Statistics",
        "Association of Property Owners",
        "National Statistics Institute",
    }


def test_descriptions_resolve_to_the_organisation_named_before():
    text = (
        "The General Workers' Union said 40,000 contracts were temporary.\n"
        "The country's largest union also said real wages had fallen by 1.2 percent.\n"
        "The union said about 55,000 workers remained on strike on Wednesday.\n"
        "Youth unemployment was 19.4 percent, the National Statistics Institute said.\n"
        "The institute said wages rose 3 percent."
    )
    claims = candidates(text)
    for key in ("40,000 contracts", "real wages", "55,000 workers"):
        assert by_key(claims, key).claimant == "General Workers' Union"
    assert by_key(claims, "wages rose 3 percent").claimant == "National Statistics Institute"


def test_possessive_role_resolves_to_its_named_holder():
    text = (
        "The central bank's governor, Joseph Mwangale, said the bank would raise its rate "
        "if inflation stayed above 7.5%.\n"
        "“Inflation will be back inside our target range by June,” the bank's governor told "
        "a news conference.\n"
        "The Treasury's spokesman, Daniel Otieno, denied that the government planned a subsidy."
    )
    claims = candidates(text)
    assert by_key(claims, "raise its rate").claimant == "Joseph Mwangale"
    assert by_key(claims, "target range").claimant == "Joseph Mwangale"
    denial = by_key(claims, "planned a subsidy")
    assert denial.claimant == "Daniel Otieno"
    assert denial.text == "Daniel Otieno denied that the government planned a subsidy."


def test_her_government_is_the_named_persons_government():
    text = (
        "Labour Minister Helena Quaresma said 48,000 people found work since January.\n"
        "“This is the result of choices we made,” she told reporters.\n"
        "Her government has promised to raise the minimum wage to 1,000 euros by 2028."
    )
    claim = by_key(candidates(text), "minimum wage")
    assert claim.claimant == "Helena Quaresma’s government"
    assert claim.text.startswith("Helena Quaresma’s government has promised")


def test_a_ministry_without_a_name_is_the_ministers():
    text = (
        "Housing Minister Lucía Barredo said average rents had doubled since 2015.\n"
        "The ministry's spokesman later said the figure included 6,000 flats."
    )
    assert by_key(candidates(text), "6,000 flats").claimant == "Lucía Barredo’s ministry"


def test_pronoun_nobody_fits_leaves_the_claimant_unknown():
    text = (
        "South Africa's state power utility Eskora said on Monday it would cut power "
        "for six hours a day.\n"
        "“We lost 4,000 megawatts in a single night,” he said.\n"
        "Energy Minister Thabo Mkhize said the utility had spent 2.3 billion rand. He blamed "
        "the breakdowns on sabotage.\n"
        "“Small businesses are losing up to 30 percent of their turnover,” she said."
    )
    claims = candidates(text)
    assert by_key(claims, "cut power").claimant == "Eskora"
    lost = by_key(claims, "4,000 megawatts")
    assert lost.claimant is None
    assert lost.quote == "We lost 4,000 megawatts in a single night"
    assert lost.text == "We lost 4,000 megawatts in a single night."
    assert by_key(claims, "30 percent").claimant is None


def test_described_organisation_named_in_apposition_keeps_its_statement():
    text = (
        "But the country's largest trade union confederation, Birlik-Is, said its own survey "
        "put food inflation in Istanbul at 44 percent.\n"
        "The confederation said rents rose 60 percent."
    )
    claims = candidates(text)
    survey = by_key(claims, "44 percent")
    assert survey.claimant == "Birlik-Is"
    assert "food inflation in Istanbul at 44 percent" in survey.text
    assert by_key(claims, "rents rose").claimant == "Birlik-Is"


def test_he_after_a_woman_is_the_last_man_named():
    text = (
        "“It will be first-order business,” Mr. Tavares said.\n"
        "But Mrs. Lindqvist will face the same fire. He noted that Mrs. Lindqvist had been "
        "criticised in 14 mining towns.\n"
    )
    claim = by_key(candidates(text), "14 mining towns")
    assert claim.claimant == "Tavares"


def test_she_inside_a_quotation_about_someone_else_does_not_make_the_speaker_she():
    text = (
        "Radio host Carl Brandt told his audience: “This is about fear.”\n"
        "And from a front-runner, Maria Holm, this reeks of fear.\n"
        "She can’t win without stacking the deck?\n"
        "She can’t win without 40 percent of the media behind her.\n"
        "He concluded: “The person in this debate who cannot tell the truth is the one who "
        "raised taxes 12 times.”"
    )
    claim = by_key(candidates(text), "raised taxes 12 times")
    assert claim.claimant == "Carl Brandt"


def test_description_named_only_later_takes_that_name():
    text = (
        "Inflation rose to 7.8% in November, the statistics office said on Tuesday.\n"
        "Food prices climbed 11.3%, the Kenya National Bureau of Statistics said.\n"
        "Spending on subsidies rose 4%, the energy ministry said. The Energy Markets Authority "
        "cut bills."
    )
    claims = candidates(text)
    assert by_key(claims, "7.8%").claimant == "Kenya National Bureau of Statistics"
    assert by_key(claims, "Spending on subsidies").claimant == "energy ministry"


def test_named_description_before_said_is_the_speaker_not_the_statement():
    text = (
        "The Australian Council of Trade Unions said rents rose 7 percent.\n"
        "The council's secretary, Joanne Pike, said one in four renters spent more than half "
        "their income on housing.\n"
        "Treasurer Nathan Kerrigan said inflation had fallen to 2.8%."
    )
    claims = candidates(text)
    renters = by_key(claims, "one in four renters")
    assert renters.claimant == "Joanne Pike"
    assert renters.text.startswith("One in four renters")
    assert by_key(claims, "2.8%").claimant == "Nathan Kerrigan"


def test_his_office_of_nobody_known_leaves_the_claimant_unknown():
    text = (
        "Joanne Pike said rents rose 7 percent.\n"
        "“Wages are not keeping up with rents,” she said.\n"
        "His office later said the figure had been 6 percent, not 7 percent."
    )
    claim = by_key(candidates(text), "6 percent, not 7 percent")
    assert claim.claimant is None
