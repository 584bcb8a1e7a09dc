"""Which language a text is in, and which full-text configuration searches it.

Detection uses lingua (https://github.com/pemistahl/lingua-py) in its low-accuracy mode: about
30 MB in memory and a fraction of a millisecond per claim, where the high-accuracy mode takes
about 20 MB per language. Below MIN_CONFIDENCE the answer is None rather than a guess: short
texts ("450-pound dog") are where the detector errs, and an unknown language is searched as the
default one.

Measured on the 14,231 English claims of CheckThat! 2022 Task 2A (`make bench-matching` prints
it): 0.4% of them detected as another language, 3.5% left undetected.
"""

from functools import cache

# Languages the detector chooses among: those PostgreSQL stems (SEARCH_CONFIGS), and others
# common among fact-checkers, stored and filterable but searched without stemming ('simple').
DETECTED = (
    "da", "de", "en", "es", "fi", "fr", "hu", "it", "nb", "nl", "nn", "pt", "ro", "ru", "sv", "tr",
    "ar", "bn", "ca", "cs", "el", "he", "hi", "id", "ja", "ko", "pl", "uk", "vi", "zh",
)  # fmt: skip
# The top language's share of the detector's confidence below which a text's language stays
# unknown (chosen on the English claims above, where 0.5 left 1.5% of them wrongly detected).
MIN_CONFIDENCE = 0.9
DETECTED_CHARACTERS = 2000

# PostgreSQL's text search configuration for each language it stems (ISO 639-1 code); the
# migration that indexes claims by language holds the same table in SQL (a test compares them).
SEARCH_CONFIGS = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nb": "norwegian", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
# Claims of unknown language are searched as English (what the archive held before detection).
DEFAULT_CONFIG = "english"
# Languages PostgreSQL does not stem: words as written, lower-cased.
UNSTEMMED_CONFIG = "simple"
ALL_CONFIGS = tuple(sorted({DEFAULT_CONFIG, UNSTEMMED_CONFIG, *SEARCH_CONFIGS.values()}))


def primary(language: str | None) -> str | None:
    """The language subtag of a BCP 47 tag, lower-cased: `pt-BR` -> `pt`."""
    return language.split("-", 1)[0].lower() if language else None


def search_config(language: str | None) -> str:
    """The PostgreSQL text search configuration that indexes a claim in `language`."""
    if not language:
        return DEFAULT_CONFIG
    return SEARCH_CONFIGS.get(primary(language), UNSTEMMED_CONFIG)


def query_configs(language: str | None) -> tuple[str, ...]:
    """The configurations a query in `language` is searched with: its own and the default's
    (claims of unknown language are indexed as the default); all of them when unknown
    (search narrows those to the ones stored claims use)."""
    if not language:
        return ALL_CONFIGS
    return tuple(sorted({search_config(language), DEFAULT_CONFIG}))


@cache
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in DETECTED]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(text: str | None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when unsure."""
    if not text or not text.strip():
        return None
    # An article's opening is enough to tell its language, and bounds the cost of a long one.
    confidences = _detector().compute_language_confidence_values(text[:DETECTED_CHARACTERS])
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    return confidences[0].language.iso_code_639_1.name.lower()
