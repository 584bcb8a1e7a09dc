"""Our closed rating scale and how publishers' ratings map onto it.

A publisher's textual rating (``reviewRating.alternateName``) is looked up in a table of the
ratings fact-checkers actually use, in English, Spanish, French, German, Portuguese and Italian.
Text that is not a known rating on its own (a sentence, say) is searched for the earliest known
phrase. When the text says nothing we know, a numeric ``ratingValue`` is scaled onto 1..5.
Everything else is ``unverifiable``.
"""

import math
import re
import unicodedata

from factcheck.ratings import (  # noqa: F401  (part of this package's interface)
    BEST_RATING,
    DEFAULT_TEXTUAL_RATINGS,
    RATING_VALUES,
    RATINGS,
    WORST_RATING,
)

# A scaled ratingValue (1..5) back onto the scale. 2 reads as mostly_false: a number alone cannot
# say "misleading".
_BY_VALUE = {5: "true", 4: "mostly_true", 3: "half_true", 2: "mostly_false", 1: "false"}

# Textual ratings by language as publishers write them, "; "-separated; normalised on load.
_TABLES: dict[str, dict[str, str]] = {
    "en": {
        "true": (
            "true; correct; accurate; correct attribution; right; verified; real; legit; "
            "confirmed; fact; geppetto checkmark; no pinocchios"
        ),
        "mostly_true": (
            "mostly true; mostly correct; mostly accurate; largely true; largely accurate; "
            "largely correct; broadly correct; true but; correct but; accurate but; one "
            "pinocchio; 1 pinocchio"
        ),
        "half_true": (
            "half true; half truth; mixture; mixed; partly true; partially true; partly correct; "
            "partially correct; partly accurate; half right; two pinocchios; 2 pinocchios; some "
            "truth"
        ),
        "mostly_false": (
            "mostly false; largely false; mostly incorrect; mostly inaccurate; largely "
            "inaccurate; partly false; partially false; inaccurate; exaggerated; exaggeration; "
            "overstated; three pinocchios; 3 pinocchios"
        ),
        "false": (
            "false; pants on fire; incorrect; wrong; untrue; not true; not correct; not accurate; "
            "fake; fake news; fabricated; fabrication; hoax; scam; bogus; baseless; debunked; "
            "altered; altered image; altered photo; altered video; doctored; manipulated; "
            "misattributed; false headline; conspiracy theory; four pinocchios; 4 pinocchios; "
            "bottomless pinocchio; never said"
        ),
        "misleading": (
            "misleading; missing context; needs context; lacks context; lack of context; out of "
            "context; false context; miscaptioned; satire; labeled satire; labelled satire; "
            "originated as satire; spin; spins the facts; distorts the facts; distorted; cherry "
            "picked; cherry picks; misrepresented; misrepresents; outdated; context; partly "
            "misleading"
        ),
        "unverifiable": (
            "unverifiable; unverified; unproven; unsupported; no evidence; insufficient evidence; "
            "not enough evidence; legend; research in progress; undetermined; unclear; uncertain; "
            "inconclusive; cannot be verified; can t be verified; not verified; opinion"
        ),
    },
    "es": {
        "true": "verdadero; verdad; cierto; correcto; real",
        "mostly_true": (
            "mayormente verdadero; mayormente cierto; casi verdadero; verdadero pero; cierto "
            "pero; correcto pero"
        ),
        "half_true": (
            "verdad a medias; media verdad; medio verdadero; mitad verdadero; parcialmente "
            "cierto; parcialmente verdadero; impreciso; discutible"
        ),
        "mostly_false": "mayormente falso; casi falso; parcialmente falso; exagerado; inexacto",
        "false": (
            "falso; falsa; es falso; no es cierto; no es verdad; incorrecto; bulo; manipulado; "
            "alterado; montaje; fake"
        ),
        "misleading": (
            "enganoso; enganosa; fuera de contexto; sacado de contexto; falta contexto; falta de "
            "contexto; sin contexto; contexto faltante; satira; satirico"
        ),
        "unverifiable": (
            "sin evidencia; sin evidencias; sin pruebas; no verificable; inverificable; "
            "inchequeable; insostenible; apresurado; no comprobado"
        ),
    },
    "fr": {
        "true": "vrai; vraie; correct; exact; c est vrai",
        "mostly_true": "plutot vrai; globalement vrai; vrai mais",
        "half_true": "partiellement vrai; a moitie vrai; en partie vrai; imprecis; mitige",
        "mostly_false": "plutot faux; partiellement faux; en partie faux; exagere; inexact",
        "false": (
            "faux; fausse; c est faux; pas vrai; incorrect; errone; intox; canular; montage; "
            "photomontage; truque; manipule; fake"
        ),
        "misleading": (
            "trompeur; trompeuse; manque de contexte; contexte manquant; sorti de son contexte; "
            "hors contexte; detourne; satire; satirique"
        ),
        "unverifiable": (
            "infonde; non prouve; non verifie; inverifiable; pas de preuve; sans preuve"
        ),
    },
    "de": {
        "true": "richtig; wahr; stimmt; korrekt; zutreffend",
        "mostly_true": (
            "grosstenteils richtig; uberwiegend richtig; weitgehend richtig; grosstenteils wahr; "
            "uberwiegend wahr; richtig aber; stimmt aber"
        ),
        "half_true": (
            "teilweise richtig; teilweise wahr; halb wahr; halbwahr; teils richtig; zum teil "
            "richtig; stimmt teilweise; teils teils"
        ),
        "mostly_false": (
            "grosstenteils falsch; uberwiegend falsch; weitgehend falsch; teilweise falsch; "
            "ubertrieben"
        ),
        "false": (
            "falsch; unwahr; nicht wahr; nicht richtig; stimmt nicht; frei erfunden; erfunden; "
            "manipuliert; gefalscht; fake; nie gesagt; unsinn"
        ),
        "misleading": (
            "irrefuhrend; missverstandlich; fehlender kontext; fehlender zusammenhang; falscher "
            "kontext; aus dem kontext gerissen; satire; verzerrt"
        ),
        "unverifiable": (
            "unbelegt; nicht belegt; unbewiesen; nicht bewiesen; nicht uberprufbar; unklar"
        ),
    },
    "pt": {
        "true": "verdadeiro; verdadeira; verdade; correto; certo",
        "mostly_true": (
            "praticamente verdadeiro; maioritariamente verdadeiro; verdadeiro mas; quase verdadeiro"
        ),
        "half_true": "meio verdadeiro; meia verdade; parcialmente verdadeiro; impreciso",
        "mostly_false": "maioritariamente falso; parcialmente falso; exagerado; quase falso",
        "false": (
            "falso; falsa; nao e verdade; incorreto; mentira; boato; manipulado; montagem; "
            "pimenta na lingua; fake"
        ),
        "misleading": (
            "enganoso; enganosa; distorcido; sem contexto; fora de contexto; falta contexto; "
            "falta de contexto; nao e bem assim; satira"
        ),
        "unverifiable": (
            "insustentavel; sem provas; sem evidencias; nao comprovado; ainda e cedo para dizer; "
            "inconclusivo"
        ),
    },
    "it": {
        "true": "vero; vera; corretto; notizia vera",
        "mostly_true": "c eri quasi; quasi vero; vero ma",
        "half_true": "ni; vero a meta; parzialmente vero; impreciso",
        "mostly_false": "pinocchio andante; parzialmente falso; esagerato",
        "false": (
            "falso; falsa; panzana pazzesca; notizia falsa; bufala; sbagliato; manipolato; "
            "alterato; fotomontaggio; fake"
        ),
        "misleading": (
            "fuorviante; senza contesto; manca di contesto; fuori contesto; decontestualizzato; "
            "satira"
        ),
        "unverifiable": (
            "non dimostrato; non provato; non verificabile; inverificabile; non ci sono prove"
        ),
    },
}

