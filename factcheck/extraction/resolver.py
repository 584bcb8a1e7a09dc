"""Name the organisation or person a description stands for.

Wire copy names a source once and then describes it: "The General Workers'
Union disputed ..." then "the union said", "the country's largest union";
"The central bank's governor, Joseph Mwangale, said" then "the bank's
governor told"; "Labour Minister Helena Quaresma" then "her government".
These functions keep what was named (organisations with the noun they are
described by, and who holds which role) and turn a later description into
the name. Choices:

- a possessive pronoun before an institution names its holder:
  "her government" -> "Helena Quaresma’s government" (the person is named;
  the country is not guessed from the text);
- a role of an organisation without a named holder speaks for it:
  "the ministry's spokesman" -> the ministry named before, or the minister's
  ministry ("Lucía Barredo’s ministry") when only a minister was named;
- a description that matches nothing named before takes the name of the one
  organisation of the same kind the article names later, if there is one
  ("the statistics office said" before "the Kenya National Bureau of
  Statistics"), else is left as written;
- "his"/"her" before an institution when nobody known fits gives no claimant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Last words (or the word before "of") of organisation names.
ORGANISATION_HEADS = frozenset(
    [
        "agency",
        "alliance",
        "association",
        "authority",
        "bank",
        "board",
        "bureau",
        "center",
        "centre",
        "chamber",
        "coalition",
        "college",
        "commission",
        "committee",
        "company",
        "confederation",
        "congress",
        "corporation",
        "council",
        "court",
        "department",
        "federation",
        "foundation",
        "fund",
        "group",
        "institute",
        "league",
        "ministry",
        "office",
        "organisation",
        "organization",
        "party",
        "service",
        "society",
        "treasury",
        "union",
        "university",
        "utility",
    ]
)
# Possessors that describe rather than own: "the country's largest union".
_PLACE_WORDS = frozenset(["country", "nation", "state", "city", "region", "world", "continent"])
# The institution a title heads: "the ministry's spokesman" when only a
# minister was named.
_INSTITUTION_OF_TITLE = {
    "ministry": ("minister",),
    "government": ("minister", "president", "premier", "chancellor"),
    "department": ("secretary",),
    "administration": ("president",),
}
_POSSESSIVE = re.compile(r"^(.*?)(?:’s|'s|’|')$")
_JOINERS = frozenset(["of", "for", "and", "&", "de", "the"])
_DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "our"])
_PERSONAL = {"his": "he", "her": "she"}
_APPOSED = re.compile(r",\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),(?:\s|$)")
_NAME_RUN = r"[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|&|of|for))*"
_DESCRIBED_NAME = re.compile(rf"(?:^|\s)([A-Za-z][a-z-]*)\s+({_NAME_RUN})$")
# Nouns that describe an organisation without being part of its name.
_DESCRIBING_HEADS = frozenset(["firm", "regulator", "consultancy", "lender", "insurer", "operator"])


@dataclass(slots=True)
class Named:
    """Organisations and role holders an article has named so far."""

    organisations: list[tuple[str, str]] = field(default_factory=list)  # (name, head noun)
    holders: dict[tuple[str, str], str] = field(default_factory=dict)  # (possessor, role) -> name

    def add_organisation(self, name: str, head: str) -> None:
        self.organisations = [o for o in self.organisations if o[0] != name]
        self.organisations.append((name, head.lower()))

    def organisation(self, head: str) -> str | None:
        """The organisation last named that the noun describes."""
        for name, known in reversed(self.organisations):
            if known == head or head in name.lower().split():
                return name
        return None


def organisation_name(phrase: str) -> tuple[str, str] | None:
    """(name, head noun) when the capitalised phrase names an organisation:
    "The General Workers' Union" -> ("General Workers' Union", "union");
    "Britain's Energy Markets Authority" -> ("Energy Markets Authority", ...);
    "Kenya National Bureau of Statistics" keeps its "of". Else None."""
    words = phrase.split()
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    # A leading place possessive is not part of the name ("Britain's").
    if len(words) > 1 and words[0].endswith(("’s", "'s")) and not _POSSESSIVE.match(words[-1]):
        words = words[1:]
    if len(words) > 2 and words[1].endswith(("’s", "'s")) and words[0][:1].isupper():
        words = words[2:]  # "South Africa's ..."
    if not words or not all(w[:1].isupper() or w.lower() in _JOINERS for w in words):
        return None
    if words[-1].lower() in _JOINERS:
        return None
    lowered = [w.lower() for w in words]
    head_at = lowered.index("of") - 1 if "of" in lowered[1:] else len(words) - 1
    head = lowered[head_at].strip(".,")
    if len(words) < 2 or head not in ORGANISATION_HEADS:  # "Union" alone names nothing
        return None
    return " ".join(words), head


def head_noun(words: list[str]) -> str | None:
    """The noun a lower-case description ends on ("largest union" -> "union")."""
    if not words:
        return None
    last = words[-1].lower().strip(".,")
    return last if last.isalpha() else None


def describe(
    phrase: str,
    named: Named,
    person: str | None,
    holder: Callable[[str], str | None],
    titles: dict[str, set[str]],
) -> str | None:
    """The name a lower-case description stands for, or None when nothing fits:
    "the union", "the country's largest union", "her government", "the bank's
    governor", "the ministry's spokesman". `person` is the salient person and
    `holder("his")` whom a possessive pronoun refers to (None when nobody fits)."""
    words = phrase.split()
    if not words or any(w[:1].isupper() for w in words[1:]):
        return None
    first = words[0].lower()
    if first in _PERSONAL:
        # "her government": the institution of the person "her" refers to.
        owner = holder(first) if len(words) == 2 else None
        return f"{owner}’s {words[1]}" if owner else None
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    possessor = None
    for i, word in enumerate(words):
        owner = _POSSESSIVE.match(word)
        if owner and i < len(words) - 1:
            possessor, role_words = owner.group(1).lower(), words[i + 1 :]
            break
    if possessor and possessor not in _PLACE_WORDS:
        role = head_noun(role_words)
        if role is None:
            return None
        holder = named.holders.get((possessor, role))
        if holder:
            return holder
        # The role speaks for its organisation: "the ministry's spokesman".
        owner_name = named.organisation(possessor)
        if owner_name:
            return owner_name
        for title in _INSTITUTION_OF_TITLE.get(possessor, ()):
            head = _titled(titles, title, person)
            if head:
                return f"{head}’s {possessor}"
        return None
    if possessor:
        words = role_words
    head = head_noun(words)
    if head in ORGANISATION_HEADS or head in {"regulator", "utility"}:
        return named.organisation(head)
    return None


# Head nouns that name the same kind of body ("the statistics office" for a
# "Bureau of Statistics").
_SAME_KIND = (
    frozenset(["office", "bureau", "agency", "authority"]),
    frozenset(["ministry", "department"]),
    frozenset(["union", "federation", "confederation"]),
)


def named_anywhere(description: str, named: Named) -> str | None:
    """The one organisation of the whole article a lower-case description
    fits ("the statistics office said" a paragraph before "the Kenya National
    Bureau of Statistics"): same kind of body and every describing word's stem
    in its name. None when none or several fit."""
    words = [w for w in description.lower().split() if w not in _DETERMINERS]
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return None
    head, stems = words[-1], [w[:5] for w in words[:-1]]
    kinds = next((k for k in _SAME_KIND if head in k), frozenset([head]))
    fits = {
        name
        for name, known in named.organisations
        if known in kinds
        and all(any(n.lower().startswith(stem) for n in name.split()) for stem in stems)
    }
    return fits.pop() if len(fits) == 1 else None


def _titled(titles: dict[str, set[str]], title: str, person: str | None) -> str | None:
    """The person who holds the title: the salient person first, else the last named."""
    if person and title in titles.get(person, set()):
        return person
    holders = [name for name, seen in titles.items() if title in seen]
    return holders[-1] if holders else None


def remember_role(named: Named, description: str, name: str) -> None:
    """ "The central bank's governor, Joseph Mwangale": the bank's governor is
    Joseph Mwangale from now on."""
    words = [w for w in description.split() if w.lower() not in _DETERMINERS]
    for i, word in enumerate(words):
        owner = _POSSESSIVE.match(word)
        if owner and i < len(words) - 1:
            role = head_noun(words[i + 1 :])
            if role:
                named.holders[(owner.group(1).lower(), role)] = name
            return


def apposed_name(apposition: str) -> str | None:
    """ ", Joseph Mwangale," -> "Joseph Mwangale"; None when the apposition is
    not a name alone (", 25,", ", who served as ...,")."""
    match = _APPOSED.match(apposition)
    return match.group(1) if match else None


def described_name(phrase: str) -> tuple[str, str] | None:
    """(name, head noun) for a description ending in an organisation's name:
    "state power utility Eskora", "Consumer group Fair Fuel Now"."""
    match = _DESCRIBED_NAME.search(phrase)
    if not match or match.group(1).lower() not in ORGANISATION_HEADS | _DESCRIBING_HEADS:
        return None
    return match.group(2), match.group(1).lower()
