from tests.unit.extraction.statements import content, run


def test_reported_speech_with_that():
    text, [[st]] = run(
        [["President Vladimir Putin said Thursday that Russian forces would advance."]]
    )
    assert st.claimant == "Vladimir Putin"
    assert content(text, st) == "Russian forces would advance."
    assert not st.quoted


def test_surname_and_pronoun_resolve_to_the_full_name():
    text, results = run(
        [
            ["President Vladimir Putin said on Monday that talks had stalled."],
            ["“We will not retreat,” Putin told reporters."],
            ["He claimed that the army had taken 20 villages."],
        ]
    )
    assert [r[0].claimant for r in results] == ["Vladimir Putin"] * 3
    assert "pronoun" in results[2][0].reasons


def test_pronoun_follows_the_subject_not_the_last_name_mentioned():
    _, results = run(
        [
            ["Governor Ana Ruiz repeated her view that Mayor Tom Baker had no mandate."],
            ["“The budget is illegal,” she said."],
        ]
    )
    assert results[1][0].claimant == "Ana Ruiz"


def test_quote_before_attribution_gives_the_verbatim_words():
    text, [[st]] = run(
        [["“Prices rose 20 percent. Wages did not,” said Maria Lopez, an economist."]]
    )
    assert st.quoted
    assert st.claimant == "Maria Lopez"
    assert content(text, st) == "Prices rose 20 percent. Wages did not"


def test_quote_after_attribution():
    text, [[st]] = run([["Senator John Carter said: “The deficit doubled in four years.”"]])
    assert st.quoted and st.claimant == "John Carter"
    assert content(text, st) == "The deficit doubled in four years."


def test_according_to_leading_and_trailing():
    text, [[lead], [tail]] = run(
        [
            [
                "According to the World Bank, poverty fell by half since 1990.",
                "Exports grew 7 percent last year, according to the Trade Ministry.",
            ]
        ]
    )
    assert lead.claimant == "World Bank"
    assert content(text, lead) == "poverty fell by half since 1990."
    assert tail.claimant == "Trade Ministry"
    assert content(text, tail) == "Exports grew 7 percent last year"


def test_trailing_attribution_and_group_sources():
    text, [[st]] = run([["The plant will close in May, company officials said."]])
    assert st.claimant == "company officials"
    assert content(text, st) == "The plant will close in May"


def test_continued_quote_keeps_the_speaker():
    _, results = run(
        [
            [
                "“We want a deal,” Dr. Omar Haddad said.",
                "“But the terms must change.”",
            ]
        ]
    )
    assert results[1][0].claimant == "Omar Haddad"
    assert "continued_quote" in results[1][0].reasons


def test_unattributed_reporting_goes_to_the_publisher_or_nobody():
    _, [[mine]] = run([["The plan was pared down to 20 points."]], publisher="The Daily Planet")
    assert mine.claimant == "The Daily Planet" and "publisher" in mine.reasons
    _, [[nobody]] = run([["The plan was pared down to 20 points."]])
    assert nobody.claimant is None


def test_second_clause_with_its_own_source_is_split_off():
    text, [[own, hinted]] = run(
        [
            [
                "The plan has been pared down to 20 points, "
                "and U.S. officials have hinted that Ukraine agreed.",
            ]
        ],
        publisher="The Daily Planet",
    )
    assert own.claimant == "The Daily Planet"
    assert content(text, own) == "The plan has been pared down to 20 points"
    assert hinted.claimant == "U.S. officials"
    assert content(text, hinted) == "Ukraine agreed."


def test_compound_reported_speech_gives_one_statement_per_claim():
    text, [_, [first, second]] = run(
        [
            ["President Vladimir Putin spoke on Thursday."],
            [
                "He claimed that troops are advancing on “all fronts” "
                "and that losses outpace recruitment."
            ],
        ]
    )
    assert content(text, first) == "troops are advancing on “all fronts”"
    assert content(text, second) == "losses outpace recruitment."
    assert first.claimant == second.claimant == "Vladimir Putin"
    assert text[second.start : second.end] == "and that losses outpace recruitment."


