"""The app factory, configuration, the error shape every failure shares, and the docs."""

import json
import re
import subprocess
import sys
import time

import pytest

from factcheck import create_app
from factcheck.config import Config, normalise_database_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_use_psycopg3(given, expected):
    assert normalise_database_url(given) == expected


def test_default_database_and_secret_live_in_instance(tmp_path, monkeypatch):
    class Bare(Config):
        SQLALCHEMY_DATABASE_URI = ""
        SECRET_KEY = None

    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    app = create_app(Bare)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/factcheck.db"
    secret = (tmp_path / "secret_key").read_text()
    assert app.config["SECRET_KEY"] == secret
    # A second worker or a restart reads the same key, so cursors stay valid across them.
    assert create_app(Bare).config["SECRET_KEY"] == secret


def test_processes_starting_together_share_one_instance_secret(tmp_path):
    """Servers and workers started at once on a fresh folder: none fails, all sign alike."""
    script = (
        "import sys, time; from factcheck import _instance_secret\n"
        "time.sleep(float(sys.argv[2]) - time.time())\n"
        "print(_instance_secret(sys.argv[1]))"
    )
    start = time.time() + 2  # every process has imported by then and starts at once
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(12)
    ]
    results = [process.communicate(timeout=60) for process in processes]
    assert all(process.returncode == 0 for process in processes), [e for _, e in results]
    keys = {out.strip() for out, _ in results}
    assert keys == {(tmp_path / "secret_key").read_text()}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["secret_key"]


def assert_problem(response, status):
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    body = response.json
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    return body


def test_unknown_path_is_json_404(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404)


def test_wrong_method_is_405_with_allow(client):
    response = client.put("/api/v1/claims", json={})
    assert_problem(response, 405)
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_non_json_body_is_415(client):
    response = client.post("/api/v1/claims", data="text=hello", content_type="text/plain")
    body = assert_problem(response, 415)
    assert "application/json" in body["detail"]


def test_missing_content_type_is_415(client):
    assert_problem(client.post("/api/v1/claims", data=b'{"text": "x"}'), 415)


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/claims", data="{", content_type="application/json")
    body = assert_problem(response, 400)
    assert "JSON" in body["detail"]


def test_invalid_utf8_is_400(client):
    response = client.post(
        "/api/v1/claims", data=b'{"text": "\xff"}', content_type="application/json"
    )
    assert_problem(response, 400)


def test_deeply_nested_json_is_400(client):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/claims", data=body, content_type="application/json")
    assert_problem(response, 400)


def test_body_over_the_limit_is_413(client, app):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post("/api/v1/articles", data=b"x" * size, content_type="application/json")
    assert_problem(response, 413)


def test_ids_out_of_range_are_404_not_500(client):
    assert_problem(client.get("/api/v1/claims/0"), 404)
    assert_problem(client.get("/api/v1/claims/-1"), 404)
    assert_problem(client.get("/api/v1/claims/99999999999999999999999"), 404)
    assert_problem(client.get("/api/v1/claims/abc"), 404)


def test_openapi_document_describes_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    expected = {
        "/api/v1/articles": {"get", "post"},
        "/api/v1/articles/{article_id}": {"get", "patch", "delete"},
        "/api/v1/articles/{article_id}/claims": {"get"},
        "/api/v1/claims": {"get", "post"},
        "/api/v1/claims/{claim_id}": {"get", "patch", "delete"},
        "/api/v1/claims/{claim_id}/sources": {"get", "post"},
        "/api/v1/sources/{source_id}": {"get", "patch", "delete"},
        "/api/v1/claims/{claim_id}/verdicts": {"get", "post"},
        "/api/v1/verdicts/{verdict_id}": {"get"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    error = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert "application/problem+json" in error


def test_docs_page_uses_only_local_assets(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "//cdn" not in html and "unpkg" not in html and "jsdelivr" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        assert f"/api/v1/docs/assets/{asset}" in html
        response = client.get(f"/api/v1/docs/assets/{asset}")
        assert response.status_code == 200 and len(response.data) > 1000
        response.close()


def _swagger_ui_config(html: str) -> dict:
    found = re.search(r"SwaggerUIBundle\((\{.*?\})\)", html, re.S)
    assert found, html
    return json.loads(found.group(1))


def test_docs_page_never_calls_the_online_validator(client):
    html = client.get("/api/v1/docs").get_data(as_text=True)
    config = _swagger_ui_config(html)
    assert config["validatorUrl"] == "none"
    assert config["url"] == "/api/v1/openapi.json"
    # and loads nothing from anywhere else
    assert all(url.startswith("/") for url in re.findall(r'(?:src|href)="([^"]*)"', html))


def test_docs_page_icon_and_the_site_icon_are_served_here(anonymous):
    html = anonymous.get("/api/v1/docs").get_data(as_text=True)
    icons = re.findall(r'<link rel="icon"[^>]*href="([^"]+)"', html)
    assert icons and all(icon.startswith("/api/v1/docs/assets/") for icon in icons)
    for url in [*icons, "/favicon.ico"]:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert response.content_type == "image/png" and response.data[:4] == b"\x89PNG", url
        response.close()


def test_missing_body_is_422_but_an_empty_object_is_fine(client):
    response = client.post("/api/v1/claims")
    body = assert_problem(response, 422)
    assert body["detail"] == "A JSON request body is required."
    claim = client.post("/api/v1/claims", json={"text": "Taxes doubled."}).json
    assert_problem(client.patch(f"/api/v1/claims/{claim['id']}"), 422)
    assert client.patch(f"/api/v1/claims/{claim['id']}", json={}).status_code == 200
