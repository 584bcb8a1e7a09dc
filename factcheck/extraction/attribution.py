"""Who makes each statement: claimant attribution for news sentences.

Recognises the reporting patterns of news prose ("X said that ...",
"“...,” X told reporters", "according to X", "..., X said") and keeps a
small discourse memory so that later mentions resolve to the full name
first used ("President Vladimir Putin said ..." then "Putin told ..." and
"He claimed ..." both give "Vladimir Putin").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from factcheck.extraction import compound, cues, resolver

_CUES = (
    "said|says|say|told|tells|tell|claimed|claims|claim|argued|argues|insisted|insists|added|adds|"
    "stated|states|noted|notes|warned|warns|wrote|writes|tweeted|posted|announced|announces|"
    "declared|declares|denied|denies|deny|hinted|hints|suggested|suggests|acknowledged|admitted|"
    "alleged|alleges|asserted|asserts|confirmed|confirms|reported|reports|explained|explains|"
    "estimated|estimates|predicted|predicts|promised|vowed|repeated|repeats|maintained|maintains|"
    "contended|contends|emphasized|emphasised|stressed|testified|conceded|countered|disputed|"
    "believes|believe|thinks|think|argue|insist|found|find|finds|showed|shows|revealed|reveals|"
    "concluded|concludes|pointed\\s+out|points\\s+out|point\\s+out|recalled|recalls|observed|cautioned|complained|"
    "boasted|responded|replied|charged|accused|remarked|continued|urged|pledged|projected|projects|"
    "forecast|calculated|determined|indicated|signaled|signalled|lamented|suspect|suspects|suspected|"
    "fear|fears|feared|worry|worries|worried|expect|expects|expected|doubt|doubts|agreed|agree|agrees|"
    "conceded|acknowledges|admits|announced|reiterated|explained|wrote|ruled|rules|saying|arguing|"
    "claiming|insisting|stressing|warning|suggesting|predicting|noting|hinting|learned|learns"
)
# Cues of a stance, intention or judgement rather than speech ("X wants ...",
# "X called the plan a disgrace"): the whole sentence is credited to X.
_STANCE_CUES = (
    "wants|want|wanted|plans|plan|planned|intends|intend|intended|hopes|hope|hoped|"
    "calls|called|calling|describes|described|criticized|criticised|criticizes|criticises|"
    "attacked|attacks|blasted|slammed|condemned|condemns|praised|praises|lauded|hailed|"
    "welcomed|cites|cited|echoed|echoes|questioned|questions|defended|defends|defending|"
    "rejected|rejects|dismissed|dismisses|blamed|blames|accuses|urges|pledges|promises|"
    "promising|vows|vowed|proposed|proposes|demanded|demands|demanding|refused|refuses|"
    "threatened|threatens|supports|supported|support|backs|backed|endorsed|endorses|"
    "opposes|opposed|oppose|advocates|advocated|touted|touts|highlighted|highlights|"
    "mocked|mocks|likened|compared|characterized|labeled|labelled|branded|asked|asks|"
    "asking|mentioned|sought|seeks|favors|favours|favored|recommended|recommends|"
    "encouraged|encourages|decried|applauded|pushed|pushes|pushing|pointed\\s+to|"
    "sees|views|viewed|considers|considered|regards|regarded|recognized|credited|"
    "praising|attacking|slamming|blasting|questioning|urging|accusing|blaming|"
    "is\\s+doubling\\s+down|doubled\\s+down|took\\s+aim|takes\\s+aim|weighed\\s+in|"
    "spoke|speaks|talked|talks|insisted|agreed|disagreed|disagrees|"
    # Acts that PolNeAR also credits to their subject: "Clinton unveiled a
    # list", "Trump took offense at", "Ham went on to explain".
    "unveiled|unveiling|unleashed|identified|released|"
    "issued|laid\\s+out|lays\\s+out|outlined|detailed|took\\s+offense|"
    "takes\\s+offense|took\\s+issue|takes\\s+issue|spoke\\s+(?:of|about|out)|went\\s+on\\s+to\\s+[a-z]+|"
    "goes\\s+on\\s+to\\s+[a-z]+|thought|shouted|yelled|yelling|chanted|chanting|scolded|"
    "thanked|sounded|voted|rated|documented|referenced|"
    "decided|delivered|seized\\s+on|seizing\\s+on|promoting|promoted|describing|"
    "seeking|raising\\s+questions|raised\\s+questions|raises\\s+questions|accusing|accuse|"
    "encouraged|encourage|tied|singled\\s+out|proclaimed|bragged|joked|"
    "quipped|mused|lashed\\s+out|railed|bemoaned|exhorted|argued|insisted|"
    "chimed\\s+in|weighed\\s+in|touted|hit\\s+back|fired\\s+back|struck\\s+back|"
    "embraced|refuses|refused|rejected|denounced|warned|demands|mocked"
)
# Cues that never take the statement directly after them ("told reporters").
_NO_BARE_CLAUSE = frozenset(
    {"told", "tells", "tell", "continued", "added", "adds", "urged", "charged"}
)
_CLAUSE_OPENER = re.compile(
    r"\s+(?:he|she|it|they|we|I|you|the|a|an|his|her|its|their|our|this|these|those|there|several|many|some|"
    r"no|all|most|more|only|\d[\d,.]*|[A-Z][\w'’.-]*)\s"
)
NEGATING_CUES = frozenset({"denied", "denies", "deny", "disputed"})
_TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "treasurer",
        "senator",
        "sen.",
        "sens.",
        "rep.",
        "reps.",
        "representative",
        "gov.",
        "governor",
        "mayor",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "gen.",
        "general",
        "judge",
        "justice",
        "chancellor",
        "chairman",
        "chairwoman",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "speaker",
        "leader",
        "king",
        "queen",
        "pope",
        "premier",
        "ambassador",
        "director",
        "ceo",
        "commissioner",
        "attorney",
        "deputy",
        "foreign",
        "defense",
        "defence",
        "interior",
        "press",
        "lt.",
        "col.",
        "sgt.",
        "capt.",
        "adm.",
        "professor",
        "prof.",
        "sheriff",
        "chief",
        "former",
        "candidate",
        "nominee",
        "lawmaker",
        "state",
        "national",
        "democratic",
        "republican",
        "democrat",
        "libertarian",
        "gop",
        "rival",
    ]
)
_PERSON_TITLES = _TITLES - {
    "democrat",
    "libertarian",
    "gop",
    "rival",
    "vice",
    "prime",
    "foreign",
    "defense",
    "defence",
    "interior",
    "press",
    "former",
    "state",
    "national",
    "democratic",
    "republican",
    "deputy",
}
_ROLES = (
    "officials?|sources?|experts?|analysts?|critics?|lawmakers?|legislators?|diplomats?|spokesman|"
    "spokeswoman|spokesperson|authorities|researchers?|scientists?|economists?|investigators?|"
    "prosecutors?|police|ministry|government|administration|campaign|report|study|survey|poll|"
    "statement|aides?|advisers?|advisors?|residents?|witnesses|observers|representatives?|"
    "commanders?|leaders?|office|department|agency|committee|court|company|group|party|military|"
    "army|intelligence|data|figures|documents?|supporters?|allies|opponents?|voters|backers|"
    "critics|members|advocates|activists|protesters|demonstrators|delegates|donors|rivals?|"
    "surrogates?|team|camp|staff|ad|video|memo|letter|complaint|lawsuit|filing|tweets?|website|"
    "union|council|board|commission|institute|foundation|center|panel|network|newspaper|"
    "chief|director|secretary|chairman|chairwoman|president|senator|governor|nominee|candidate"
)
_CAP = r"(?:[A-Z][\w'’./-]*|[A-Z]\.)"
_NAMED = rf"{_CAP}(?:\s+(?:(?:of|for|de|van|von|al|bin|the)\s+)?{_CAP})*"
_WH = r"(?:how|what|why|who|whom|which|that|whether|where|when|if)"
_PRONOUN = r"(?:he|she|they|it|He|She|They|It)"
# "a report released last year", "a poll conducted by Gallup"
_RELEASED = (
    r"(?:\s+(?:released|published|issued|conducted|commissioned)"
    r"(?:\s+(?:last|this|on|in|earlier)\s+[\w-]+)?(?:\s+(?:by|for)\s+(?:the\s+)?" + _NAMED + r")?)?"
)
_DETERMINER = (
    r"(?:(?:the|The|a|A|an|An|another|Another|some|Some|many|Many|several|Several"
    r"|senior|top|other|its|his|her|their)\s+)"
)
_PARTY = r"(?:\s*\([^()]{1,30}\))?"
# Sources joined with "and": "Trump and Clinton", "Sens. Jon Tester (D-Mont.) and David Vitter".
_JOINT = rf"{_NAMED}{_PARTY}(?:,\s+{_NAMED}{_PARTY})*,?\s+and\s+{_NAMED}{_PARTY}"
# A role described through its owner: "the central bank's governor", "The
# union's national president", "a spokesman for the energy ministry".
_DESCRIBED = (
    r"(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa])\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*(?:’s|'s)\s+"
    rf"(?:[a-z][\w-]*\s+){{0,3}}(?:{_ROLES}|executive|officer|head|confederation|federation)\b"
    r"|(?:[Aa]|[Tt]he)\s+(?:spokesman|spokeswoman|spokesperson)\s+for\s+(?:the\s+)?"
    rf"(?:[a-z][\w-]*\s+)?(?:{_ROLES})\b"
    r"|[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}(?:confederation|federation|bureau|authority|bank"
    r"|utility|regulator|association|treasury)\b"
)
_SPEAKER = (
    rf"(?P<speaker>{_PRONOUN}"
    rf"|{_DESCRIBED}"
    rf"|{_JOINT}(?=\s+(?:both\s+|all\s+)?[a-z])"
    rf"|{_DETERMINER}*(?:\d{{4}}\s+)?(?:{_NAMED}\s+)?(?:(?!{_WH}\b)[a-z]+\s+){{0,2}}(?:{_ROLES})"
    rf"(?:\s+(?:by|from|of|at)\s+(?:the\s+)?{_NAMED})?(?:\s+{_NAMED})?{_RELEASED}"
    rf"|{_DETERMINER}?(?:(?:{_NAMED}(?:’s|'s)?\s+)?(?:(?!{_WH}\b)[a-z][\w-]*\s+){{1,3}})?{_NAMED}"
    rf"(?:\s*\([^()]{{1,30}}\))?)"
)
_ADVERBS = (
    r"(?:also|later|then|has|have|had|previously|repeatedly|again|would|will|was|were|is|are|"
    r"reportedly|recently|publicly|once|earlier|further|flatly|firmly|privately|has\s+long|"
    r"had\s+long|even|still|separately|initially|quickly|now|often|just|all|both|"
    r"(?!family\b|early\b)[a-z]{3,}ly|(?:on|last|this|early|late)\s+[A-Z]?[a-z]+)"
)
_CUE = rf"(?P<cue>{_CUES})\b"
_QUOTE = re.compile(r"“[^“”]+”|“[^“”\"]+\"|“[^“”]+$|\"[^\"]+(?:\"|$)|''(?:(?!'').)+(?:''|$)")
_OPEN = "“\"'‘"
_CLOSE = "”\"'’"

# Where a subject may start: the sentence start or a coordinating boundary.
_CLAUSE_START = (
    r"(?:^|(?<=^[\"“])|(?<=^While\s)|(?<=^As\s)|(?<=^When\s)|(?<=^But\s)|(?<=^And\s)|(?<=^Although\s)"
    r"|(?<=^Yet\s)|(?<=[,;:]\s)|(?<=[,;:][”\"’]\s)|(?<=\sas\s)|(?<=\swhile\s)|(?<=\sbut\s)"
    r"|(?<=\sand\s)|(?<=\swhen\s)|(?<=\sbecause\s))"
)
_REPORTED = (
    re.compile(rf"{_CLAUSE_START}{_SPEAKER}(?:,[^,]{{1,120}},)?\s+(?:{_ADVERBS}\s+)*{_CUE}"),
    # "..., one of the family's attorneys, Justin Bamberg, said ..."
    re.compile(rf"(?<=,\s)(?P<speaker>{_NAMED}),\s+(?:{_ADVERBS}\s+)*{_CUE}"),
)
# An apposition or relative clause between speaker and cue: "Quina Jones, 25,
# said", "Mitch McConnell, R-Ky., said", "Mr. Obama, who ..., said".
_APPOSITION = r"(?:,\s+[^,;“”\"]{1,120},)?"
_SPEAKER_CUE = rf"{_SPEAKER}{_APPOSITION}\s+(?:{_ADVERBS}\s+)*{_CUE}"
# After the cue the speaker may be a long description: "said 9/11 widow Terry
# Strada", "said Rep. Joseph Crowley (D-N.Y.)"; not "said Tuesday", "told me".
_NOT_SPEAKER = (
    r"(?:on|in|at|to|as|during|after|before|while|when|because|me|us|him|her|them|it|that|"
    r"reporters|yesterday|today|tonight|last|this|earlier|later|then|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b"
)
_CUE_SPEAKER = (
    rf"{_CUE}\s+(?!{_NOT_SPEAKER})(?P<speaker>(?:[^,;“”\"()]|\([^()]{{1,30}}\)){{2,100}}?)"
    r"(?=\s*(?:,|[.!]?$))"
)
_WHEN = (
    r"(?:\s+(?:on|in|at|during|to|last|this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b[^,;]{0,60})?"
)
# Attribution right after a quotation: ”, he said' or ”, said Mr. Smith'.
_QUOTE_THEN_SPEAKER = tuple(
    re.compile(rf"\s*,?\s*{order}") for order in (_SPEAKER_CUE, _CUE_SPEAKER)
)
# Attribution closing a sentence: ", officials said." or ", said Mr. Smith."
_TRAILING = tuple(
    re.compile(rf",\s+{order}{_WHEN}{tail}\s*[.!]?$")
    for order, tail in ((_SPEAKER_CUE, ""), (_CUE_SPEAKER, r"(?:,\s+[^,;“”\"]{1,150})?"))
)
_ACCORDING_LEAD = re.compile(rf"(?:According|according)\s+to\s+{_SPEAKER}\s*,\s*")
_ACCORDING_TAIL = re.compile(rf",?\s+according\s+to\s+{_SPEAKER}[^,;]{{0,80}}?(?:[.!]?$|,)")
_PARENTHETICAL = re.compile(rf",\s+{_SPEAKER}\s+(?:{_ADVERBS}\s+)*{_CUE}[^,;“”\"]{{0,60}},\s+")
_THAT = re.compile(r"(?:(?!\bthat\b)[^,;“\"]){0,80}?\bthat\s+")
_VIEW_THAT = re.compile(
    r"\s*(?:his|her|their|its|the)\s+(?:[a-z]+\s+)?(?:view|claim|assertion|position|belief|argument|warning)\s+that\s+"
)
# Speech and belief cues whose bare complement is the statement: "Pence says
# too much is made of ...", "Trump said Tuesday the deal was dead".
_BARE_SPEECH = frozenset(
    [
        "said",
        "says",
        "say",
        "claimed",
        "claims",
        "claim",
        "argued",
        "argues",
        "argue",
        "insisted",
        "insists",
        "insist",
        "believes",
        "believe",
        "thinks",
        "think",
        "contended",
        "contends",
        "maintained",
        "maintains",
        "warned",
        "warns",
        "predicted",
        "predicts",
        "wrote",
        "writes",
        "tweeted",
        "estimated",
        "estimates",
        "acknowledged",
        "admitted",
        "admits",
        "conceded",
        "agreed",
        "suggested",
        "suggests",
        "fears",
        "feared",
        "worries",
        "worried",
        "expects",
        "expected",
        "stressed",
        "stressing",
        "saying",
        "arguing",
        "claiming",
        "insisting",
        "noted",
        "notes",
        "announced",
        "declared",
    ]
)
_BARE_CLAUSE = re.compile(
    r"(?:\s+(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|(?:last|this|earlier|late)\s+"
    r"(?:week|month|year|night|morning|weekend|summer|spring|fall|autumn|winter)"
    r"|yesterday|today|tonight|recently|repeatedly|again|also|then|publicly|privately"
    r"|flatly|bluntly|simply))*\s+"
    r"(?!(?:to|so|nothing|something|little|much|in|on|at|of|for|with|by|from|about|during"
    r"|after|before|as|while|when|yes|no|goodbye|hello|hi|thanks|sorry|otherwise|more|less"
    r"|\w+ly)\b)(?=[\w$“\"‘'])"
)
_STANCE = re.compile(
    rf"{_CLAUSE_START}{_SPEAKER}{_APPOSITION}\s+(?:{_ADVERBS}\s+)*(?P<cue>{_STANCE_CUES}|{_CUES})\b"
)
# Cue words learned from annotated news, for the sentences no list above
# attributes: "Sanders pivoted to ...", "Trump knocked ...".
_LEARNED_STANCE = re.compile(
    rf"{_CLAUSE_START}{_SPEAKER}{_APPOSITION}\s+(?:{_ADVERBS}\s+)*(?P<cue>{cues.pattern()})\b"
)
# A subject opening the sentence with several appositions or a dashed aside
# before its cue: "Marley Anderson, 21, a student, said", "Geoff Garin, a pollster
# who works with Priorities USA, a pro-Clinton super PAC, said", "The justice
# -- who has ... -- said".
_LONG_APPOSITION = (
    r"(?:(?:,\s+[^,;:“”\"]{1,100}){2,3},|\s+(?:--|[—–])\s+[^;:“”\"—–]{1,150}?\s+(?:--|[—–]))"
)
_LONG_SUBJECT = (re.compile(rf"^{_SPEAKER}{_LONG_APPOSITION}\s+(?:{_ADVERBS}\s+)*{_CUE}"),)
_LONG_SUBJECT_STANCE = re.compile(
    rf"^{_SPEAKER}{_LONG_APPOSITION}\s+(?:{_ADVERBS}\s+)*"
    rf"(?P<cue>{_STANCE_CUES}|{cues.pattern()})\b"
)
# The source after the cue in the passive: "The meeting was first reported by
# Politico", "As reported by Western Journalism, ...", "has been called
# “strategic ambiguity” by Joshua Hendrick".
_PASSIVE_CUES = "|".join(
    sorted(
        (
            {w for w in f"{_CUES}|{_STANCE_CUES}".split("|") if w.endswith("ed")}
            | {w for w in cues.learned() if w.endswith("ed")}
        )
        - {"asked", "named"},
        key=lambda w: (-len(w), w),
    )
)
_PASSIVE = re.compile(
    r"(?:\b(?:was|were|is|are|be|been|being|[Aa]s)|,)\s+(?:(?:first|also|widely|[a-z]+ly)\s+)?"
    rf"(?P<cue>{_PASSIVE_CUES})(?:\s+(?:“[^“”]{{1,60}}”|\"[^\"]{{1,60}}\"))?\s+by\s+"
    rf"(?P<speaker>(?:the\s+)?{_NAMED})(?=\s*(?:[,.;!]|$|\s+(?:in|on|at|last|this)\b))"
)
# "Said Comey, “...”" (the cue opening the sentence).
_CUE_FIRST = re.compile(rf"(?P<cue>Said|Says|Wrote|Writes|Added|Adds)\s+(?P<speaker>{_NAMED}),\s+")
# A cue coordinated with an earlier verb of the same subject: "Clinton
# celebrated in Florida with supporters and said it was ...", "Mr. Trump was
# forced into damage control and said that ...".
_COORDINATED = (
    re.compile(
        rf"^{_DETERMINER}?(?P<speaker>{_NAMED})\s+(?=[a-z])[^“”\";:]{{1,160}}?,?\s+and\s+"
        rf"(?:{_ADVERBS}\s+)*{_CUE}"
    ),
)
# A participle of a cue after the subject's own clause: "Kasich has won
# endorsements ..., supporting a path to legal status", "Attorneys for Clinton
# opposed the effort, saying in court files that ...".
_PARTICIPLE_CUES = "|".join(
    sorted(
        {w for w in f"{_CUES}|{_STANCE_CUES}".split("|") if w.endswith("ing") and w.isalpha()}
        | {w for w in cues.learned() if w.endswith("ing")},
        key=lambda w: (-len(w), w),
    )
)
_PARTICIPLE = re.compile(
    rf"^(?P<speaker>{_JOINT}|{_DETERMINER}?(?:[a-z][\w-]*\s+){{0,2}}?{_NAMED}{_PARTY})"
    rf"\s+(?=[a-z])[^“”\";:,]{{1,160}},\s+(?P<cue>{_PARTICIPLE_CUES})\b"
)
# "Pat Caddell: Democrat voters worried ..." (headlines), "WALLACE: But ..." (transcripts)
# A phrase of time or place before the subject: "At a fundraiser in New York
# with Barbra Streisand, Clinton called ...".
_INTRODUCED = re.compile(
    r"(?:At|In|On|During|After|Before|Following|Speaking|Since|Earlier|Later|Last|This)\b"
    r"[^;:“”\"]{0,140},\s+$"
)
_HEADLINE_SPEAKER = re.compile(rf"[\"“]?(?P<speaker>{_NAMED}):\s+(?=[\w“\"‘'])")
_NOT_HEADLINE_SPEAKERS = frozenset(
    [
        "update",
        "updated",
        "note",
        "editor's",
        "correction",
        "watch",
        "read",
        "related",
        "photo",
        "photos",
        "video",
        "source",
        "sources",
        "breaking",
        "exclusive",
        "analysis",
        "opinion",
        "editorial",
        "live",
        "listen",
        "q",
        "a",
        "warning",
        "summary",
        "background",
        "context",
        "disclosure",
        "clarification",
    ]
)
_CLAUSE_LIKE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|may|might|did|does|do|not|"
    r"no)\b|\b[A-Z][\w'’.-]*\s+[a-z]+ed\b"
)
# A described speaker and the name in apposition, as a whole sentence part.
_NAMED_DESCRIPTION = re.compile(rf"(?:(?:But|And|Yet)\s+)?(?:{_DESCRIBED}),\s+{_NAMED}")
# After a cue, "its/his/her/their" and more than six words is the statement.
_POSSESSIVE_CLAUSE = re.compile(r"(?:its|his|her|their|our)\s+(?:\S+\s+){6,}\S")
# “...” ― Ariana Huichapa.
_DASH_SPEAKER = re.compile(rf"\s*[―—–]\s*(?P<speaker>{_NAMED})(?:,[^,;“”\"]{{1,100}})?\s*\.?$")
_FOLLOW_ON = re.compile(
    r"\s*,\s*(?:adding|saying|arguing|noting|insisting|claiming|stressing|explaining|warning)\s+(?:that\s+)?"
)
_SENTENCE_SUBJECT = re.compile(
    rf"^(?:[A-Z][a-z]+,\s+)?{_DETERMINER}?(?P<name>{_NAMED})\s+(?:{_ADVERBS}\s+)*[a-z]"
)
_NAME_MENTION = re.compile(_NAMED)
_TITLE_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
_CUE_WORDS = frozenset(w for w in (_CUES + "|" + _STANCE_CUES).split("|") if w.isalpha())
_PERSONAL_OPENER = re.compile(r"(He|She)\s+[a-z]")
_LEADING_WORD = re.compile(r"\s*([A-Za-z]+)\b(?![’'])")
_PRONOUNS = frozenset(["he", "she", "they", "it"])
_PRONOUN_GENDER = {"he": "he", "his": "he", "she": "she", "her": "she"}
_GROUP_PRONOUNS = frozenset(["it", "its", "they", "their"])
# Last words of names of organisations rather than persons ("Tax Foundation").
_ORGANISATION_WORDS = frozenset(
    [
        "foundation",
        "center",
        "centre",
        "institute",
        "committee",
        "party",
        "times",
        "post",
        "news",
        "journal",
        "department",
        "ministry",
        "council",
        "commission",
        "agency",
        "bank",
        "university",
        "college",
        "association",
        "union",
        "office",
        "court",
        "campaign",
        "company",
        "inc.",
        "corp.",
        "corporation",
        "group",
        "administration",
        "service",
        "bureau",
        "fund",
        "network",
        "kremlin",
        "house",
        "senate",
        "congress",
        "parliament",
        "assembly",
        "police",
        "army",
        "navy",
        "force",
        "forces",
        "board",
        "cnn",
        "msnbc",
        "abc",
        "nbc",
        "cbs",
        "reuters",
        "today",
        "tribune",
        "herald",
        "press",
        "review",
        "magazine",
        "gazette",
        "project",
        "alliance",
        "coalition",
        "organization",
        "organisation",
        "federation",
        "league",
        "society",
        "trust",
        "partners",
    ]
)
_GENDERED_TITLES = {"mr.": "he", "mrs.": "she", "ms.": "she", "miss": "she"}
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "some",
        "many",
        "several",
        "senior",
        "top",
        "other",
        "its",
        "his",
        "her",
        "their",
    ]
)
# Days and months: capitalised, never a name ("said on Monday", "In March").
CALENDAR_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_NOT_NAMES = (
    frozenset(
        [
            "the",
            "a",
            "an",
            "i",
            "we",
            "you",
            "he",
            "she",
            "they",
            "it",
            "his",
            "her",
            "their",
            "our",
            "this",
            "that",
            "these",
            "those",
            "there",
            "here",
            "but",
            "and",
            "or",
            "if",
            "while",
            "when",
            "as",
            "still",
            "yet",
            "so",
            "in",
            "on",
            "at",
            "for",
            "to",
            "of",
            "by",
            "with",
            "from",
            "after",
            "before",
            "since",
            "jan.",
            "feb.",
            "aug.",
            "sept.",
            "oct.",
            "nov.",
            "dec.",
        ]
    )
    | CALENDAR_WORDS
)


_FIRST_PERSON = frozenset(["i", "we", "me", "us", "my", "our", "you", "your"])
_NAME_ONLY = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.&-]*)*")
_BARE_TITLES = frozenset(["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president"])
_NOT_OPENING_A_CLAIMANT = frozenset(
    [
        "in",
        "on",
        "at",
        "as",
        "after",
        "before",
        "when",
        "while",
        "if",
        "who",
        "that",
        "this",
        "here",
        "there",
        "does",
        "did",
        "do",
        "is",
        "was",
        "among",
        "despite",
        "during",
        "since",
        "though",
        "although",
        "because",
        "so",
        "but",
        "and",
        "or",
        "yet",
        "to",
        "of",
        "for",
        "by",
        "with",
        "from",
        "into",
        "about",
        "than",
    ]
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement found in a sentence, with the span it came from."""

    start: int  # the segment of the sentence the statement came from
    end: int
    content_start: int  # the statement's own words within it
    content_end: int
    quoted: bool  # the content is verbatim quotation
    claimant: str | None
    cue: str | None
    reasons: tuple[str, ...]
    # The name a leading pronoun of the content stands for ("he" -> the person
    # reported; "I" in a quotation -> its speaker), or None.
    referent: str | None = None


