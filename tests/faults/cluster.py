"""Stopping and starting the local PostgreSQL cluster that holds the test database.

Fault tests may only do this on a machine where they are allowed to: FACTCHECK_FAULT_TESTS=1
(.ci/run sets it; restarting a shared server must not happen by accident), the test database
is a PostgreSQL database on 127.0.0.1, the Debian cluster tools are installed, the tests run as
root, and exactly one cluster listens on the database's port.
"""

import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from factcheck.config import normalise_database_url

HOST = "127.0.0.1"
COMMAND_TIMEOUT = 30  # seconds for one pg_ctlcluster call


class Cluster:
    def __init__(self, version: str, name: str, port: int):
        self.version, self.name, self.port = version, name, port

    def _ctl(self, action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action],
            check=True,
            capture_output=True,
            timeout=COMMAND_TIMEOUT,
        )

    def stop(self) -> None:
        """Fast shutdown: every session on the cluster is rolled back and disconnected."""
        self._ctl("stop")

    def start(self, timeout: float) -> float:
        """Start the cluster; when it first accepted connections (pg_ctlcluster itself returns
        a while later)."""
        with ThreadPoolExecutor(max_workers=1) as starter:
            starting = starter.submit(self._ctl, "start")
            try:
                return self.wait_ready(timeout)
            finally:
                starting.result(timeout=COMMAND_TIMEOUT)

    def ready(self) -> bool:
        result = subprocess.run(
            ["pg_isready", "-q", "-h", HOST, "-p", str(self.port)],
            check=False,
            timeout=COMMAND_TIMEOUT,
        )
        return result.returncode == 0

    def wait_ready(self, timeout: float) -> float:
        """Wait (at most `timeout` seconds) until the cluster accepts connections; when it did."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ready():
                return time.monotonic()
            time.sleep(0.05)
        raise TimeoutError(f"PostgreSQL {self.version}/{self.name} not ready after {timeout} s")


def _clusters() -> list[Cluster]:
    try:
        result = subprocess.run(
            ["pg_lsclusters", "--no-header"],
            check=True,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[2].isdigit():
            found.append(Cluster(fields[0], fields[1], int(fields[2])))
    return found


def restartable_cluster() -> tuple[Cluster | None, str]:
    """The cluster holding the test database, or None and why the fault tests cannot run."""
    url = os.environ.get("FACTCHECK_TEST_DATABASE_URL")
    if not url:
        return None, "needs FACTCHECK_TEST_DATABASE_URL naming a PostgreSQL database on 127.0.0.1"
    if os.environ.get("FACTCHECK_FAULT_TESTS") != "1":
        return None, "restarts the PostgreSQL server: set FACTCHECK_FAULT_TESTS=1 (.ci/run does)"
    parsed = sa.engine.make_url(normalise_database_url(url))
    if parsed.get_backend_name() != "postgresql":
        return None, "needs a PostgreSQL FACTCHECK_TEST_DATABASE_URL"
    if parsed.host != HOST:
        return None, f"restarts the database server: only for one on {HOST}"
    if not all(shutil.which(tool) for tool in ("pg_ctlcluster", "pg_lsclusters", "pg_isready")):
        return None, "needs pg_ctlcluster, pg_lsclusters and pg_isready to restart the cluster"
    if os.geteuid() != 0:
        return None, "needs root to restart the PostgreSQL cluster"
    port = parsed.port or 5432
    matching = [cluster for cluster in _clusters() if cluster.port == port]
    if len(matching) != 1:
        return None, f"needs exactly one local PostgreSQL cluster on port {port}"
    return matching[0], ""
