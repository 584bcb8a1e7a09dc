"""Command-line tools: seed, users."""

import json
from pathlib import Path

import sqlalchemy as sa

from factcheck.cli import config_command, detect_languages_command, seed_command, users_group
from factcheck.extensions import db
from factcheck.models import Article, Claim
from tests.factories import create_claim

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(app, command, *args):
    result = app.test_cli_runner().invoke(command, list(args))
    return result


def test_seed_loads_users_the_sample_article_and_claims_at_every_stage(app, client):
    result = run(app, seed_command)
    assert result.exit_code == 0, result.output
    assert "Seeded 5 user(s), 1 article(s) and 10 claim(s)" in result.output

    expected = json.loads((SEEDS / "000_4b7aa9e3480c59b8.json").read_text(encoding="utf-8"))
    articles = client.get("/api/v1/articles").json["items"]
    assert [a["publisher"] for a in articles] == ["The Moscow Times"]
    article = client.get(f"/api/v1/articles/{articles[0]['id']}").json
    claims = client.get(f"/api/v1/articles/{article['id']}/claims?limit=100").json["items"]
    assert len(claims) == len(expected["claims"]) == 10
    statuses = sorted(c["status"] for c in claims)
    assert statuses == sorted(
        ["published", "approved", "verdict_proposed", "in_review", "rejected"] + ["submitted"] * 5
    )
    claimants = {c["claimant"] for c in claims}
    assert claimants == {"Vladimir Putin", "The Moscow Times", "U.S. officials"}
    appeal = article["body"].index("A Message from The Moscow Times")
    assert all(c["span_end"] <= appeal for c in claims)

    published = client.get("/api/v1/fact-checks").json["items"]
    assert len(published) == 1
    assert published[0]["verdict"]["rating"] == "mostly_true" and published[0]["sources"]


def test_seed_twice_adds_nothing(app, client):
    run(app, seed_command)
    result = run(app, seed_command)
    assert result.exit_code == 0
    assert "Seeded 0 user(s), 0 article(s) and 0 claim(s); 16 already present." in result.output
    assert len(client.get("/api/v1/claims?limit=100").json["items"]) == 10


def test_seed_prints_tokens_only_when_asked(app, anonymous):
    quiet = run(app, seed_command)
    assert "fct_" not in quiet.output
    loud = run(app, seed_command, "--print-tokens")
    lines = [line for line in loud.output.splitlines() if ": fct_" in line]
    assert [line.split(":")[0] for line in lines] == [
        "demo-admin",
        "demo-editor",
        "demo-reviewer",
        "demo-reviewer-2",
        "demo-submitter",
    ]
    token = lines[0].split(": ")[1]
    me = anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json["name"] == "demo-admin" and me.json["role"] == "admin"


def test_seed_from_another_folder(app, client, tmp_path):
    (tmp_path / "users.json").write_text(json.dumps({"users": [{"name": "ed", "role": "admin"}]}))
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
    result = run(app, seed_command, "--path", str(tmp_path))
    assert "Seeded 1 user(s), 1 article(s) and 1 claim(s)" in result.output, result.output
    assert client.get("/api/v1/claims").json["items"][0]["claimant"] == "The mayor"


def test_users_create_prints_a_working_token_last(app, anonymous):
    result = run(app, users_group, "create", "maria", "--role", "reviewer")
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    me = anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json["role"] == "reviewer"

    again = run(app, users_group, "create", "maria", "--role", "editor")
    assert again.exit_code != 0 and "exists" in again.output
    bad = run(app, users_group, "create", "Bad Name!", "--role", "editor")
    assert bad.exit_code != 0
    assert run(app, users_group, "create", "x1", "--role", "boss").exit_code != 0


def test_users_token_and_revoke(app, anonymous):
    first = run(app, users_group, "create", "omar", "--role", "editor").output.splitlines()[-1]
    second = run(app, users_group, "token", "omar", "--label", "laptop").output.splitlines()[-1]
    assert first != second
    for token in (first, second):
        response = anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200

    result = run(app, users_group, "revoke", "omar", "--prefix", second[:12])
    assert "Revoked 1 token(s)" in result.output
    assert (
        anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {second}"}).status_code
        == 401
    )
    assert (
        anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    )
    run(app, users_group, "revoke", "omar")
    assert (
        anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    )
    assert run(app, users_group, "token", "nobody").exit_code != 0

    listing = run(app, users_group, "list").output
    assert "omar\teditor" in listing


