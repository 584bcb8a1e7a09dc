from factcheck.extraction import extract
from factcheck.extraction.claims import candidates
from factcheck.extraction.readable import standalone


def claim_for(claims, words):
    return next(c for c in claims if words in (c.quote or c.text) or words in c.text)


def test_leading_he_in_reported_speech_becomes_the_claimant():
    text = (
        "President Vladimir Putin said Thursday that he may be open to some elements "
        "of a U.S. plan to end the war in Ukraine."
    )
    [claim] = extract(text)
    assert claim.claimant == "Vladimir Putin"
    assert claim.text.startswith("Vladimir Putin may be open to some elements")
    assert claim.quote is None
    assert (claim.start, claim.end) == (0, len(text))


def test_possessive_pronoun_of_the_writers_own_sentence_names_the_person():
    text = (
        "Governor Ana Ruiz said on Monday that the state budget grew by 12 percent in 2024.\n"
        "Her plan would cut the sales tax by 2 percent next year."
    )
    claim = claim_for(candidates(text), "sales tax")
    assert claim.text.startswith("Ana Ruiz’s plan would cut the sales tax")
    assert text[claim.start : claim.end].startswith("Her plan would cut the sales tax")


def test_pronoun_of_the_other_gender_is_left_alone():
    text = (
        "Mr. Tom Baker, the mayor, spoke on Monday.\n"
        "Mrs. Ana Ruiz said that he had raised the city debt by 40 percent since 2020."
    )
    claim = claim_for(candidates(text), "city debt")
    assert claim.claimant == "Ana Ruiz"
    assert claim.text.startswith("He had raised the city debt")


def test_it_names_the_organisation_with_its_article():
    text = "The Tax Foundation said that it expects revenue to fall by $2 trillion over a decade."
    [claim] = candidates(text)
    assert claim.text == "The Tax Foundation expects revenue to fall by $2 trillion over a decade."


def test_they_needs_a_plural_group():
    text = "The Kremlin said that they would send 5,000 troops to the border by March."
    [claim] = candidates(text)
    assert claim.text.startswith("They would send 5,000 troops")


def test_first_person_quotation_names_its_speaker_and_keeps_the_quote():
    text = "“I have cut taxes for 20 million families since 2019,” Senator Maria Lopez said."
    [claim] = extract(text)
    assert claim.quote == "I have cut taxes for 20 million families since 2019"
    assert claim.text == "Maria Lopez has cut taxes for 20 million families since 2019."


def test_quotation_speaking_for_a_group_is_framed_with_its_speaker():
    text = "“We built 300 new schools in 2024,” Prime Minister Ana Ruiz told reporters."
    [claim] = extract(text)
    assert claim.quote == "We built 300 new schools in 2024"
    assert claim.text == "Ana Ruiz said: “We built 300 new schools in 2024.”"


def test_third_person_in_a_quotation_is_not_the_speaker():
    text = "“He raised taxes 14 times in 2019,” Senator Maria Lopez said."
    [claim] = extract(text)
    assert claim.text == "He raised taxes 14 times in 2019."


def test_standalone_agrees_the_verb_after_i():
    assert standalone("I want 5 percent.", True, "Ana Ruiz") == "Ana Ruiz wants 5 percent."
    assert standalone("I’m sure of it.", True, "Ana Ruiz") == "Ana Ruiz is sure of it."
    assert standalone("I never said that.", True, "Ana Ruiz") == "Ana Ruiz never said that."
    assert standalone("My plan works.", True, "Ana Ruiz") == "Ana Ruiz’s plan works."
    assert standalone("I told my staff.", True, "Ana Ruiz") == "Ana Ruiz said: “I told my staff.”"


def test_standalone_without_referent_or_pronoun_is_unchanged():
    assert standalone("He left.", False, None) == "He left."
    assert standalone("Hence the rise.", False, "Ana Ruiz") == "Hence the rise."
    assert standalone("He’s gone.", False, "Ana Ruiz") == "He’s gone."