# Entries too common in running text to be trusted anywhere but as the whole rating.
_WHOLE_ONLY = {
    "ni", "right", "real", "fact", "legit", "spin", "context", "opinion", "unclear",
    "uncertain", "verified", "confirmed", "mixed", "verdad", "verdade", "stimmt", "cierto",
    "certo", "exact", "correct", "correcto", "correto", "wahr", "vera", "vero", "erfunden",
}  # fmt: skip


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-blind: "Pants on Fire!" -> "pants on fire"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _build() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    by_language: dict[str, dict[str, str]] = {}
    merged: dict[str, str] = {}
    for language, table in _TABLES.items():
        entries = by_language.setdefault(language, {})
        for rating, phrases in table.items():
            for phrase in phrases.split(";"):
                key = normalise(phrase)
                entries[key] = rating
                merged.setdefault(key, rating)
    return by_language, merged


_BY_LANGUAGE, _ALL = _build()
_SEARCH = re.compile(
    r"\b("
    + "|".join(
        re.escape(p) for p in sorted(_ALL, key=len, reverse=True) if normalise(p) not in _WHOLE_ONLY
    )
    + r")\b"
)


def _number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str):
            number = float(value.strip().replace(",", "."))
        else:
            return None
    except (ValueError, OverflowError):  # not a number, or an int too large for a float
        return None
    return number if math.isfinite(number) else None  # "inf", "nan" and 1e999 say nothing


def scale_value(value, best=None, worst=None) -> int | None:
    """A ratingValue on the publisher's scale (schema.org defaults 5 and 1) as 1..5, or None."""
    number, high, low = _number(value), _number(best), _number(worst)
    if number is None:
        return None
    high = BEST_RATING if high is None else high
    low = WORST_RATING if low is None else low
    if high == low or not min(high, low) <= number <= max(high, low):
        return None
    scaled = 1.5 + 4 * (number - low) / (high - low)
    if not math.isfinite(scaled):  # a scale near the float limits overflows: no usable value
        return None
    return math.floor(scaled)  # halves round up


def text_rating(text: str | None, language: str | None = None) -> str | None:
    """Our rating for a publisher's textual rating, or None when the text says nothing we know."""
    if not text:
        return None
    key = normalise(text)
    if not key:
        return None
    primary = (language or "").split("-")[0].split("_")[0].lower()
    if key in _BY_LANGUAGE.get(primary, {}):
        return _BY_LANGUAGE[primary][key]
    if key in _ALL:
        return _ALL[key]
    # Longer text: the earliest known phrase, the longest one where several start together
    # ("mostly false" over "false", "not true" over "true").
    found = _SEARCH.search(key)
    return _ALL[found.group(1)] if found else None


def rating_from_text(text: str | None, value=None, best=None, worst=None, language=None) -> str:
    """Our rating for a publisher's rating: its text first, then its number, else unverifiable."""
    rating = text_rating(text, language)
    if rating is not None:
        return rating
    scaled = scale_value(value, best, worst)
    return _BY_VALUE[scaled] if scaled is not None else "unverifiable"