@dataclass(slots=True)
class Discourse:
    """What earlier sentences of the article said about who is who."""

    publisher: str | None = None
    full_names: dict[str, str] = field(default_factory=dict)  # surname -> full name
    titles: dict[str, set[str]] = field(default_factory=dict)  # full name -> titles seen
    person: str | None = None  # the person "he" or "she" most likely refers to
    group: str | None = None  # the group or organisation "they" or "it" refers to
    quote_speaker: str | None = None  # speaker of the last attributed quotation
    quote_paragraph: int = -1
    turn_speaker: str | None = None  # speaker of a transcript turn ("PENCE: ...")
    turn_paragraph: int = -1
    people: set[str] = field(default_factory=set)  # names known to be persons
    pronouns: dict[str, str] = field(default_factory=dict)  # person -> "he" or "she"
    named: resolver.Named = field(default_factory=resolver.Named)  # organisations, role holders
    # "he" or "she" from titles and sentence openers, not from resolving a pronoun
    # (which would only repeat a guess).
    genders: dict[str, str] = field(default_factory=dict)
    confirmed: str | None = None  # the person the last sentence was about, if known
    order: list[str] = field(default_factory=list)  # persons, last mentioned last

    def learn(self, sentence: str, speakers: frozenset[str] = frozenset()) -> None:
        opener = _PERSONAL_OPENER.match(sentence)
        if opener and self.person:
            self.pronouns.setdefault(self.person, opener.group(1).lower())
            # Only right after a sentence about that person: "She can't ..."
            # inside a quotation that named someone else says nothing of them.
            if self.person == self.confirmed:
                self.genders.setdefault(self.person, opener.group(1).lower())
        for match in _NAME_MENTION.finditer(sentence):
            organisation = resolver.organisation_name(match.group())
            if organisation:
                self.named.add_organisation(*organisation)
            else:
                self._register(match.group())
        subject = _SENTENCE_SUBJECT.match(sentence)
        name = self._person_name(subject.group("name")) if subject else None
        if name:
            self.person = name
        self.confirmed = self.person if self.person in speakers or name else None

    def _register(self, phrase: str) -> str | None:
        words = phrase.split()
        titles = set()
        while len(words) > 1 and words[0].lower() in _TITLES:
            titles.add(words.pop(0).lower())
            if len(words) > 2 and words[0] == "of":
                words = words[2:]
        # "Oversight Chairman Jason Chaffetz", "Secretary of State John Kerry":
        # the name follows the last title of a person.
        for i in range(len(words) - 2, -1, -1):
            if words[i].lower() in _PERSON_TITLES:
                titles.add(words[i].lower())
                words = words[i + 1 :]
                if len(words) > 2 and words[0] == "of":
                    words = words[2:]
                break
        words = [w for w in words if w.lower() not in _NOT_NAMES]
        if not words:
            return None
        name = " ".join(words)
        surname = words[-1]
        known = self.full_names.get(surname)
        if len(words) > 1 or titles:
            if known is None or (len(name) > len(known) and name.endswith(known)):
                self.full_names[surname] = name
            self.titles.setdefault(self.full_names[surname], set()).update(titles)
            for title in titles & _GENDERED_TITLES.keys():
                self.pronouns.setdefault(self.full_names[surname], _GENDERED_TITLES[title])
                self.genders.setdefault(self.full_names[surname], _GENDERED_TITLES[title])
        return self.full_names.get(surname, name)

    def _person_name(self, phrase: str) -> str | None:
        words = phrase.split()
        if not words or words[0].lower() in _NOT_NAMES and len(words) == 1:
            return None
        # "The General Workers' Union", "South Africa's": not persons; "Trump's"
        # is when Trump is.
        if resolver.organisation_name(phrase):
            return None
        if words[-1].endswith(("’s", "'s")) and not self._may_be_person(phrase):
            return None
        name = self._register(phrase)
        # A single unknown capitalised word is more likely a place or a group.
        if name and (" " in name or name in self.titles):
            self.people.add(name)
            self.order = [p for p in self.order if p != name] + [name]
            return name
        return None

    def is_person(self, name: str | None) -> bool:
        return (
            name is not None
            and name in self.people
            and name.rsplit(" ", 1)[-1].lower() not in _ORGANISATION_WORDS
        )

    def fits(self, name: str, pronoun: str) -> bool:
        """May "he"/"she" (or "his"/"her") refer to this person?"""
        known = self.pronouns.get(name)
        return known is None or known == _PRONOUN_GENDER[pronoun]

    def resolve(self, speaker: str, apposition: str = "") -> tuple[str | None, tuple[str, ...]]:
        """Claimant for a speaker phrase (and the apposition between it and the
        cue: ", Joseph Mwangale,"), and how it was found."""
        bare = re.sub(r"\s*\([^()]*\)", "", speaker).strip()
        apposed = resolver.apposed_name(apposition)
        # Only a description takes the name after it ("The bank's governor,
        # Joseph Mwangale,"); "Mitch McConnell, R-Ky.," is named already.
        if apposed and bare.rsplit(" ", 1)[-1].islower() and bare.lower() not in _PRONOUNS:
            return self._apposed(bare, apposed), ()
        last = bare.rsplit(" ", 1)[-1]
        if last.endswith(".") and last.count(".") == 1 and len(last) > 4:
            bare = bare[:-1]  # the sentence's full stop, not an abbreviation
        lowered = bare.lower()
        if " and " in bare and (joint := self._joint_names(bare)):
            return ", ".join(joint[:-1]) + " and " + joint[-1], ()
        if lowered in ("he", "she"):
            person = self._fitting_person(lowered)
            if person:
                self.pronouns.setdefault(person, lowered)
            return person, ("pronoun",)
        if lowered in ("they", "it"):
            return self.group or self.person, ("pronoun",)
        organisation = resolver.organisation_name(bare) or resolver.described_name(bare)
        if organisation:
            self.named.add_organisation(*organisation)
            self.group = organisation[0]
            return organisation[0], ()
        # A person named anywhere in the phrase is the speaker:
        # "Kremlin spokesman Dmitry Peskov", "said 9/11 widow Terry Strada".
        for mention in _NAME_MENTION.finditer(bare):
            organisation = resolver.organisation_name(mention.group())
            if organisation:  # "A Government Accountability Office report"
                self.named.add_organisation(*organisation)
                self.group = organisation[0]
                return organisation[0], ()
            name = self._person_name(mention.group())
            if name:
                self.person = name
                return name, ()
        words = bare.split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        if not words:
            return None, ()
        if not any(w[:1].isupper() for w in words):
            by_title = self._by_title(words)
            if by_title:
                return by_title, ("title",)
            described = resolver.describe(bare, self.named, self.person, self._owner, self.titles)
            if described:
                return described, ("description",)
            if lowered.split()[0] in _PRONOUN_GENDER:
                return None, ("pronoun",)  # "his office" of nobody known: not a guess
        group = " ".join(words)
        if len(words) == 1 and words[0][:1].isupper():
            group = self.full_names.get(group, group)
        self.group = group
        return group, ()

    def _fitting_person(self, pronoun: str) -> str | None:
        """The person "he" or "she" refers to: the salient person unless known to
        be of the other gender, then the last person known to be of this one; None
        when nobody is (the claimant is then unknown rather than guessed)."""
        if self.person is None or self.genders.get(self.person, pronoun) == pronoun:
            return self.person
        for name in reversed(self.order):
            if self.genders.get(name) == pronoun:
                self.person = name
                return name
        return None

    def _owner(self, pronoun: str) -> str | None:
        """Whom "his" or "her" refers to: the salient person when nothing says
        otherwise, else the last person known to be of that gender, else None."""
        gender = _PRONOUN_GENDER[pronoun]
        salient = self.person
        if salient and self.fits(salient, pronoun) and self.genders.get(salient, gender) == gender:
            return salient
        for name in reversed(self.order):
            if self.genders.get(name, self.pronouns.get(name)) == gender:
                return name
        return None

    def _may_be_person(self, possessive: str) -> bool:
        """Is the name known as a person's, or titled as one ("Mrs. Clinton's")?"""
        words = possessive.split()
        known = self.full_names.get(words[-1][:-2])
        return (known is not None and " " in known) or (
            len(words) > 1 and words[0].lower() in _PERSON_TITLES
        )

    def _apposed(self, description: str, name: str) -> str:
        """ "The central bank's governor, Joseph Mwangale," names the speaker;
        "the country's largest trade union confederation, Birlik-Is," an
        organisation."""
        head = resolver.head_noun(description.split())
        organisation = resolver.organisation_name(name)
        if organisation or head in resolver.ORGANISATION_HEADS:
            self.named.add_organisation(name, organisation[1] if organisation else head)
            self.group = name
            return name
        person = self._person_name(name) or self.full_names.get(name, name)
        resolver.remember_role(self.named, description, person)
        self.person = person
        return person

    def _joint_names(self, phrase: str) -> list[str]:
        names = []
        for part in re.split(r",\s+(?:and\s+)?|\s+and\s+", phrase):
            words = [w for w in part.split() if w.lower() not in _NOT_NAMES]
            if not words or not words[-1][:1].isupper():
                return []
            name = self._register(" ".join(words)) or " ".join(words)
            names.append(self.full_names.get(name, name))
        return names

    def _by_title(self, words: list[str]) -> str | None:
        # "the president" refers to the salient person if that is their title.
        if self.person and words and words[-1].lower() in self.titles.get(self.person, set()):
            return self.person
        return None


