"""The job queue: Dramatiq carries job ids; the database holds every job's state.

Three modes, chosen by FACTCHECK_QUEUE_URL:

- unset (the embedded default): each server process runs its own Dramatiq worker threads on
  an in-memory broker, started when a gunicorn worker boots (gunicorn.conf.py), or with its
  first request under another server. Nothing else to run. Jobs queued by a
  CLI command wait in the database until a server's sweeper finds them.
- `redis://host:6379/0`: servers only send; `flask --app wsgi worker` processes, on any
  number of machines, consume. Dramatiq's Redis broker acknowledges a message only once its
  job returned, and hands the messages of a worker that stopped heart-beating to another.
- `inline`: a job runs right after the commit that queued it, in the same thread (tests and
  debugging; never for serving).

Messages are sent only after the transaction that queued them commits (a rolled-back change
queues nothing), and every job can be run again safely: each claims its row with a lease
first (services/jobs.py, services/delivery.py). Whatever a broker loses (a process killed
between commit and send, the in-memory broker of a stopped server) the sweeper finds in the
database and sends again.
"""

import logging
import os
import threading
import time
from collections.abc import Callable

import dramatiq
import sqlalchemy as sa
import sqlalchemy.orm as so
from dramatiq.brokers.stub import StubBroker
from flask import Flask, current_app

log = logging.getLogger(__name__)

QUEUE_NAME = "factcheck"
_OUTGOING = "factcheck.queue.outgoing"  # session.info: messages of the open transaction
_COMMITTED = "factcheck.queue.committed"  # inline mode: committed, not yet run


class Queue:
    """One app's broker, its actors, and (embedded mode) its in-process worker."""

    def __init__(self, app: Flask):
        self.app = app
        url = app.config.get("FACTCHECK_QUEUE_URL") or ""
        self.mode = "redis" if url.startswith(("redis://", "rediss://")) else url or "local"
        if self.mode not in ("redis", "local", "inline"):
            raise RuntimeError(f"FACTCHECK_QUEUE_URL must be redis://..., inline or unset: {url}")
        if self.mode == "redis":
            from dramatiq.brokers.redis import RedisBroker

            self.broker = RedisBroker(
                url=url,
                namespace=app.config["FACTCHECK_QUEUE_NAMESPACE"],
                heartbeat_timeout=int(app.config["FACTCHECK_QUEUE_HEARTBEAT_SECONDS"] * 1000),
            )
        else:
            self.broker = StubBroker()
        self.actors: dict[str, dramatiq.Actor] = {}
        self._worker_pid = None  # the process whose worker consumes `broker` (local mode)
        self._lock = threading.Lock()

    def register(self, fn: Callable, **options) -> None:
        """Make `fn(*args)` a job, run inside this app's context."""
        app = self.app

        def run(*args):
            with app.app_context():
                fn(*args)

        run.__name__ = fn.__name__
        self.actors[fn.__name__] = dramatiq.actor(
            run, actor_name=fn.__name__, queue_name=QUEUE_NAME, broker=self.broker, **options
        )

    def send(self, name: str, *args, delay_seconds: float | None = None) -> None:
        """Send now (callers are past their commit: see `later`)."""
        if self.mode == "inline":
            # A retry waits in its row's next_attempt_at until `tasks.sweep()` finds it due.
            if not delay_seconds:
                self.actors[name].fn(*args)
            return
        if self.mode == "local" and self._worker_pid != os.getpid():
            # No worker in this process (a CLI command): the job waits in the database, where
            # a server's sweeper finds it.
            return
        options = {"delay": int(delay_seconds * 1000)} if delay_seconds else {}
        self.actors[name].send_with_options(args=args, **options)

    # -- the in-process worker (embedded mode) and the `flask worker` process ----------------

    def start_local_worker(self) -> None:
        """Start this process's worker threads and sweeper once (and again after a fork: a
        preloaded app is created in gunicorn's master, whose threads its workers lack)."""
        if self._worker_pid == os.getpid():
            return
        with self._lock:
            if self._worker_pid != os.getpid():
                self.work(threads=self.app.config["FACTCHECK_QUEUE_THREADS"])

    def work(self, *, threads: int) -> dramatiq.Worker:
        """Consume this app's queue with `threads` threads, and sweep the database for work a
        broker lost, in the background; returns the running worker."""
        # An idle consumer polls Redis at most every 100 ms (Dramatiq's default is 1 s): a
        # webhook goes out about a tenth of a second after its commit, not a second.
        worker = dramatiq.Worker(
            self.broker, queues={QUEUE_NAME}, worker_threads=threads, worker_timeout=100
        )
        worker.start()
        threading.Thread(target=self._sweep_forever, name="factcheck-sweeper", daemon=True).start()
        self._worker_pid = os.getpid()
        return worker

    def _sweep_forever(self) -> None:
        from factcheck import tasks

        interval = self.app.config["FACTCHECK_QUEUE_SWEEP_SECONDS"]
        while True:
            time.sleep(interval)
            try:
                with self.app.app_context():
                    tasks.sweep()
            except Exception:  # a database outage: try again next round
                log.exception("queue sweep failed")


def init_app(app: Flask) -> None:
    from factcheck import tasks

    queue = Queue(app)
    tasks.register(queue)
    app.extensions["factcheck.queue"] = queue
    if queue.mode == "local":
        app.before_request(queue.start_local_worker)


def current() -> Queue:
    return current_app.extensions["factcheck.queue"]


def later(session: so.Session, name: str, *args, delay_seconds: float | None = None) -> None:
    """Send job `name` with `args` once the session's transaction commits (never if it rolls
    back)."""
    session.info.setdefault(_OUTGOING, []).append((name, args, delay_seconds))


def run_committed(session: so.Session) -> None:
    """Inline mode: run the jobs the last commits queued, and those they queue, in turn."""
    while session.info.get(_COMMITTED):
        name, args, _delay = session.info[_COMMITTED].pop(0)
        try:
            current().actors[name].fn(*args)
        except Exception:  # recorded on the job's row; the caller's change stands
            log.exception("job %s%r failed", name, args)


@sa.event.listens_for(so.Session, "after_commit")
def _send_committed(session):
    outgoing = session.info.pop(_OUTGOING, None)
    if not outgoing:
        return
    queue = current()
    if queue.mode == "inline":  # no SQL may run inside this hook: run_committed runs them
        session.info.setdefault(_COMMITTED, []).extend(outgoing)
        return
    for name, args, delay in outgoing:
        try:
            queue.send(name, *args, delay_seconds=delay)
        except Exception:  # the broker is down: the change stands, the sweeper sends it
            log.exception("could not queue %s%r; the sweeper will", name, args)


@sa.event.listens_for(so.Session, "after_soft_rollback")
def _forget_rolled_back(session, previous_transaction):
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(_OUTGOING, None)
