"""The reader pages in a real browser: headless Chromium (Debian's) driven by Playwright,
against the app served on a loopback port.

Skipped when Playwright or Chromium is missing, unless FACTCHECK_REQUIRE_BROWSER=1 (CI sets
it): then a missing browser is a failure. FACTCHECK_CHROMIUM names another Chromium binary.
"""

import json
import os
import threading
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tests.api.helpers import publish
from tests.reader.test_pages import ATOM, correct

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CLAIM = "Crime rose 50% </script><script>alert(1)</script> in 2023."


def _unavailable(reason: str):
    if os.environ.get("FACTCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and FACTCHECK_REQUIRE_BROWSER=1 requires the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def server(app):
    """The suite's app served on a free loopback port, in a thread of this process."""
    served = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.server_port}"
    served.shutdown()
    thread.join(timeout=10)
    served.server_close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request it makes and every console error."""
    context = browser.new_context()
    opened = context.new_page()
    opened.requested, opened.errors = [], []
    opened.on("request", lambda request: opened.requested.append(request.url))
    opened.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our loopback server)
        return response.read()


def test_fact_check_page_renders_offline_with_the_api_claim_review(page, server, client_as):
    claim = publish(client_as, rating="mostly_false", text=CLAIM, claimant="Mayor Jane Doe")
    correct(client_as, claim["id"], rating="false", correction_note="The rise was 5%, not 50%.")

    page.goto(f"{server}/fact-checks/{claim['id']}")
    assert CLAIM in page.title()
    heading = page.get_by_role("heading", level=1)
    assert heading.is_visible() and heading.inner_text() == CLAIM
    rating = page.locator("#rating")
    assert rating.is_visible() and rating.inner_text() == "False"
    assert page.get_by_text("False: 1 on a scale from 1 (false) to 5 (true).").is_visible()
    assert page.get_by_text("Mayor Jane Doe").is_visible()
    assert page.get_by_text("The rise was 5%, not 50%.").is_visible()
    assert page.evaluate("() => window.__alerted === undefined && document.scripts.length") == 1

    # The JSON-LD the browser reads is the API's ClaimReview for this fact-check.
    embedded = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    api = json.loads(fetch(f"{server}/api/v1/fact-checks/{claim['id']}/claimreview"))
    assert embedded == api
    assert api["url"] == f"{server}/fact-checks/{claim['id']}"
    assert api["claimReviewed"] == CLAIM

    # Its feed link leads to a valid Atom feed with this fact-check and its correction.
    feed_link = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    feed = ET.fromstring(fetch(feed_link.get_attribute("href")))
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert api["url"] in ids and any(i.startswith(api["url"] + "#correction-") for i in ids)

    # The corrections page, reached from the site's navigation, and the policy it links.
    page.get_by_role("navigation").get_by_role("link", name="Corrections").click()
    page.wait_for_url(f"{server}/corrections")
    assert page.get_by_role("heading", level=1).inner_text() == "Corrections"
    assert page.get_by_text("The rise was 5%, not 50%.").is_visible()
    assert page.get_by_text("Rating changed from Mostly false to False.").is_visible()
    page.get_by_role("main").get_by_role("link", name="corrections policy").click()
    page.wait_for_url(f"{server}/corrections/policy")
    assert page.get_by_role("heading", level=1).inner_text() == "Corrections policy"

    # Nothing was asked of any other host, and the Content-Security-Policy refused nothing.
    assert page.requested
    assert {urlsplit(url).netloc for url in page.requested} == {urlsplit(server).netloc}
    assert page.errors == []


def test_a_missing_fact_check_is_a_readable_404(page, server):
    response = page.goto(f"{server}/fact-checks/4242")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Not found"
    assert page.get_by_role("link", name="See our latest fact-checks").is_visible()
    assert {urlsplit(url).netloc for url in page.requested} == {urlsplit(server).netloc}
