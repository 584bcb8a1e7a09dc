"""The walk-through in docs/api.md, run as written against a live server."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
GUIDE = PROJECT / "docs" / "api.md"


def walkthrough() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    section = re.search(r"<!-- walkthrough:start -->\s*```bash\n(.*?)```", text, re.S)
    assert section, "docs/api.md lost its walk-through block"
    return section.group(1)


@pytest.mark.skipif(shutil.which("curl") is None, reason="the walk-through uses curl")
def test_walkthrough_runs_as_written(live_server, client, database_url):
    # The block uses the project's .venv/bin/flask against the database the server uses.
    project = PROJECT
    if not (project / ".venv" / "bin" / "flask").exists():
        pytest.skip("the walk-through runs in a checkout set up by `make`")
    result = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + walkthrough()],
        cwd=project,
        env={**os.environ, "API": live_server.url("/api/v1"), "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"textual_rating":"Mostlyfalse"' in result.stdout.replace(" ", "")

    claims = client.get("/api/v1/claims").json["items"]
    assert len(claims) == 1
    claim = claims[0]
    assert claim["status"] == "published"
    assert claim["claimant"] == "Labour minister Jane Doe"
    assert claim["current_verdict"]["rating"] == "mostly_false"
    assert [s["stance"] for s in claim["sources"]] == ["refutes"]
    article = client.get(f"/api/v1/articles/{claim['article_id']}").json
    assert article["body"][claim["span_start"] : claim["span_end"]] == (
        "Unemployment fell to 4.1% in March"
    )