def test_import_claimreview_files_json_and_claimskg_csv(app, anonymous, tmp_path):
    from factcheck.cli import import_claimreview_command

    run(app, users_group, "create", "imogen", "--role", "editor")
    (tmp_path / "one.json").write_text(
        json.dumps(
            {
                "@type": "ClaimReview",
                "url": "https://checker.example/1",
                "claimReviewed": "The bridge cost 2 billion.",
                "author": {"@type": "Organization", "name": "Checker"},
                "reviewRating": {"alternateName": "False"},
            }
        )
    )
    header = (
        "rating_alternateName,claimReview_author_name,claimReview_url,claimReview_claimReviewed"
    )
    (tmp_path / "rows.csv").write_text(
        header + "\nTrue,snopes,https://snopes.example/a,Owls can turn their heads 270 degrees.\n"
        "True,snopes,https://snopes.example/a,Owls can turn their heads 270 degrees.\n"
    )
    result = run(
        app,
        import_claimreview_command,
        str(tmp_path / "one.json"),
        str(tmp_path / "rows.csv"),
        "--user",
        "imogen",
    )
    assert result.exit_code == 0, result.output
    assert "one.json: 1 created" in result.output
    assert "rows.csv: 1 created, 0 updated, 0 unchanged, 1 skipped" in result.output
    assert "item 1: duplicate of item 0" in result.output
    texts = {fc["claim"] for fc in anonymous.get("/api/v1/fact-checks").json["items"]}
    assert texts == {"The bridge cost 2 billion.", "Owls can turn their heads 270 degrees."}
    refused = run(app, import_claimreview_command, str(tmp_path / "one.json"), "--user", "nobody")
    assert refused.exit_code != 0


def _claim_texts(client) -> list[str]:
    return [c["text"] for c in client.get("/api/v1/claims?sort=created_at&limit=100").json["items"]]


