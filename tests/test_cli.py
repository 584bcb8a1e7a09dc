"""Command-line tools."""

import json
from pathlib import Path

from factcheck.cli import seed_command

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seed_loads_the_sample_article_and_its_claims(app, client):
    result = app.test_cli_runner().invoke(seed_command)
    assert result.exit_code == 0, result.output
    assert "Seeded 1 article(s) and 10 claim(s)" in result.output

    expected = json.loads((SEEDS / "000_4b7aa9e3480c59b8.json").read_text(encoding="utf-8"))
    articles = client.get("/api/v1/articles").json["items"]
    assert [a["publisher"] for a in articles] == ["The Moscow Times"]
    article = client.get(f"/api/v1/articles/{articles[0]['id']}").json
    claims = client.get(f"/api/v1/articles/{article['id']}/claims?limit=100").json["items"]
    assert len(claims) == len(expected["claims"]) == 10
    for claim in claims:
        assert claim["status"] == "submitted"
        covered = article["body"][claim["span_start"] : claim["span_end"]]
        assert covered, claim
    claimants = {c["claimant"] for c in claims}
    assert claimants == {"Vladimir Putin", "The Moscow Times", "U.S. officials"}
    # Nothing comes from the donation appeal at the end of the page.
    appeal = article["body"].index("A Message from The Moscow Times")
    assert all(c["span_end"] <= appeal for c in claims)


def test_seed_twice_adds_nothing(app, client):
    runner = app.test_cli_runner()
    runner.invoke(seed_command)
    result = runner.invoke(seed_command)
    assert result.exit_code == 0
    assert "Seeded 0 article(s) and 0 claim(s); 11 already present." in result.output
    assert len(client.get("/api/v1/claims?limit=100").json["items"]) == 10


def test_seed_from_another_folder(app, client, tmp_path):
    (tmp_path / "a.txt").write_text("The river rose 3 metres overnight, the mayor said.")
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "body_file": "a.txt",
                "article": {"title": "Flood", "publisher": "Local News"},
                "claims": [
                    {
                        "text": "The river rose 3 metres overnight.",
                        "claimant": "The mayor",
                        "span_start": 0,
                        "span_end": 34,
                    }
                ],
            }
        )
    )
    result = app.test_cli_runner().invoke(seed_command, ["--path", str(tmp_path)])
    assert "Seeded 1 article(s) and 1 claim(s)" in result.output
    assert client.get("/api/v1/claims").json["items"][0]["claimant"] == "The mayor"
