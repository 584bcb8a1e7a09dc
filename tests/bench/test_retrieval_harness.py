"""bench/retrieval.py, the repeat-claim benchmark, on a handful of made-up verified claims."""

import json

import pytest

from bench import retrieval

VCLAIMS = [
    {"vclaim_id": "vclaim-sno-minecraft", "vclaim": "Minecraft is shutting down in 2020.",
     "title": "Is Minecraft Shutting Down?", "date": "3 January 2020"},
    {"vclaim_id": "vclaim-sno-anaconda", "vclaim": "A video shows a 10-meter-long anaconda.",
     "title": "Does Video Show a Giant Anaconda?", "date": "6 March 2021"},
    {"vclaim_id": "vclaim-sno-tampons", "vclaim": "Prison visitors in Virginia may not wear "
     "tampons.", "title": "Virginia Prison Tampon Ban", "date": "not a date"},
]  # fmt: skip
TWEETS = {
    "tweet-sno-1": "OMG Minecraft is shutting down in 2020?? pic.twitter.com/Ab12Cd",
    "tweet-sno-2": "Look at this giant anaconda, 10 meters long! https://t.co/xyz",
}


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "vclaims.jsonl").write_text("\n".join(json.dumps(v) for v in VCLAIMS) + "\n")
    queries = "".join(f"{tweet}\t{text}\n" for tweet, text in TWEETS.items())
    (tmp_path / "X-Train-Dev_Queries.tsv").write_text(queries)
    (tmp_path / "X-Train_QRELs.tsv").write_text("tweet-sno-1\t0\tvclaim-sno-minecraft\t1\n")
    (tmp_path / "X-Dev_QRELs.tsv").write_text("tweet-sno-2\t0\tvclaim-sno-anaconda\t1\n")
    return tmp_path


def test_each_split_reads_its_own_tweets_and_gold(data_dir):
    assert retrieval.read_split(data_dir, "train") == (
        {"tweet-sno-1": TWEETS["tweet-sno-1"]},
        {"tweet-sno-1": {"vclaim-sno-minecraft"}},
    )
    tweets, gold = retrieval.read_split(data_dir, "dev")
    assert list(tweets) == list(gold) == ["tweet-sno-2"]


def test_average_precision_at_five_as_checkthat_scores_it():
    assert retrieval.average_precision(["a", "b"], {"a"}) == 1.0
    assert retrieval.average_precision(["x", "a"], {"a"}) == 0.5
    assert retrieval.average_precision(["x", "y", "z", "w", "v", "a"], {"a"}) == 0.0
    assert retrieval.average_precision(["a", "x", "b"], {"a", "b"}) == pytest.approx(
        (1 + 2 / 3) / 2
    )
    figures = retrieval.scores({"q1": ["a"], "q2": []}, {"q1": {"a"}, "q2": {"b"}})
    assert figures == {"map@5": 0.5, "p@1": 0.5, "recall@5": 0.5, "unanswered": 0.5}


def test_a_verified_claim_becomes_the_claim_review_snopes_would_publish():
    review = retrieval.claim_review(VCLAIMS[0])
    assert review["claimReviewed"] == VCLAIMS[0]["vclaim"]
    assert review["headline"] == "Is Minecraft Shutting Down?"
    assert review["url"] == "https://www.snopes.com/fact-check/minecraft/"
    assert review["datePublished"] == "2020-01-03"
    assert "datePublished" not in retrieval.claim_review(VCLAIMS[2])


def test_the_product_answers_through_the_api_and_its_traps_hold(tmp_path):
    product = retrieval.Product(VCLAIMS, f"sqlite:///{tmp_path / 'product.db'}")
    rankings, top_scores, latencies = product.rankings(TWEETS)
    assert rankings["tweet-sno-1"][0] == "vclaim-sno-minecraft"
    assert rankings["tweet-sno-2"][0] == "vclaim-sno-anaconda"
    assert len(latencies) == 2 and set(top_scores) <= set(TWEETS)
    traps = product.trap_test({v["vclaim_id"]: v for v in VCLAIMS}, {"vclaim-sno-minecraft"})
    assert traps["negation"] == (1, 0) and traps["number"] == (1, 0)


def test_the_markup_says_english_unless_the_language_is_left_to_detection():
    assert retrieval.claim_review(VCLAIMS[0])["inLanguage"] == "en"
    assert "inLanguage" not in retrieval.claim_review(VCLAIMS[0], language=None)
    detected = retrieval.detected_languages(VCLAIMS)
    assert sum(detected.values()) == len(VCLAIMS)
    assert set(detected) <= {"en", None} and detected["en"] >= 2  # too short to tell: None
