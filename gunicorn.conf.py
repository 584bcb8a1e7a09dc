"""gunicorn settings, read automatically when gunicorn starts in this folder.

Every value can be overridden from the environment: PORT, HOST, WEB_CONCURRENCY,
GUNICORN_TIMEOUT, GUNICORN_GRACEFUL_TIMEOUT, GUNICORN_KEEPALIVE, GUNICORN_MAX_REQUESTS,
GUNICORN_MAX_REQUESTS_JITTER, FACTCHECK_LOG_LEVEL and FORWARDED_ALLOW_IPS (gunicorn's own),
or from the `.env` file that wsgi.py reads, loaded here first so that PORT and HOST in it count.
"""

import multiprocessing
import os

from flask.cli import load_dotenv
from flask.helpers import get_load_dotenv

if get_load_dotenv():
    load_dotenv()


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# The app is loaded once in the master, then forked: faster start, shared read-only memory.
preload_app = True

# A worker silent this long (a request stuck on a lost database) is killed and replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM (a deploy, a scale-down) workers stop accepting connections and get this long to
# finish the requests they hold. Keep it below the orchestrator's own grace period (Kubernetes'
# terminationGracePeriodSeconds, 30 s by default) and take the instance out of the load balancer
# first, for example by failing its readiness probe.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 25)
# Idle keep-alive connections; behind a load balancer make this longer than the balancer's own
# idle timeout so the balancer, not gunicorn, closes them.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Workers are replaced after about this many requests (staggered by the jitter so they do not all
# restart together): bounds slow memory growth. 0 turns recycling off.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Heartbeat files in memory, not on a disk that may stall (containers mount /dev/shm).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# gunicorn refuses malformed requests itself (bad request line, NUL in a header, a line or
# header over these limits: 400, 414, 431); these workers send those answers as problem+json
# instead of gunicorn's HTML page. Bodies are capped by the app (FACTCHECK_MAX_BODY_BYTES, 413).
worker_class = "factcheck.gunicorn_workers.SyncWorker"
limit_request_line = 8190  # gunicorn's maximum; the bounded query parameters fit in it
limit_request_field_size = 8190
limit_request_fields = 100

# Behind a reverse proxy: gunicorn trusts X-Forwarded-Proto (https links) only from the addresses
# in FORWARDED_ALLOW_IPS (default 127.0.0.1,::1); set it to the proxy's address or network. The
# client address in logs and rate limits comes from X-Forwarded-For only with
# FACTCHECK_TRUSTED_PROXIES set to the number of proxies in front of the app.

# Logs: JSON lines on stderr, gunicorn's own records and the app's alike. The app writes one line
# per request (factcheck.request) with its request id, so gunicorn's access log is off.
_log_level = os.environ.get("FACTCHECK_LOG_LEVEL", "INFO").upper()
accesslog = None
loglevel = _log_level.lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "factcheck.observability.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"level": _log_level, "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": _log_level, "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "INFO", "handlers": ["discard"], "propagate": False},
    },
}


def post_worker_init(worker):
    """The embedded job queue (no FACTCHECK_QUEUE_URL): each worker starts its job threads and
    sweeper when it boots, so a replacement for a killed worker takes over the dead one's
    overdue jobs before any request reaches it."""
    queue = getattr(worker.wsgi, "extensions", {}).get("factcheck.queue")
    if queue is not None and queue.mode == "local":
        queue.start_local_worker()
