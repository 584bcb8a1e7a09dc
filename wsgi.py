"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`.

Settings come from the environment, and from `.env` (and `.flaskenv`) in the working folder or
above it for the variables the environment leaves unset: Flask's own loader, the one every
`flask --app wsgi` command runs, so the server and the commands read the same values.
FLASK_SKIP_DOTENV=1 turns it off.
"""

from flask.cli import load_dotenv
from flask.helpers import get_load_dotenv

if get_load_dotenv():
    load_dotenv()

from factcheck import create_app  # noqa: E402 (the configuration is read on import)

app = create_app()
