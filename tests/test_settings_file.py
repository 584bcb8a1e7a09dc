"""A `.env` file in the working folder configures the server and the commands alike: a user the
CLI creates on the database `.env` names can call the gunicorn server started from that folder,
on the port `.env` names. The environment still wins over the file.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def folder(tmp_path):
    """A working folder with a .env, and an environment that sets none of what it sets."""
    port = _free_port()
    (tmp_path / ".env").write_text(
        f"DATABASE_URL=sqlite:///{tmp_path / 'desk.db'}\n"
        f"PORT={port}\nHOST=127.0.0.1\nWEB_CONCURRENCY=1\n"
        "FACTCHECK_SECRET_KEY=from-the-settings-file\n"
        "FACTCHECK_ORGANISATION_NAME=Settings File Desk\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "FLASK_"))}
    for name in ("DATABASE_URL", "PORT", "HOST", "WEB_CONCURRENCY"):
        env.pop(name, None)
    env["FACTCHECK_QUEUE_URL"] = "inline"  # no job outlives the test
    return tmp_path, port, env


def flask(folder, env, *args) -> str:
    command = [sys.executable, "-m", "flask", "--app", str(ROOT / "wsgi.py"), *args]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_cli_and_the_server_read_the_same_settings_file(folder):
    path, port, env = folder
    flask(path, env, "db", "upgrade")
    token = flask(path, env, "users", "create", "alice", "--role", "admin").splitlines()[-1]
    report = flask(path, env, "config")
    assert str(path / ".env") in report and str(path / "desk.db") in report

    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")]
    command += ["--pythonpath", str(ROOT), "wsgi:app"]
    with open(path / "gunicorn.log", "wb") as log:
        server = subprocess.Popen(command, cwd=path, env=env, stdout=log, stderr=log)
    try:
        me = _get(port, "/api/v1/me", token, server, path / "gunicorn.log")
        assert me["name"] == "alice" and me["role"] == "admin"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def test_the_environment_wins_over_the_settings_file(folder):
    path, _, env = folder
    env["FACTCHECK_ORGANISATION_NAME"] = "Environment Desk"
    code = "import wsgi; print(wsgi.app.config['FACTCHECK_ORGANISATION_NAME'])"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=path, env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Environment Desk"


def _get(port, url_path, token, server, log) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{url_path}", headers={"Authorization": f"Bearer {token}"}
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as error:  # answered, but not as the CLI's user
            pytest.fail(f"{error.code}: {error.read()!r}")
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