def attribute(
    text: str, start: int, end: int, paragraph: int, discourse: Discourse
) -> list[Statement]:
    """Statements of the sentence text[start:end], updating the discourse memory."""
    sentence = _headline_cues(text[start:end])
    found = (
        _quote_first(sentence, discourse)
        or _according_to(sentence, discourse)
        or _trailing(sentence, discourse)
        or _parenthetical(sentence, discourse)
        or _reported(sentence, discourse)
        or _headline_speaker(sentence, paragraph, discourse)
        or _continued_quote(sentence, paragraph, discourse)
        or _signature(sentence, discourse)
        or _turn(sentence, paragraph, discourse)
        or _passive(sentence, discourse)
        or _stance(sentence, discourse)
        or _stance(sentence, discourse, _LEARNED_STANCE)
        or _reported(sentence, discourse, _LONG_SUBJECT)
        or _reported(sentence, discourse, _COORDINATED)
        or _stance(sentence, discourse, _LONG_SUBJECT_STANCE)
        or _participle(sentence, discourse)
        or [_own(0, len(sentence), discourse)]
    )
    found = [_without_implausible_claimant(s, discourse) for s in found]
    speakers = [s.claimant for s in found if s.quoted and s.claimant]
    if speakers:
        discourse.quote_speaker = speakers[0]
        discourse.quote_paragraph = paragraph
    referents = [_referent(sentence, s, discourse) for s in found]
    discourse.learn(sentence, frozenset(s.claimant for s in found if s.claimant))
    # Patterns work on the sentence alone; shift back to offsets in `text`.
    return [
        Statement(
            s.start + start,
            s.end + start,
            s.content_start + start,
            s.content_end + start,
            s.quoted,
            s.claimant,
            s.cue,
            s.reasons,
            referent,
        )
        for s, referent in zip(found, referents, strict=True)
    ]