def test_quote_then_adding_that_gives_two_statements():
    text, [_, [quote, added]] = run(
        [
            ["Foreign Minister Li Wei spoke in Beijing."],
            [
                "“There was no draft. There was a list,” he said, "
                "adding that officials saw it only after the leak."
            ],
        ]
    )
    assert quote.quoted and content(text, quote) == "There was no draft. There was a list"
    assert content(text, added) == "officials saw it only after the leak."
    assert quote.claimant == added.claimant == "Li Wei"


def test_quoted_phrase_running_on_is_not_an_attributed_quote():
    text, [[st]] = run(
        [["The Kremlin has said the draft included “many provisions” it found acceptable."]]
    )
    assert st.claimant == "Kremlin"
    assert not st.quoted
    assert content(text, st) == "the draft included “many provisions” it found acceptable."


def test_stance_cues_credit_the_sentence_to_the_named_subject():
    text, [[wants], [called]] = run(
        [
            [
                "Senator Maria Ortiz wants the state to cap rents at 3 percent.",
                "Ortiz called the governor's budget “a fantasy” on Monday.",
            ]
        ]
    )
    assert wants.claimant == "Maria Ortiz" and "stance" in wants.reasons
    assert content(text, wants) == text[wants.start : wants.end]
    assert called.claimant == "Maria Ortiz"


def test_apposition_between_speaker_and_cue():
    text, [[age], [party]] = run(
        [
            [
                "“We will not stop,” Quina Jones, 25, said as the march moved on.",
                "“The veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., "
                "said Tuesday.",
            ]
        ]
    )
    assert age.claimant == "Quina Jones"
    assert party.claimant == "Mitch McConnell"
    assert content(text, party) == "The veto will be overridden"


def test_relative_clause_between_speaker_and_cue():
    _, [[st]] = run(
        [["Derek Mitchell, who served as ambassador to Burma, said Clinton reached out in 2009."]]
    )
    assert st.claimant == "Derek Mitchell"


def test_a_time_or_a_clause_after_the_cue_is_not_the_speaker():
    _, [[st], [other]] = run(
        [
            [
                "A lawyer for the papers, David Schulz, said no decision had been made.",
                "Prices rose again, suggesting demand outpaced supply.",
            ]
        ]
    )
    assert st.claimant == "David Schulz"
    assert other.claimant is None


def test_titles_before_the_name_are_not_part_of_it():
    _, [[chair], [kerry]] = run(
        [
            [
                "“Immunity deals are wrong,” Oversight Chairman Jason Chaffetz (R-Utah) said.",
                "Secretary of State John Kerry said that talks would continue.",
            ]
        ]
    )
    assert chair.claimant == "Jason Chaffetz"
    assert kerry.claimant == "John Kerry"


def test_descriptors_before_a_name():
    text, [[st], [found]] = run(
        [
            [
                "Republican presidential candidate Donald Trump has said that the wall is cheap.",
                "A Government Accountability Office report released last year found that the "
                "agency lost track of $2 million.",
            ]
        ]
    )
    assert st.claimant == "Donald Trump"
    assert content(text, st) == "the wall is cheap."
    assert found.claimant == "Government Accountability Office"


def test_bare_clause_after_a_speech_cue_and_a_day():
    text, [[says], [day]] = run(
        [
            [
                "Mike Pence says too much is made of the tweets.",
                "Trump said Tuesday the deal was dead.",
            ]
        ]
    )
    assert says.claimant == "Mike Pence"
    assert content(text, says) == "too much is made of the tweets."
    assert day.claimant == "Trump" and content(text, day) == "the deal was dead."


def test_mixed_quotation_marks():
    text, [[st]] = run([['“Deals should not be required," Senator Ann Lee said in a statement.']])
    assert st.quoted and st.claimant == "Ann Lee"
    assert content(text, st) == "Deals should not be required"


