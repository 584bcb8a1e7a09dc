import pytest

from factcheck.claimreview import DEFAULT_TEXTUAL_RATINGS, RATING_VALUES, rating_from_text


@pytest.mark.parametrize(
    "text, rating",
    [
        # English, as PolitiFact, Snopes, Full Fact, the Washington Post, AFP write them
        ("True", "true"),
        ("Correct", "true"),
        ("Correct Attribution", "true"),
        ("Geppetto Checkmark", "true"),
        ("Mostly True", "mostly_true"),
        ("One Pinocchio", "mostly_true"),
        ("Half True", "half_true"),
        ("Half-True", "half_true"),
        ("Mixture", "half_true"),
        ("Two Pinocchios", "half_true"),
        ("Mostly False", "mostly_false"),
        ("Partly false", "mostly_false"),
        ("Exaggerated", "mostly_false"),
        ("Three Pinocchios", "mostly_false"),
        ("False", "false"),
        ("FALSE", "false"),
        ("Pants on Fire!", "false"),
        ("Incorrect", "false"),
        ("Fake", "false"),
        ("Altered", "false"),
        ("Four Pinocchios", "false"),
        ("Misattributed", "false"),
        ("Misleading", "misleading"),
        ("Missing context", "misleading"),
        ("Needs Context", "misleading"),
        ("Miscaptioned", "misleading"),
        ("Satire", "misleading"),
        ("Originated as Satire", "misleading"),
        ("Unproven", "unverifiable"),
        ("Legend", "unverifiable"),
        ("Unverifiable", "unverifiable"),
        # Spanish
        ("Falso", "false"),
        ("Verdadero", "true"),
        ("Engañoso", "misleading"),
        ("Verdad a medias", "half_true"),
        ("Verdadero, pero...", "mostly_true"),
        ("Sin evidencia", "unverifiable"),
        # French
        ("Faux", "false"),
        ("Vrai", "true"),
        ("Trompeur", "misleading"),
        ("Plutôt vrai", "mostly_true"),
        ("Manque de contexte", "misleading"),
        # German
        ("Falsch", "false"),
        ("Richtig", "true"),
        ("Irreführend", "misleading"),
        ("Teilweise falsch", "mostly_false"),
        ("Fehlender Kontext", "misleading"),
        ("Unbelegt", "unverifiable"),
        # Portuguese
        ("Verdadeiro", "true"),
        ("Enganoso", "misleading"),
        ("Sem contexto", "misleading"),
        ("Insustentável", "unverifiable"),
        # Italian
        ("Vero", "true"),
        ("Fuorviante", "misleading"),
        ("C'eri quasi", "mostly_true"),
        ("Nì", "half_true"),
        ("Pinocchio andante", "mostly_false"),
        ("Panzana pazzesca", "false"),
    ],
)
def test_known_ratings(text, rating):
    assert rating_from_text(text) == rating


@pytest.mark.parametrize(
    "text, rating",
    [
        ("False. The video was filmed in 2019.", "false"),
        ("This is not true: the figure was 4.3%.", "false"),
        ("Mostly false: the rise was smaller.", "mostly_false"),
        ("Out of context: the photo is from 2015.", "misleading"),
        ("Reker hat diesen Satz nie gesagt. «Völliger Unsinn», heißt es dazu.", "false"),
        ("The real figure is higher.", "unverifiable"),  # "real" alone is not a rating
    ],
)
def test_sentences_use_the_earliest_known_phrase(text, rating):
    assert rating_from_text(text) == rating


@pytest.mark.parametrize(
    "value, best, worst, rating",
    [
        (5, None, None, "true"),
        ("4", None, None, "mostly_true"),
        ("3", "5", "1", "half_true"),
        (2, 5, 1, "mostly_false"),
        (1, 5, 1, "false"),
        (10, 10, 0, "true"),
        (0, 10, 0, "false"),
        (6, 10, 0, "half_true"),
        ("3,5", None, None, "mostly_true"),
        (1, 1, 5, "true"),  # an inverted scale
        (7, None, None, "unverifiable"),  # outside the default 1..5
        ("n/a", None, None, "unverifiable"),
        (None, None, None, "unverifiable"),
        (3, 3, 3, "unverifiable"),
    ],
)
def test_number_when_the_text_says_nothing(value, best, worst, rating):
    assert rating_from_text("Other", value, best, worst) == rating
    assert rating_from_text(None, value, best, worst) == rating


def test_text_wins_over_the_number():
    assert rating_from_text("False", value=5) == "false"


def test_language_is_tried_first_and_unknowns_are_unverifiable():
    assert rating_from_text("Falso", language="pt-BR") == "false"
    assert rating_from_text("Ni", language="it") == "half_true"
    assert rating_from_text("Ni idea") == "unverifiable"
    assert rating_from_text("") == "unverifiable"
    assert rating_from_text(None) == "unverifiable"


def test_our_own_default_names_map_back():
    for rating, text in DEFAULT_TEXTUAL_RATINGS.items():
        assert rating_from_text(text) == rating
    assert set(RATING_VALUES) == set(DEFAULT_TEXTUAL_RATINGS)