def _without_implausible_claimant(statement: Statement, discourse: Discourse) -> Statement:
    """No claimant rather than a phrase that cannot be one: a first-person
    pronoun ("I", "and I" from words inside a quotation), a bare title (a
    "said Ms." the sentence splitter cut from the name) or a phrase opened by
    a preposition or conjunction ("on Sunday", "In a statement released
    Thursday"), unless a name follows it ("As Politico" -> "Politico")."""
    claimant = statement.claimant
    if not claimant or "publisher" in statement.reasons:
        return statement
    words = claimant.split()
    if _FIRST_PERSON.intersection(w.lower() for w in words) or (
        len(words) == 1 and words[0].lower().rstrip(".") in _BARE_TITLES
    ):
        return replace(statement, claimant=None, reasons=(), cue=None)
    if words[0].lower() not in _NOT_OPENING_A_CLAIMANT:
        return statement
    while words and words[0].lower() in _NOT_OPENING_A_CLAIMANT:
        words.pop(0)
    name = " ".join(words)
    if not words or not _NAME_ONLY.fullmatch(name) or words[-1].lower() in _NOT_NAMES:
        return replace(statement, claimant=None, reasons=(), cue=None)
    known = discourse.full_names.get(name, name)
    if known.split()[0].lower() in _NOT_OPENING_A_CLAIMANT:  # "Does Rubio" taken for a name
        known = name
    return replace(statement, claimant=known)


