import math

import pytest

from factcheck.extraction import THRESHOLD, checkworthy, features, model, score, token_vectors


def test_scores_are_probabilities_in_input_order():
    sentences = [
        "Thank you very much.",
        "Unemployment fell to 3.5 percent in 2019, the lowest in 50 years.",
    ]
    scores = score(sentences)
    assert len(scores) == 2
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == score(sentences)
    assert scores[::-1] == score(sentences[::-1])


@pytest.mark.parametrize(
    "factual, chatter",
    [
        (
            "Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years.",
            "Thank you very much.",
        ),
        (
            "The bill cut taxes for 80 percent of families and added $1.5 trillion to the deficit.",
            "Good evening, and welcome to tonight's debate.",
        ),
        ("Crime in our cities has doubled since 2010.", "What do you think about that?"),
    ],
)
def test_factual_statements_outscore_pleasantries_and_questions(factual, chatter):
    high, low = score([factual, chatter])
    assert high > low
    assert high >= THRESHOLD > low


def test_checkworthy_pairs_scores_with_the_threshold():
    pairs = checkworthy(["Exports rose 12 percent last year to $40 billion.", "Thank you."])
    assert [flag for _, flag in pairs] == [True, False]
    assert [p for p, _ in pairs] == score(
        ["Exports rose 12 percent last year to $40 billion.", "Thank you."]
    )


def test_weights_round_trip_through_the_file_format(tmp_path):
    coefficients = [0.0] * features.N_FEATURES
    sentence = "Taxes rose 5 percent."
    for idx in features.featurize(sentence):
        coefficients[idx] = 0.5
    vectors = token_vectors.shipped()
    vector_coefficients = [0.25 if d % 2 else -0.25 for d in range(vectors.dims)]
    path = tmp_path / "weights.json"
    model.save(path, coefficients, vector_coefficients, -1.0, 0.4, {"note": "test"})
    loaded = model.load(path)
    assert loaded.threshold == 0.4
    assert loaded.info == {"note": "test"}
    vec = features.featurize(sentence)
    static = vectors.sentence_vector(sentence)
    expected_z = -1.0 + 0.5 * sum(vec.values())
    expected_z += sum(w * v for w, v in zip(vector_coefficients, static, strict=True))
    assert loaded.probability(sentence) == pytest.approx(1 / (1 + math.exp(-expected_z)), rel=1e-3)


def test_weights_trained_with_other_token_vectors_are_refused(tmp_path):
    other = tmp_path / "other.gz"
    token_vectors.save(other, ["[UNK]", "tax"], [[1.0, 0.0], [0.0, 1.0]], source="test")
    path = tmp_path / "weights.json"
    model.save(path, [0.0] * features.N_FEATURES, [0.0, 0.0], 0.0, 0.5, {}, vectors_path=other)
    assert model.load(path, vectors_path=other).threshold == 0.5
    with pytest.raises(ValueError, match="other token vectors"):
        model.load(path)


def test_shipped_weights_match_the_shipped_token_vectors():
    shipped = model.shipped()
    assert len(shipped.vector_weights) == token_vectors.shipped().dims
    assert any(shipped.vector_weights)


def test_dot_product_matches_the_training_vector():
    weights = [((i * 7919) % 13 - 6) / 10 for i in range(features.N_FEATURES)]
    sentence = "Prices, prices and more prices: 10% in 2020, 12% in 2021."
    vec = features.featurize(sentence)
    expected = sum(weights[i] * v for i, v in vec.items())
    assert features.dot(weights, features.bucket_counts(sentence)) == pytest.approx(expected)


def test_number_shapes_are_folded():
    assert features.tokens("It cost $5 in 2019, up 3% from 12") == [
        "it",
        "cost",
        "<money>",
        "in",
        "<year>",
        "up",
        "<pct>",
        "from",
        "<num>",
    ]
