"""Reader pages: one fact-check as HTML with its ClaimReview, corrections, sitemap and Atom."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from factcheck.reader import feeds
from tests.api.helpers import act, publish
from tests.api.test_query_budgets import statements
from tests.factories import create_claim, create_source, create_verdict
from tests.test_app import assert_problem

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def site(app) -> str:
    """The test client's absolute base URL (pytest-flask's live_server, once started, sets
    SERVER_NAME for the rest of the session)."""
    return "http://" + (app.config.get("SERVER_NAME") or "localhost")


class Page(HTMLParser):
    """What a test needs of a page: its text, JSON-LD blocks, links and elements with ids."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text, self.json_ld, self.links, self.ids, self.anchors = [], [], [], set(), []
        self.title, self._in = "", None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "script":
            self._in = ("script", attrs.get("type"))
            self.json_ld.append("") if attrs.get("type") == "application/ld+json" else None
        elif tag in ("title", "style"):
            self._in = (tag, None)
        if tag == "link":
            self.links.append(attrs)
        if tag == "a":
            self.anchors.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if self._in and self._in[0] == tag:
            self._in = None

    def handle_data(self, data):
        if self._in == ("script", "application/ld+json"):
            self.json_ld[-1] += data
        elif self._in and self._in[0] == "title":
            self.title += data
        elif self._in is None:
            self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def get_page(client, url, status=200) -> tuple[Page, object]:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return Page(response.get_data(as_text=True)), response


def correct(client_as, claim_id, rating="true", **verdict):
    editor, reviewer = client_as("editor"), client_as("reviewer")
    act(editor, claim_id, "reopen", note="Internal: the ONS revised its figures.")
    body = {"rating": rating, "summary": "Revised figures show it.", **verdict}
    created = reviewer.post(f"/api/v1/claims/{claim_id}/verdicts", json=body)
    assert created.status_code == 201, created.json
    act(reviewer, claim_id, "propose")
    act(client_as("editor-2"), claim_id, "approve")
    assert act(editor, claim_id, "publish").status_code == 200


def test_fact_check_page_shows_the_public_fact_check(site, client_as, anonymous):
    claim = publish(
        client_as,
        rating="mostly_false",
        text="Unemployment fell to 4.1% in March.",
        claimant="Labour minister Jane Doe",
        claim_date="2024-04-02",
        quote="We brought it down to 4.1 per cent.",
        appearance_url="https://social.example.com/janedoe/status/1",
    )
    page, response = get_page(anonymous, f"/fact-checks/{claim['id']}")
    assert "Unemployment fell to 4.1% in March." in page.title
    words = page.words
    for shown in (
        "Unemployment fell to 4.1% in March.",
        "Labour minister Jane Doe",
        "2 April 2024",
        "We brought it down to 4.1 per cent.",
        "Mostly false: 2 on a scale from 1 (false) to 5 (true)",
        "What the record shows.",
        "Statistics",
        "Contradicts the claim",
        "Published",
    ):
        assert shown in words, shown
    assert "https://stats.example.org/a" in page.anchors
    assert "https://social.example.com/janedoe/status/1" in page.anchors
    assert "Corrections" not in words.split("Published")[0].split("Atom feed", 1)[1]
    # Only public fields: nothing of the workflow.
    html = response.get_data(as_text=True)
    for hidden in ("reviewer", "editor", "in_review", "author_id", "approved"):
        assert hidden not in html, hidden
    [feed] = [link for link in page.links if link.get("rel") == "alternate"]
    assert feed["type"] == "application/atom+xml" and feed["href"].endswith("/feed.atom")
    [canonical] = [link for link in page.links if link.get("rel") == "canonical"]
    assert canonical["href"] == f"{site}/fact-checks/{claim['id']}"


def test_page_json_ld_is_the_api_claim_review(site, client_as, anonymous):
    claim = publish(client_as, text="Crime doubled in 2023.", tags=["crime"])
    page, _ = get_page(anonymous, f"/fact-checks/{claim['id']}")
    [block] = page.json_ld
    api = anonymous.get(f"/api/v1/fact-checks/{claim['id']}/claimreview").json
    assert json.loads(block) == api
    assert api["url"] == f"{site}/fact-checks/{claim['id']}"


HOSTILE = 'Fake </script><script>alert("x")</script> & <!-- claim'


def test_hostile_claim_text_cannot_break_out_of_the_json_ld(client_as, anonymous):
    claim = publish(client_as, text=HOSTILE, claimant="</script><b>Mallory</b>")
    page, response = get_page(anonymous, f"/fact-checks/{claim['id']}")
    html = response.get_data(as_text=True)
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert "<b>Mallory</b>" not in html and "<!--" not in html
    [block] = page.json_ld
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["claimReviewed"] == HOSTILE
    assert HOSTILE in page.words and "</script><b>Mallory</b>" in page.words