def join_quotations(
    text: str, sentences: list[tuple[int, int, int, list[Statement]]]
) -> list[Statement]:
    """The statements of all sentences, (start, end, paragraph, statements) each,
    with a quotation that runs over several sentences of a paragraph made one
    statement of its speaker: “A. B. C.” ― X, and X said: “A. B. C.”, where the
    sentence splitter cut the quotation and only one piece names the speaker."""
    out: list[Statement] = []
    i = 0
    while i < len(sentences):
        j = i
        inside = _quote_state(text[sentences[i][0] : sentences[i][1]], False)
        while (
            inside
            and j + 1 < len(sentences)
            and sentences[j + 1][2] == sentences[i][2]
            and not _opens_afresh(text, sentences[j + 1][0])
        ):
            j += 1
            inside = _quote_state(text[sentences[j][0] : sentences[j][1]], inside)
        if _is_signature(sentences, j + 1, sentences[i][2]) and text[
            sentences[i][0] : sentences[j][1]
        ].rstrip(" .").endswith(("”", '"')):
            j += 1
        joined = _joined(text, sentences[i : j + 1]) if j > i else None
        if joined:
            out += joined
        else:
            for _, _, _, statements in sentences[i : j + 1]:
                out += statements
        i = j + 1
    return out


def _is_signature(
    sentences: list[tuple[int, int, int, list[Statement]]], n: int, paragraph: int
) -> bool:
    if n >= len(sentences) or sentences[n][2] != paragraph or len(sentences[n][3]) != 1:
        return False
    statement = sentences[n][3][0]
    return statement.cue == "―" and statement.content_start == statement.content_end


