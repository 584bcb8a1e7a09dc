"""The README's webhook receiver, run as written: it verifies a real delivery and refuses one
signed with another secret."""

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.services import webhooks
from tests.factories import create_claim

ROOT = Path(__file__).resolve().parents[1]


def receiver_code() -> str:
    readme = (ROOT / "README.md").read_text()
    found = re.search(r"<!-- receiver -->\n```python\n(.*?)```", readme, re.S)
    assert found, "the README lost its receiver example"
    return found.group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail("the README receiver did not start")


@pytest.mark.parametrize("right_secret", [True, False])
def test_the_readme_receiver_verifies_deliveries(client, loopback_allowed, tmp_path, right_secret):
    assert len([line for line in receiver_code().splitlines() if line.strip()]) <= 12
    script = tmp_path / "receiver.py"
    script.write_text(receiver_code())
    port = _free_port()
    made = client.post(
        "/api/v1/webhooks",
        json={"url": f"http://127.0.0.1:{port}/", "event_types": ["claim.submitted"]},
    ).json
    secret = made["secret"] if right_secret else webhooks.new_secret()
    env = {"WEBHOOK_SECRET": secret, "PORT": str(port), "PATH": ""}
    process = subprocess.Popen(
        [sys.executable, str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        _wait_listening(port)
        claim = create_claim(client)
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    log = client.get(f"/api/v1/webhooks/{made['id']}/deliveries").json["items"]
    (delivery,) = log
    if right_secret:
        assert out.split() == [delivery["webhook_id"], "claim.submitted"]
        assert (
            delivery["status"] == "succeeded"
            and delivery["payload"]["data"]["claim"]["id"] == (claim["id"])
        )
    else:
        assert out == "" and "WebhookVerificationError" in err
        assert delivery["status"] == "pending" and delivery["response_status"] is None