def test_import_claims_from_ndjson_reports_refused_lines(app, client, tmp_path):
    from factcheck.cli import import_claims_command

    run(app, users_group, "create", "sam", "--role", "submitter")
    lines = [
        json.dumps({"text": "Exports doubled in 2024.", "tags": ["Trade"]}),
        "",
        '{"text": "Not closed"',
        json.dumps({"claimant": "No text here"}),
        "   ",
        json.dumps({"text": "Imports fell.", "article_id": 999999}),
        json.dumps({"text": "Wages rose 3%.", "claimant": "The minister"}),
        '{"text": "Not a number", "check_worthiness": NaN}',
    ]
    # Editors on Windows may start the file with a byte order mark.
    (tmp_path / "claims.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    (tmp_path / "more.ndjson").write_text(json.dumps({"text": "Rents rose."}), encoding="utf-8")
    result = run(
        app,
        import_claims_command,
        str(tmp_path / "claims.ndjson"),
        str(tmp_path / "more.ndjson"),
        "--user",
        "sam",
    )
    assert result.exit_code == 0, result.output
    report = result.output.splitlines()
    assert report[0] == f"{tmp_path / 'claims.ndjson'}: 2 created, 4 refused"
    assert report[1].startswith("  line 3: not JSON (")
    assert report[2] == "  line 4: text: Missing data for required field."
    assert report[3] == "  line 6: article_id: Article 999999 does not exist."
    assert report[4].startswith("  line 8: refused JSON (NaN")
    assert report[5] == f"{tmp_path / 'more.ndjson'}: 1 created, 0 refused"
    assert len(report) == 6
    assert _claim_texts(client) == ["Exports doubled in 2024.", "Wages rose 3%.", "Rents rose."]
    claims = client.get("/api/v1/claims?sort=created_at").json["items"]
    sam = next(
        line for line in run(app, users_group, "list").output.splitlines() if "\tsam\t" in line
    )
    assert {c["submitted_by_id"] for c in claims} == {int(sam.split("\t")[0])}
    assert claims[0]["tags"] == ["trade"] and claims[0]["status"] == "submitted"


def test_import_claims_reads_standard_input(app, client):
    from factcheck.cli import import_claims_command

    run(app, users_group, "create", "sam", "--role", "submitter")
    stdin = json.dumps({"text": "From a pipe."}) + "\n\n" + json.dumps({"text": ""}) + "\n"
    result = app.test_cli_runner().invoke(
        import_claims_command, ["-", "--user", "sam"], input=stdin.encode()
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "stdin: 1 created, 1 refused"
    assert result.output.splitlines()[1].startswith("  line 3: text: ")
    assert _claim_texts(client) == ["From a pipe."]


def test_import_claims_commits_each_chunk_on_its_own(app, client, tmp_path, monkeypatch):
    from factcheck import cli
    from factcheck.services import batches

    run(app, users_group, "create", "sam", "--role", "submitter")
    monkeypatch.setattr(cli, "IMPORT_CHUNK_LINES", 2)
    submit, calls = batches.submit_claims, []

    def fail_on_the_second_chunk(values, actor, **kwargs):
        calls.append(len(values))
        report = submit(values, actor, **kwargs)  # written (flushed), then the chunk fails
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return report

    monkeypatch.setattr(batches, "submit_claims", fail_on_the_second_chunk)
    path = tmp_path / "claims.ndjson"
    path.write_text("".join(json.dumps({"text": f"Claim {n}."}) + "\n" for n in range(5)))
    result = run(app, cli.import_claims_command, str(path), "--user", "sam")
    assert result.exit_code != 0 and isinstance(result.exception, RuntimeError)
    assert calls == [2, 2]
    assert _claim_texts(client) == ["Claim 0.", "Claim 1."]


def test_import_claims_needs_a_known_user(app, tmp_path):
    from factcheck.cli import import_claims_command

    path = tmp_path / "claims.ndjson"
    path.write_text(json.dumps({"text": "A claim."}) + "\n")
    result = run(app, import_claims_command, str(path), "--user", "nobody")
    assert result.exit_code != 0 and "No user named 'nobody'" in result.output


def test_detect_languages_fills_in_claims_and_articles_stored_without_one(app, client):
    spanish = create_claim(client, text="El gobierno subió los impuestos un diez por ciento.")
    short = create_claim(client, text="Obama")
    article = client.post(
        "/api/v1/articles",
        json={"title": "Renten", "body": "Die Regierung hat die Renten um zehn Prozent gekürzt."},
    ).json
    with app.app_context():  # as rows stored before detection, or loaded in bulk, are
        db.session.execute(sa.update(Claim).values(language=None, version=Claim.version + 1))
        db.session.execute(sa.update(Article).values(language=None))
        db.session.commit()
    before = client.get(f"/api/v1/claims/{spanish['id']}")
    assert before.json["language"] is None

    result = run(app, detect_languages_command)
    assert result.exit_code == 0, result.output
    assert "languages detected: 1 claims, 1 articles" in result.output
    after = client.get(f"/api/v1/claims/{spanish['id']}")
    assert after.json["language"] == "es"
    assert after.headers["ETag"] != before.headers["ETag"]  # a new version: caches see it
    assert client.get(f"/api/v1/claims/{short['id']}").json["language"] is None
    assert client.get(f"/api/v1/articles/{article['id']}").json["language"] == "de"


def test_seed_if_demo_loads_nothing_unless_demo_is_on(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "FACTCHECK_DEMO", False)
    off = run(app, seed_command, "--if-demo")
    assert off.exit_code == 0 and off.output == ""
    assert client.get("/api/v1/fact-checks").json["items"] == []

    monkeypatch.setitem(app.config, "FACTCHECK_DEMO", True)
    first = run(app, seed_command, "--if-demo")
    assert "Seeded 5 user(s)" in first.output
    assert len([line for line in first.output.splitlines() if ": fct_" in line]) == 5
    assert len(client.get("/api/v1/fact-checks").json["items"]) == 1
    again = run(app, seed_command, "--if-demo")
    assert "fct_" not in again.output and "Demo users exist already" in again.output


def test_config_shows_what_production_lacks_and_check_fails_on_it(app):
    result = run(app, config_command)
    assert result.exit_code == 0, result.output
    assert "schema up to date" in result.output
    assert "Not ready for production" in result.output
    for setting in ("FACTCHECK_PUBLIC_URL", "FACTCHECK_SECRET_KEY", "RATELIMIT_STORAGE_URI"):
        assert f"  - {setting}:" in result.output
    assert run(app, config_command, "--check").exit_code == 1


def test_config_is_satisfied_by_a_production_setup(app, monkeypatch):
    monkeypatch.setenv("FACTCHECK_SECRET_KEY", "shared-between-servers")
    monkeypatch.setitem(app.config, "FACTCHECK_PUBLIC_URL", "https://checks.example.org")
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", "redis://:hidden@cache:6379/0")
    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    result = run(app, config_command, "--check")
    assert "hidden" not in result.output and "redis://:***@cache:6379/0" in result.output
    if sqlite:  # the one thing left: PostgreSQL
        assert result.exit_code == 1 and result.output.count("  - ") == 1
        assert "  - DATABASE_URL:" in result.output
    else:
        assert result.exit_code == 0 and "Ready for production." in result.output


def test_config_names_demo_users_left_in_the_database(app):
    run(app, seed_command)
    result = run(app, config_command)
    assert "5 demo users present" in result.output
    assert "  - demo data:" in result.output