def _opens_afresh(text: str, position: int) -> bool:
    """A sentence that opens a new quotation ends the one before."""
    return text[position : position + 1] in "“‘"


def _quote_state(sentence: str, inside: bool) -> bool:
    """Is a quotation still open after this sentence (given whether it was before)?"""
    depth = 1 if inside else 0
    for char in sentence:
        if char == "“":
            depth = 1
        elif char == "”":
            depth = 1 if sentence.lstrip().startswith("”") and depth == 0 else 0
        elif char == '"':
            depth = 1 - depth
    return depth > 0


def _joined(text: str, run: list[tuple[int, int, int, list[Statement]]]) -> list[Statement] | None:
    speakers = [
        (n, s)
        for n, (_, _, _, statements) in enumerate(run)
        for s in statements
        if s.quoted and s.claimant and "publisher" not in s.reasons
    ]
    if speakers and speakers[-1][1].content_start == speakers[-1][1].content_end:
        # A signature names the speaker of all the quoted words above it,
        # "X said" among them, whoever spoke the quotation before that.
        speakers = [(len(run) - 1, speakers[-1][1])]
        run = [(a, b, c, [_unattributed(s) for s in st]) for a, b, c, st in run[:-1]] + run[-1:]
    if len(speakers) != 1 or speakers[0][0] not in (0, len(run) - 1):
        return None
    at, quoted = speakers[0]
    others = [s for n, (_, _, _, statements) in enumerate(run) if n != at for s in statements]
    if any(s.claimant and "publisher" not in s.reasons for s in others):
        return None  # another speaker inside: leave the sentences as they are
    if at == 0:  # X said: “A. / B. / C.”
        start, end = quoted.start, run[-1][1]
        content_start, content_end = quoted.content_start, _quote_end(text, run[-1][0], end)
    else:  # “A. / B. / C.” ― X
        start, end = run[0][0], quoted.end
        content_start, content_end = _skip_marks(text, run[0][0]), quoted.content_end
        if quoted.content_start == quoted.content_end:  # “A. B.” / ― X
            content_end = _quote_end(text, run[-2][0], run[-2][1])
    merged = Statement(
        start,
        end,
        content_start,
        content_end,
        True,
        quoted.claimant,
        quoted.cue,
        quoted.reasons,
        quoted.referent,
    )
    rest = [s for s in run[at][3] if s is not quoted]
    return sorted([merged, *rest], key=lambda s: s.start)


def _unattributed(statement: Statement) -> Statement:
    return Statement(
        statement.start,
        statement.end,
        statement.content_start,
        statement.content_end,
        False,
        None,
        None,
        (),
    )


def _skip_marks(text: str, position: int) -> int:
    while position < len(text) and text[position] in "“”\"‘’' ":
        position += 1
    return position


def _quote_end(text: str, start: int, end: int) -> int:
    """End of the quoted words of a sentence that closes a quotation."""
    close = max(text.rfind(mark, start, end) for mark in '”"')
    if close > start:
        end = close
    while end > start and text[end - 1] in " ,":
        end -= 1
    return end


def _headline_cues(sentence: str) -> str:
    """A title-case headline with its cue words in lower case, so that the
    patterns read "Chris Christie Calls Hillary Clinton ‘A Disgrace’" and
    "Clean Energy Could Help, Lindsey Graham Says" (same length, same offsets)."""
    words = _TITLE_WORD.findall(sentence)
    if len(words) < 4 or sum(w[:1].isupper() for w in words) < 0.7 * len(words):
        return sentence
    return _TITLE_WORD.sub(
        lambda m: m.group().lower() if m.group().lower() in _CUE_WORDS else m.group(), sentence
    )


def _referent(sentence: str, statement: Statement, discourse: Discourse) -> str | None:
    """Who a leading pronoun of the statement's content refers to, if that is safe
    to say: "Putin said he ..." -> Putin; "The Kremlin said it ..." -> the Kremlin;
    "He has ruled ..." (the writer's own) -> the person the article is about;
    “I ...,” Putin said -> Putin. None when nobody fits."""
    claimant = statement.claimant
    named = claimant is not None and "publisher" not in statement.reasons
    if statement.quoted:
        # Speakers quoted in the first person: the text names them instead.
        return _display(sentence, claimant) if named else None
    first = _LEADING_WORD.match(sentence, statement.content_start)
    if not first:
        return None
    word = first.group(1).lower()
    if word in _PRONOUN_GENDER:
        if named and discourse.is_person(claimant):
            return claimant if discourse.fits(claimant, word) else None
        if named and " " not in claimant and claimant[:1].isupper():
            return None  # "Smith said he ...": perhaps a person not yet known as one
        person = discourse.person
        return person if person and discourse.fits(person, word) else None
    # "it" for an organisation, "they" for a plural group.
    if (
        word in _GROUP_PRONOUNS
        and named
        and not discourse.is_person(claimant)
        and (word in ("it", "its")) != claimant.endswith("s")
    ):
        return _display(sentence, claimant)
    return None


