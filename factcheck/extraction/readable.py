"""Make a statement read on its own: name whom a leading pronoun stands for.

"Putin said he may be open to ..." gives the statement "he may be open to
...", which means nothing out of context; its text becomes "Vladimir Putin
may be open to ...". A quotation in the first person names its speaker:
“I was not there,” Ruiz said -> "Ana Ruiz was not there."; one that speaks
for a group ("we", "our") is framed instead, since whom "we" covers cannot
be said safely: 'Vladimir Putin said: “We want to sign an agreement ...”'.
The verbatim words stay in the claim's `quote`; only `text` changes.
"""

from __future__ import annotations

import re

_THIRD = re.compile(r"(he|she|they|it|his|her|their|its)\b(?![’'-])", re.IGNORECASE)
_POSSESSIVE = frozenset(["his", "her", "their", "its"])
_FIRST_PERSON = re.compile(
    r"\b(?:I|me|Me|my|My|mine|Mine|myself|Myself|we|We|us|our|Our|ours|Ours|ourselves)\b"
)
_I_CONTRACTED = re.compile(r"I[’'](m|ve|ll|d)\s+")
_I_THEN = re.compile(r"I\s+(?:(\w+ly|also|never|always|just|still|only|even|already)\s+)?([\w’']+)")
_MY = re.compile(r"My\s+")
_CONTRACTIONS = {"m": "is", "ve": "has", "ll": "will", "d": "would"}
# The verb after "I", as it reads after a name.
_AGREEMENT = {
    "am": "is",
    "have": "has",
    "do": "does",
    "don’t": "doesn’t",
    "don't": "doesn't",
    "haven’t": "hasn’t",
    "haven't": "hasn't",
}
_UNCHANGED = frozenset(
    [
        "was",
        "wasn’t",
        "wasn't",
        "will",
        "won’t",
        "won't",
        "would",
        "wouldn’t",
        "wouldn't",
        "can",
        "can’t",
        "can't",
        "cannot",
        "could",
        "couldn’t",
        "couldn't",
        "should",
        "shouldn’t",
        "shouldn't",
        "may",
        "might",
        "must",
        "had",
        "hadn’t",
        "hadn't",
        "did",
        "didn’t",
        "didn't",
        "said",
        "told",
        "made",
        "went",
        "thought",
        "knew",
        "saw",
        "got",
        "took",
        "came",
        "gave",
        "found",
        "felt",
        "left",
        "met",
        "ran",
        "won",
        "lost",
        "sent",
        "spent",
        "built",
        "became",
        "began",
        "brought",
        "bought",
        "wrote",
        "spoke",
        "heard",
        "kept",
        "led",
        "paid",
        "put",
        "read",
        "meant",
        "set",
        "sat",
        "stood",
        "understood",
    ]
)


def standalone(content: str, quoted: bool, referent: str | None) -> str:
    """The content with a leading pronoun replaced by `referent` (see the module)."""
    if not referent or not content:
        return content
    if quoted:
        return _first_person(content, referent)
    match = _THIRD.match(content)
    if not match:
        return content
    name = _possessive(referent) if match.group(1).lower() in _POSSESSIVE else referent
    return _capitalise(name) + content[match.end() :]


def _first_person(content: str, speaker: str) -> str:
    named = _name_first_person(content, speaker)
    if named is not None and not _FIRST_PERSON.search(named):
        return named
    if not _FIRST_PERSON.search(content):
        return content
    return f"{_capitalise(speaker)} said: “{_capitalise(content)}”"


def _name_first_person(content: str, speaker: str) -> str | None:
    """ "I was there" -> "Ana Ruiz was there"; None when the verb cannot be agreed."""
    name = _capitalise(speaker)
    if match := _MY.match(content):
        return f"{_possessive(name)} {content[match.end() :]}"
    if match := _I_CONTRACTED.match(content):
        return f"{name} {_CONTRACTIONS[match.group(1)]} {content[match.end() :]}"
    match = _I_THEN.match(content)
    if not match:
        return None
    verb = match.group(2)
    lowered = verb.lower()
    if lowered in _AGREEMENT:
        verb = _AGREEMENT[lowered]
    elif lowered.endswith("ed") or lowered in _UNCHANGED:
        pass
    elif verb.isalpha() and verb.islower():
        verb = _third_singular(verb)
    else:
        return None
    adverb = f"{match.group(1)} " if match.group(1) else ""
    return f"{name} {adverb}{verb}{content[match.end() :]}"


def _third_singular(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _possessive(name: str) -> str:
    return name + ("’" if name.endswith("s") else "’s")


def _capitalise(words: str) -> str:
    return words[:1].upper() + words[1:]