def test_headline_and_transcript_speakers():
    text, [[headline], [turn], [note]] = run(
        [
            ["Pat Caddell: Voters Worry About the Economy."],
            ["WALLACE: But the polls show a tie."],
            ["Update: the story was corrected."],
        ]
    )
    assert headline.claimant == "Pat Caddell"
    assert content(text, headline) == "Voters Worry About the Economy."
    assert turn.claimant == "Wallace"
    assert note.claimant is None


def test_quotation_signed_with_a_dash():
    text, [[st]] = run([["“I would rather live anywhere else.” ― Adriana Rodarte"]])
    assert st.quoted and st.claimant == "Adriana Rodarte"
    assert content(text, st) == "I would rather live anywhere else."


def test_trailing_speaker_with_apposition_after_the_cue():
    _, [[st]] = run(
        [
            [
                "The answers are “not meeting the demand,” says Paul Rieckhoff, founder of "
                "Veterans of America."
            ]
        ]
    )
    assert st.claimant == "Paul Rieckhoff"


def test_according_to_a_described_organisation():
    _, [[st]] = run(
        [["Incomes would rise 19.9 percent, according to the conservative-leaning Tax Foundation."]]
    )
    assert st.claimant == "Tax Foundation"


def test_transcript_turn_keeps_its_speaker_over_the_paragraph():
    _, [[first], [second], [third], [next_paragraph]] = run(
        [
            [
                '"PENCE: Well, look, the economy grew by 2 percent.',
                "Hillary Clinton wants higher taxes.",
                "It’s serious business.",
            ],
            ["The debate starts at 9 p.m. on Monday."],
        ]
    )
    assert [first.claimant, second.claimant, third.claimant] == ["Pence"] * 3
    assert next_paragraph.claimant is None


def test_acts_that_are_neither_speech_nor_stance():
    cases = {
        "Senator Ana Ruiz unveiled a list of 95 retired generals who back her.": "Ana Ruiz",
        "Donald Trump took offense at suggestions that he is not self-made.": "Donald Trump",
        "General Carter Ham went on to explain how cuts left the army weak.": "Carter Ham",
    }
    for sentence, claimant in cases.items():
        _, [[st]] = run([[sentence]])
        assert st.claimant == claimant and "stance" in st.reasons, sentence


def test_adverb_before_the_cue_and_a_long_opening_phrase():
    _, [[now], [opening]] = run(
        [
            ["Hillary Clinton now says she opposes the trade deal."],
            [
                "At a recent fundraising dinner in New York with the singer Barbra Streisand, "
                "Clinton called half of the other side’s supporters deplorable."
            ],
        ]
    )
    assert now.claimant == "Hillary Clinton"
    assert opening.claimant == "Hillary Clinton" and "stance" in opening.reasons


def test_joint_sources():
    text, [[pair], [three]] = run(
        [
            ["Donald Trump and Hillary Clinton point out that the debt rose by 20 percent."],
            ["Sens. Jeff Merkley, Sherrod Brown and Robert Menendez all suggested that it failed."],
        ]
    )
    assert pair.claimant == "Donald Trump and Hillary Clinton"
    assert content(text, pair) == "the debt rose by 20 percent."
    assert three.claimant == "Jeff Merkley, Sherrod Brown and Robert Menendez"


def test_title_case_headline_cues():
    _, [[calls], [says]] = run(
        [
            ["Chris Christie Calls Hillary Clinton ‘A Disgrace’ Over Police Comments"],
            ["Trump Could Address Clean Energy, Lindsey Graham Says"],
        ]
    )
    assert calls.claimant == "Chris Christie"
    assert says.claimant == "Lindsey Graham"


def test_leading_pronoun_referent():
    text, results = run(
        [
            ["President Vladimir Putin said Thursday that he may be open to a plan."],
            ["His comments came after a leak."],
            ["Mrs. Ana Ruiz said that he had lied."],
        ]
    )
    assert results[0][0].referent == "Vladimir Putin"
    assert results[1][0].referent == "Vladimir Putin"
    assert results[2][0].referent is None  # "he" is not Mrs. Ruiz