def _display(sentence: str, name: str) -> str:
    """The name as the sentence writes it: "the Kremlin", "Vladimir Putin"."""
    if re.search(rf"\b[Tt]he\s+{re.escape(name)}", sentence) and not name[:1].islower():
        return f"the {name}"
    return name


def _own(start: int, end: int, discourse: Discourse) -> Statement:
    """The publisher's own reporting."""
    claimant = discourse.publisher
    return Statement(
        start, end, start, end, False, claimant, None, ("publisher",) if claimant else ()
    )


def _quote_first(sentence: str, discourse: Discourse) -> list[Statement]:
    """“Quote,” X said[, adding that ...].  Also: Words “quoted,” X said."""
    for quote in _QUOTE.finditer(sentence):
        tail = _first(_QUOTE_THEN_SPEAKER, "match", sentence, quote.end())
        # Only ',” he said' or '!” he said' attributes the quote; in
        # '“many provisions” it found acceptable' the words run on.
        # (A space may stand before the closing mark: '..., " Trump said'.)
        closing = sentence[quote.start() : quote.end()].rstrip(_CLOSE).rstrip()[-1:]
        if tail and (closing in ",?!—" or tail.group().lstrip().startswith(",")):
            break
    else:
        return []
    claimant, how = discourse.resolve(tail.group("speaker"), _apposition(sentence, tail))
    cue = tail.group("cue")
    q_start, q_end = _inner(sentence, quote.start(), quote.end())
    # A quotation led by the writer's own words is a statement, not verbatim.
    whole_quote = quote.start() == 0
    if not whole_quote:
        q_start = 0
    follow = _FOLLOW_ON.match(sentence, _clause_end(sentence, tail.end()))
    first_end = follow.start() if follow else len(sentence)
    statements = [
        Statement(
            0,
            _trim_end(sentence, first_end),
            q_start,
            q_end,
            whole_quote,
            claimant,
            cue,
            ("attributed_quote" if whole_quote else "reported_speech",) + how,
        )
    ]
    if follow:
        statements += _pieces(
            sentence, follow.start() + 1, follow.end(), claimant, cue, ("reported_speech",) + how
        )
    return statements


def _parenthetical(sentence: str, discourse: Discourse) -> list[Statement]:
    """Statement, X said, continues."""
    middle = _PARENTHETICAL.search(sentence)
    if not middle or middle.start() < 10:
        return []
    claimant, how = discourse.resolve(middle.group("speaker"))
    return [
        Statement(
            0,
            len(sentence),
            0,
            len(sentence),
            False,
            claimant,
            middle.group("cue"),
            ("reported_speech",) + how,
        )
    ]


def _according_to(sentence: str, discourse: Discourse) -> list[Statement]:
    lead = _ACCORDING_LEAD.match(sentence)
    if lead:
        claimant, how = discourse.resolve(lead.group("speaker"))
        return [
            Statement(
                0,
                len(sentence),
                lead.end(),
                len(sentence),
                False,
                claimant,
                "according to",
                ("according_to",) + how,
            )
        ]
    tail = _ACCORDING_TAIL.search(sentence)
    if tail:
        claimant, how = discourse.resolve(tail.group("speaker"))
        if not tail.group().endswith(","):
            return [
                Statement(
                    0,
                    len(sentence),
                    0,
                    tail.start(),
                    False,
                    claimant,
                    "according to",
                    ("according_to",) + how,
                )
            ]
        return [
            Statement(
                0,
                len(sentence),
                0,
                len(sentence),
                False,
                claimant,
                "according to",
                ("according_to",) + how,
            )
        ]
    return []


def _trailing(sentence: str, discourse: Discourse) -> list[Statement]:
    """Statement, X said."""
    tail = _first(_TRAILING, "search", sentence, 0)
    if not tail or tail.start() < 15:
        return _dash_speaker(sentence, discourse)
    if _NAMED_DESCRIPTION.fullmatch(sentence, 0, tail.start()):
        return []  # "The council's secretary, Joanne Pike, said ...": the speaker leads
    claimant, how = discourse.resolve(tail.group("speaker"), _apposition(sentence, tail))
    content_start, content_end, quoted = 0, tail.start(), False
    quote = _QUOTE.fullmatch(sentence, 0, _after_quote_close(sentence, tail.start()))
    if quote:
        content_start, content_end = _inner(sentence, quote.start(), quote.end())
        quoted = True
    reasons = ("attributed_quote" if quoted else "reported_speech",) + how
    return [
        Statement(
            0,
            len(sentence),
            content_start,
            content_end,
            quoted,
            claimant,
            tail.group("cue"),
            reasons,
        )
    ]


def _reported(
    sentence: str, discourse: Discourse, patterns: tuple[re.Pattern, ...] = _REPORTED
) -> list[Statement]:
    """X said (that) ...; X claimed that A and that B; X said “...”."""
    matches = sorted(
        (m for pattern in patterns for m in pattern.finditer(sentence)), key=lambda m: m.start()
    )
    for match in matches:
        after = match.end()
        gap = len(sentence[after:]) - len(sentence[after:].lstrip(" ,:"))
        quote = _QUOTE.match(sentence, after + gap)
        that = _VIEW_THAT.match(sentence, after) or _THAT.match(sentence, after)
        cue = match.group("cue")
        if quote:
            content_start = quote.start()
        elif that:
            content_start = that.end()
        elif cue in _BARE_SPEECH and (bare := _BARE_CLAUSE.match(sentence, after)):
            content_start = bare.end()
        elif cue not in _NO_BARE_CLAUSE and _CLAUSE_OPENER.match(sentence, after):
            content_start = after + 1
        else:
            continue
        claimant, how = discourse.resolve(match.group("speaker"), _apposition(sentence, match))
        lead = _coordinate_lead(sentence, match.start())
        statements = [_own(0, lead, discourse)] if lead else []
        segment_start = match.start() if lead else 0
        if quote:
            q_start, q_end = _inner(sentence, quote.start(), quote.end())
            statements.append(
                Statement(
                    segment_start,
                    len(sentence),
                    q_start,
                    q_end,
                    True,
                    claimant,
                    cue,
                    ("attributed_quote",) + how,
                )
            )
        else:
            statements += _pieces(
                sentence, segment_start, content_start, claimant, cue, ("reported_speech",) + how
            )
        return statements
    return []


def _pieces(
    sentence: str,
    segment_start: int,
    content_start: int,
    claimant: str | None,
    cue: str,
    reasons: tuple[str, ...],
) -> list[Statement]:
    """One statement per claim of reported speech starting at content_start."""
    pieces = compound.split(sentence, content_start, len(sentence))
    statements = []
    for n, (p_start, p_end, c_start, c_end) in enumerate(pieces):
        seg_start = _skip_space(sentence, segment_start) if n == 0 else p_start
        statements.append(
            Statement(
                seg_start,
                _trim_end(sentence, p_end),
                c_start,
                _trim_end(sentence, c_end),
                False,
                claimant,
                compound.joint_cue(sentence, p_start, c_start) or cue,
                reasons,
            )
        )
    return statements


def _continued_quote(sentence: str, paragraph: int, discourse: Discourse) -> list[Statement]:
    """A quotation standing alone right after another by a known speaker."""
    quote = _QUOTE.fullmatch(sentence.rstrip("."))
    if not quote or not discourse.quote_speaker or paragraph - discourse.quote_paragraph > 1:
        return []
    q_start, q_end = _inner(sentence, quote.start(), quote.end())
    return [
        Statement(
            0,
            len(sentence),
            q_start,
            q_end,
            True,
            discourse.quote_speaker,
            None,
            ("continued_quote",),
        )
    ]


