"""gunicorn settings, read automatically when gunicorn starts in this folder.

Every value can be overridden from the environment: PORT, HOST, WEB_CONCURRENCY.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# The app is loaded once in the master, then forked: faster start, shared read-only memory.
preload_app = True
accesslog = "-"
graceful_timeout = 30
# gunicorn answers over-long request lines itself, in HTML; the largest allowed line keeps every
# URL the API documents (bounded query parameters) in the app's hands and its JSON errors.
limit_request_line = 8190