def test_only_published_fact_checks_of_ours_have_pages(client, client_as, anonymous):
    draft = create_claim(client)
    assert get_page(anonymous, f"/fact-checks/{draft['id']}", 404)[0].title.startswith("404")
    published = publish(client_as)
    assert client.delete(f"/api/v1/claims/{published['id']}").status_code == 204
    get_page(anonymous, f"/fact-checks/{published['id']}", 404)
    get_page(anonymous, "/fact-checks/99999999", 404)
    imported = (
        client_as("editor")
        .post(
            "/api/v1/imports/claimreview",
            json={
                "@type": "ClaimReview",
                "url": "https://other.example/review",
                "claimReviewed": "The moon is cheese.",
                "author": {"@type": "Organization", "name": "Other Desk"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
            },
        )
        .json
    )
    get_page(anonymous, f"/fact-checks/{imported['items'][0]['claim_id']}", 404)
    assert_problem(anonymous.get("/fact-checks/abc"), 404)


def test_a_reopened_fact_check_shows_its_published_version(client_as, anonymous):
    claim = publish(client_as, rating="false", text="Taxes rose 10%.")
    act(client_as("editor"), claim["id"], "reopen", note="Checking again.")
    create_verdict(client_as("reviewer"), claim["id"], rating="true", summary="Unpublished.")
    page, _ = get_page(anonymous, f"/fact-checks/{claim['id']}")
    assert "False: 1 on a scale" in page.words and "Unpublished." not in page.words


def test_corrections_show_on_the_page_and_the_corrections_page(site, client_as, anonymous):
    claim = publish(client_as, rating="false", text="Exports fell by a third.")
    other = publish(client_as, text="Never corrected.")
    correct(client_as, claim["id"], correction_note="Exports fell by a tenth, not a third.")
    page, _ = get_page(anonymous, f"/fact-checks/{claim['id']}")
    words = page.words
    assert "Exports fell by a tenth, not a third." in words
    assert "The rating changed from False to True." in words
    assert "Internal: the ONS" not in words  # the reopen note is the desk's, not the reader's
    [verdict] = [
        v
        for v in client_as("editor").get(f"/api/v1/claims/{claim['id']}/verdicts").json["items"]
        if v["correction_note"]
    ]
    assert f"correction-{verdict['id']}" in page.ids
    assert "corrected" in words

    corrections, _ = get_page(anonymous, "/corrections")
    assert "Exports fell by a third." in corrections.words
    assert "Exports fell by a tenth, not a third." in corrections.words
    assert "Rating changed from False to True." in corrections.words
    assert "Never corrected." not in corrections.words
    assert f"/fact-checks/{claim['id']}#correction-{verdict['id']}" in corrections.anchors
    assert f"{site}/corrections/policy" in corrections.anchors
    policy, _ = get_page(anonymous, "/corrections/policy")
    assert "Corrections policy" in policy.title and "corrections page" in policy.words
    assert other["id"]


def test_a_bad_cursor_is_an_html_400(anonymous):
    for url in ("/?cursor=forged", "/corrections?cursor=forged"):
        page, _ = get_page(anonymous, url, 400)
        assert "cursor" in page.words.lower()


def test_corrections_policy_can_be_replaced(app_with, tmp_path):
    (tmp_path / "reader").mkdir()
    (tmp_path / "reader" / "corrections_policy.html").write_text(
        '{% extends "reader/base.html" %}{% block main %}<p>Our own policy.</p>{% endblock %}'
    )
    own = app_with(FACTCHECK_TEMPLATES_DIR=str(tmp_path)).test_client()
    page, _ = get_page(own, "/corrections/policy")
    assert "Our own policy." in page.words
    elsewhere = app_with(FACTCHECK_CORRECTIONS_POLICY_URL="https://desk.example/corrections")
    page, _ = get_page(elsewhere.test_client(), "/corrections")
    assert "https://desk.example/corrections" in page.anchors


def test_index_lists_fact_checks_newest_first_and_pages(client_as, anonymous, monkeypatch):
    import factcheck.reader

    first = publish(client_as, text="First claim checked.")
    second = publish(client_as, text="Second claim checked.")
    monkeypatch.setattr(factcheck.reader, "PAGE_SIZE", 1)
    page, _ = get_page(anonymous, "/")
    assert "Second claim checked." in page.words and "First claim checked." not in page.words
    [older] = [a for a in page.anchors if a and "cursor=" in a]
    page, _ = get_page(anonymous, older)
    assert "First claim checked." in page.words
    assert f"/fact-checks/{first['id']}" in page.anchors and second["id"]


def test_article_url_is_the_claim_review_url(client, client_as, anonymous):
    article = "https://desk.example/2024/04/unemployment-fact-check"
    claim = publish(client_as, text="Unemployment is at a record low.")
    correct(client_as, claim["id"], article_url=article, correction_note="Linked our article.")
    review = anonymous.get(f"/api/v1/fact-checks/{claim['id']}/claimreview").json
    assert review["url"] == article
    feed = anonymous.get("/api/v1/feeds/claimreview").json
    assert feed["dataFeedElement"][0]["item"][0]["url"] == article
    searched = anonymous.get("/api/v1/claims:search").json["claims"][0]["claimReview"][0]
    assert searched["url"] == article and searched["publisher"]["name"]
    fact_check = anonymous.get(f"/api/v1/fact-checks/{claim['id']}").json
    assert fact_check["verdict"]["article_url"] == article
    page, _ = get_page(anonymous, f"/fact-checks/{claim['id']}")
    [canonical] = [link for link in page.links if link.get("rel") == "canonical"]
    assert canonical["href"] == article and article in page.anchors
    assert json.loads(page.json_ld[0]) == review


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "ftp://desk.example/a", "", "https://", "desk.example/a"]
)
def test_article_url_must_be_http(client, bad):
    claim = create_claim(client)
    client.post(f"/api/v1/claims/{claim['id']}/actions", json={"action": "accept"})
    response = client.post(
        f"/api/v1/claims/{claim['id']}/verdicts", json={"rating": "false", "article_url": bad}
    )
    body = assert_problem(response, 422)
    assert "article_url" in body["errors"]