def _first(
    patterns: tuple[re.Pattern, ...], method: str, sentence: str, position: int
) -> re.Match | None:
    for pattern in patterns:
        match = getattr(pattern, method)(sentence, position)
        if match and _plausible_speaker(match):
            return match
    return None


def _apposition(sentence: str, match: re.Match) -> str:
    """What stands between a speaker and its cue (", Joseph Mwangale, ")."""
    if match.start("speaker") > match.start("cue"):
        return ""
    return sentence[match.end("speaker") : match.start("cue")]


def _plausible_speaker(match: re.Match) -> bool:
    """A speaker named after the cue is a noun phrase, not a clause: not
    "said Clinton reached out ..." or "said no decision had been made"."""
    if match.start("speaker") < match.start("cue"):
        return True
    if match.group("cue").endswith("ing"):  # ", suggesting elements align ..."
        return False
    speaker = match.group("speaker")
    if _POSSESSIVE_CLAUSE.match(speaker):  # "said its own survey put inflation at 44 percent"
        return False
    return len(speaker.split()) <= 12 and not _CLAUSE_LIKE.search(speaker)


def _coordinate_lead(sentence: str, speaker_start: int) -> int | None:
    """End of an independent clause before ", and X said that ..." (else None)."""
    match = re.search(r"(?:,\s+and|;)\s+$", sentence[:speaker_start])
    if match and len(sentence[: match.start()].split()) >= 4:
        return match.start()
    return None


def _clause_end(sentence: str, position: int) -> int:
    comma = sentence.find(",", position)
    return comma if comma >= 0 else len(sentence)


def _after_quote_close(sentence: str, position: int) -> int:
    return position + 1 if position < len(sentence) and sentence[position] in _CLOSE else position


def _inner(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words: inside the marks, without the comma before ," he said."""
    while start < end and sentence[start] in _OPEN:
        start += 1
    while end > start and sentence[end - 1] in _CLOSE:
        end -= 1
    while end > start and sentence[end - 1] in ", ":
        end -= 1
    return start, end


def _skip_space(sentence: str, position: int) -> int:
    while position < len(sentence) and sentence[position] in " ,":
        position += 1
    return position


def _trim_end(sentence: str, end: int) -> int:
    while end > 0 and sentence[end - 1] in " ,;":
        end -= 1
    return end


def _stance(sentence: str, discourse: Discourse, pattern: re.Pattern = _STANCE) -> list[Statement]:
    """X wants / called ... / pledged to ... / has also questioned ...: the
    sentence states X's position, so X is its claimant."""
    match = pattern.search(sentence)
    if not match or (match.start() > 60 and not _INTRODUCED.match(sentence[: match.start()])):
        return []
    claimant, how = discourse.resolve(match.group("speaker"), _apposition(sentence, match))
    if not claimant:
        return []
    lead = _coordinate_lead(sentence, match.start())
    statements = [_own(0, lead, discourse)] if lead else []
    segment_start = match.start() if lead else 0
    return statements + [
        Statement(
            segment_start,
            len(sentence),
            segment_start,
            len(sentence),
            False,
            claimant,
            match.group("cue"),
            ("stance",) + how,
        )
    ]


def _participle(sentence: str, discourse: Discourse) -> list[Statement]:
    """Subject's clause, cue-ing ...: the subject must be a name the article has
    used in full, not any capitalised first word ("Prices rose, suggesting ...")."""
    match = _PARTICIPLE.match(sentence)
    if not match:
        return []
    speaker = match.group("speaker").split()
    if len(speaker) == 1 and speaker[0] not in discourse.full_names:
        return []
    return _stance(sentence, discourse, _PARTICIPLE)


def _passive(sentence: str, discourse: Discourse) -> list[Statement]:
    """A source named after the cue: "... was first reported by Politico",
    "Said Comey, “...”": the sentence is the source's."""
    match = _CUE_FIRST.match(sentence) or _PASSIVE.search(sentence)
    if not match:
        return []
    claimant, how = discourse.resolve(match.group("speaker"))
    if not claimant:
        return []
    cue = match.group("cue").lower()
    start = match.end() if match.re is _CUE_FIRST else 0
    quoted = _QUOTE.fullmatch(sentence.rstrip(), start) if start else None
    if quoted:
        start, end = _inner(sentence, quoted.start(), quoted.end())
        return [
            Statement(
                0, len(sentence), start, end, True, claimant, cue, ("attributed_quote",) + how
            )
        ]
    return [
        Statement(
            0, len(sentence), start, len(sentence), False, claimant, cue, ("reported_speech",) + how
        )
    ]


def _turn(sentence: str, paragraph: int, discourse: Discourse) -> list[Statement]:
    """The rest of a transcript turn ("PENCE: Well, look, ... . But ...")."""
    if not discourse.turn_speaker or discourse.turn_paragraph != paragraph:
        return []
    return [
        Statement(
            0,
            len(sentence),
            0,
            len(sentence),
            False,
            discourse.turn_speaker,
            ":",
            ("reported_speech",),
        )
    ]


def _headline_speaker(sentence: str, paragraph: int, discourse: Discourse) -> list[Statement]:
    """Name: statement (a headline or a transcript turn)."""
    match = _HEADLINE_SPEAKER.match(sentence)
    if not match:
        return []
    speaker = match.group("speaker")
    words = speaker.split()
    if len(words) > 4 or " ".join(words).lower() in _NOT_HEADLINE_SPEAKERS:
        return []
    if len(words) == 1:
        if speaker.lower() in _NOT_NAMES or len(speaker) < 3:
            return []
        name = speaker.title() if speaker.isupper() and len(speaker) > 4 else speaker
        claimant, how = discourse.full_names.get(name, name), ()
    else:
        claimant, how = discourse._person_name(speaker), ()
        if not claimant:
            return []
    discourse.turn_speaker, discourse.turn_paragraph = claimant, paragraph
    return [
        Statement(
            0,
            len(sentence),
            match.end(),
            len(sentence),
            False,
            claimant,
            ":",
            ("reported_speech",) + how,
        )
    ]


def _signature(sentence: str, discourse: Discourse) -> list[Statement]:
    """'― X' on its own: the signature of the quotation before it (see
    join_quotations); the statement holds no words of its own."""
    dash = _DASH_SPEAKER.match(sentence)
    if not dash:
        return []
    claimant, how = discourse.resolve(dash.group("speaker"))
    if not claimant:
        return []
    return [Statement(0, len(sentence), 0, 0, True, claimant, "―", ("attributed_quote",) + how)]


def _dash_speaker(sentence: str, discourse: Discourse) -> list[Statement]:
    """“Quotation.” ― Name (a quotation signed with a dash)."""
    dash = _DASH_SPEAKER.search(sentence)
    if not dash:
        return []
    quote = _QUOTE.fullmatch(sentence, 0, _after_quote_close(sentence, dash.start()))
    if not quote:
        quote = _QUOTE.fullmatch(sentence.rstrip(), 0, dash.start())
    if quote:
        q_start, q_end = _inner(sentence, quote.start(), quote.end())
    else:
        # The last sentence of a quotation the splitter cut: 'C.” ― X'.
        words = sentence[: dash.start()].rstrip()
        if not words.endswith(("”", '"')) or any(mark in words[:-1] for mark in '“”"'):
            return []
        q_start, q_end = _inner(sentence, 0, len(words))
    claimant, how = discourse.resolve(dash.group("speaker"))
    return [
        Statement(
            0, len(sentence), q_start, q_end, True, claimant, "―", ("attributed_quote",) + how
        )
    ]
