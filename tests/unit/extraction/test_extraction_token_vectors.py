import math

import pytest

from factcheck.extraction import token_vectors

VOCAB = ["[UNK]", "un", "##aff", "##able", "tax", "##es", "rose", ",", ".", "cafe", "5"]


@pytest.fixture
def vectors(tmp_path):
    rows = [[float((i * 3 + d) % 5 - 2) for d in range(4)] for i in range(len(VOCAB))]
    path = tmp_path / "vectors.gz"
    token_vectors.save(path, VOCAB, rows, source="test")
    return token_vectors.load(path), rows


def _tokens(vectors, text):
    return [VOCAB[i] for i in vectors.token_ids(text)]


def test_words_split_into_the_longest_known_pieces(vectors):
    loaded, _ = vectors
    assert _tokens(loaded, "Unaffable taxes rose 5.") == [
        "un",
        "##aff",
        "##able",
        "tax",
        "##es",
        "rose",
        "5",
        ".",
    ]


def test_case_and_accents_are_folded_and_unknown_words_are_one_token(vectors):
    loaded, _ = vectors
    assert _tokens(loaded, "CAFÉ, zebra") == ["cafe", ",", "[UNK]"]


def test_sentence_vector_is_the_unit_mean_of_its_tokens(vectors):
    loaded, rows = vectors
    ids = loaded.token_ids("taxes rose")
    mean = [sum(rows[i][d] for i in ids) for d in range(4)]
    norm = math.sqrt(sum(v * v for v in mean))
    got = loaded.sentence_vector("taxes rose")
    assert got == pytest.approx([v / norm for v in mean], abs=0.02)  # int8 rounding
    assert math.sqrt(sum(v * v for v in got)) == pytest.approx(1.0)


def test_a_text_without_tokens_has_a_zero_vector(vectors):
    loaded, _ = vectors
    assert loaded.sentence_vector("   ") == [0.0] * 4


def test_the_file_is_byte_for_byte_reproducible(tmp_path):
    rows = [[0.5, -1.0]] * len(VOCAB)
    token_vectors.save(tmp_path / "a.gz", VOCAB, rows, source="test")
    token_vectors.save(tmp_path / "b.gz", VOCAB, rows, source="test")
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()


def _cosine(a, b):
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_shipped_vectors_place_paraphrases_nearer_than_unrelated_sentences():
    shipped = token_vectors.shipped()
    jobs = shipped.sentence_vector("Unemployment fell to 3 percent last year.")
    paraphrase = shipped.sentence_vector("The jobless rate dropped to 4 percent in 2019.")
    unrelated = shipped.sentence_vector("Thank you all for coming tonight.")
    assert _cosine(jobs, paraphrase) > _cosine(jobs, unrelated) + 0.1