def test_verdict_article_url_and_note_round_trip(client):
    claim = create_claim(client)
    client.post(f"/api/v1/claims/{claim['id']}/actions", json={"action": "accept"})
    create_source(client, claim["id"])
    verdict = create_verdict(
        client, claim["id"], article_url=" https://desk.example/a ", correction_note="A note."
    )
    assert verdict["article_url"] == "https://desk.example/a"
    assert verdict["correction_note"] == "A note."
    patched = client.patch(
        f"/api/v1/verdicts/{verdict['id']}", json={"article_url": None, "correction_note": None}
    )
    assert patched.status_code == 200, patched.json
    assert patched.json["article_url"] is None and patched.json["correction_note"] is None


def test_sitemap_lists_our_pages_with_lastmod(site, client, client_as, anonymous):
    claim = publish(client_as, text="Listed in the sitemap.")
    elsewhere = publish(client_as, text="Reviewed in the desk's article.")
    correct(client_as, elsewhere["id"], article_url="https://desk.example/a")
    create_claim(client, text="Not published.")
    response = anonymous.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{SITEMAP}urlset"
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root}
    assert list(urls) == [f"{site}/fact-checks/{claim['id']}"]
    # One file: no numbered part serves the same list again.
    assert anonymous.get("/sitemaps/fact-checks-1.xml").status_code == 404
    fact_check = anonymous.get(f"/api/v1/fact-checks/{claim['id']}").json
    lastmod = urls[f"{site}/fact-checks/{claim['id']}"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", lastmod)
    assert fact_check["published_at"].startswith(lastmod[:-1])


def test_large_sitemaps_become_an_index(site, client_as, anonymous, monkeypatch):
    ids = [publish(client_as, text=f"Claim number {n} checked.")["id"] for n in range(3)]
    monkeypatch.setattr(feeds, "SITEMAP_MAX_URLS", 2)
    root = ET.fromstring(anonymous.get("/sitemap.xml").data)
    assert root.tag == f"{SITEMAP}sitemapindex"
    parts = [s.findtext(f"{SITEMAP}loc") for s in root]
    assert parts == [f"{site}/sitemaps/fact-checks-{n}.xml" for n in (1, 2)]
    found = []
    for part in parts:
        urlset = ET.fromstring(anonymous.get(part.removeprefix(site)).data)
        found += [u.findtext(f"{SITEMAP}loc").rsplit("/", 1)[1] for u in urlset]
    assert found == [str(i) for i in ids]
    assert anonymous.get("/sitemaps/fact-checks-3.xml").status_code == 404
    assert anonymous.get("/sitemaps/fact-checks-0.xml").status_code == 404


def test_atom_feed_has_fact_checks_and_corrections(site, client_as, anonymous):
    plain = publish(client_as, text="A plain <fact-check> & more.")
    corrected = publish(client_as, rating="false", text="Later corrected.")
    correct(client_as, corrected["id"], correction_note="We misread the table.")
    response = anonymous.get("/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == f"{site}/feed.atom"
    assert feed.findtext(f"{ATOM}title") and feed.find(f"{ATOM}author/{ATOM}name").text
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{site}/feed.atom", "alternate": f"{site}/"}
    entries = feed.findall(f"{ATOM}entry")
    by_id = {e.findtext(f"{ATOM}id"): e for e in entries}
    assert len(by_id) == len(entries) == 3
    page = f"{site}/fact-checks/{corrected['id']}"
    [correction_id] = [i for i in by_id if i.startswith(page + "#correction-")]
    correction = by_id[correction_id]
    assert correction.findtext(f"{ATOM}title") == "Correction: Later corrected."
    assert "We misread the table." in correction.findtext(f"{ATOM}summary")
    assert "from False to True" in correction.findtext(f"{ATOM}summary")
    assert [c.get("term") for c in correction.findall(f"{ATOM}category")] == ["correction"]
    updated_entry = by_id[page]
    assert updated_entry.findtext(f"{ATOM}updated") >= updated_entry.findtext(f"{ATOM}published")
    assert "corrected" in [c.get("term") for c in updated_entry.findall(f"{ATOM}category")]
    assert by_id[f"{site}/fact-checks/{plain['id']}"].findtext(f"{ATOM}title") == (
        "A plain <fact-check> & more."
    )
    for entry in entries:  # every entry: id, title, updated, an alternate link
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith(page[:22])
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0]


def test_empty_site(anonymous):
    assert "No fact-checks have been published yet." in get_page(anonymous, "/")[0].words
    assert "No fact-check has needed" in get_page(anonymous, "/corrections")[0].words
    feed = ET.fromstring(anonymous.get("/feed.atom").data)
    assert feed.findall(f"{ATOM}entry") == [] and feed.findtext(f"{ATOM}updated")
    assert len(ET.fromstring(anonymous.get("/sitemap.xml").data)) == 0


@pytest.mark.parametrize(
    "url", ["/", "/fact-checks/{id}", "/corrections", "/feed.atom", "/sitemap.xml"]
)
def test_answers_are_cacheable_and_conditional(client_as, anonymous, url):
    claim = publish(client_as)
    url = url.format(id=claim["id"])
    first = anonymous.get(url)
    assert first.status_code == 200 and first.headers["ETag"]
    assert (
        "public" in first.headers["Cache-Control"] and "max-age" in first.headers["Cache-Control"]
    )
    again = anonymous.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_pages_forbid_every_outside_resource(client_as, anonymous):
    claim = publish(client_as)
    response = anonymous.get(f"/fact-checks/{claim['id']}")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "style-src 'sha256-" in policy
    html = response.get_data(as_text=True)
    assert not re.search(r"(src|href)=\"(https?:)?//(?!localhost)[^\"]*\.(css|js|woff2?)", html)
    assert "<script src" not in html and "@import" not in html and "url(" not in html


def test_the_scale_marks_the_rating_in_words(client_as, anonymous):
    claim = publish(client_as, rating="misleading", text="Misleading one.")
    html = anonymous.get(f"/fact-checks/{claim['id']}").get_data(as_text=True)
    assert "Misleading: 2 on a scale from 1 (false) to 5 (true)." in html
    assert "aria-current=" not in html  # no step of the true-false scale is "misleading"
    unverifiable = publish(client_as, rating="unverifiable", text="Cannot be known.")
    page, _ = get_page(anonymous, f"/fact-checks/{unverifiable['id']}")
    assert "Unverifiable: not placed on the scale from true to false." in page.words
    half = publish(client_as, rating="half_true", text="Half of it.")
    html = anonymous.get(f"/fact-checks/{half['id']}").get_data(as_text=True)
    assert '<li aria-current="true">Half true</li>' in html


def reader_cost(app, client, url) -> int:
    client.get("/healthz")  # a connection in the pool: no set-up statements counted
    with statements(app) as seen:
        response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return len(seen)


# The claims, then one statement each for their published verdicts, external reviews (none:
# ours only), tags and, where shown, corrections.
READER_BUDGETS = {"/": 4, "/corrections": 5, "/feed.atom": 5, "/sitemap.xml": 2}


def test_a_fact_check_page_is_within_budget(app, client_as, anonymous):
    claim = publish(client_as, tags=["a", "b"])
    correct(client_as, claim["id"], correction_note="Fixed.")
    # The claim with its verdict, external review, tags and sources, the article's URL when it
    # has one, and the corrections: no statement per source or correction.
    assert reader_cost(app, anonymous, f"/fact-checks/{claim['id']}") <= 6


@pytest.mark.parametrize("url", list(READER_BUDGETS))
def test_reader_lists_cost_the_same_for_1_and_5_fact_checks(app, client_as, anonymous, url):
    def one():
        claim = publish(client_as, tags=["x"])
        correct(client_as, claim["id"], correction_note="Fixed.")

    one()
    small = reader_cost(app, anonymous, url)
    for _ in range(4):
        one()
    assert reader_cost(app, anonymous, url) == small <= READER_BUDGETS[url]
