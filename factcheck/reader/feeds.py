"""Sitemaps and Atom feeds as XML text. Pure Python (no Flask, no database): the reader views
hand in plain values.

ElementTree escapes text and attribute values; characters XML 1.0 cannot hold at all (a few
code points that stored text could still contain) are dropped, so the documents always parse.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# One sitemap file holds at most this many URLs (sitemaps.org); more make a sitemap index.
SITEMAP_MAX_URLS = 50_000

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _moment(value: datetime) -> str:
    """RFC 3339 in UTC (Atom's date construct; a W3C datetime for sitemaps)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _document(root: ET.Element, namespace: str) -> bytes:
    # Elements are built without a namespace and the root declares the default one, so the
    # document reads `<feed xmlns="...">`, as feed and sitemap readers expect.
    root.set("xmlns", namespace)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap(urls: list[tuple[str, datetime]]) -> bytes:
    """A sitemap of (page URL, last modified) pairs."""
    root = ET.Element("urlset")
    for url, modified in urls:
        entry = _sub(root, "url")
        _sub(entry, "loc", url)
        _sub(entry, "lastmod", _moment(modified))
    return _document(root, SITEMAP)


def sitemap_index(sitemaps: list[str]) -> bytes:
    """A sitemap index naming sitemap files."""
    root = ET.Element("sitemapindex")
    for url in sitemaps:
        _sub(_sub(root, "sitemap"), "loc", url)
    return _document(root, SITEMAP)


@dataclass(frozen=True)
class Entry:
    """One Atom entry. `id` must never change once published."""

    id: str
    title: str
    link: str
    updated: datetime
    summary: str
    published: datetime | None = None
    categories: list[str] = field(default_factory=list)
    related: str | None = None  # another page presenting the same entry (the desk's article)


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    self_url: str
    alternate_url: str
    author_name: str
    author_uri: str | None
    entries: list[Entry]
    # When nothing has been published yet: the feed's own `updated` needs a value.
    empty_updated: datetime = datetime(1970, 1, 1, tzinfo=UTC)


def atom(feed: Feed) -> bytes:
    """An Atom (RFC 4287) feed document."""
    root = ET.Element("feed")
    _sub(root, "id", feed.id)
    _sub(root, "title", feed.title)
    updated = max((e.updated for e in feed.entries), default=feed.empty_updated)
    _sub(root, "updated", _moment(updated))
    _sub(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    _sub(root, "link", rel="alternate", type="text/html", href=feed.alternate_url)
    author = _sub(root, "author")
    _sub(author, "name", feed.author_name)
    if feed.author_uri:
        _sub(author, "uri", feed.author_uri)
    for entry in feed.entries:
        element = _sub(root, "entry")
        _sub(element, "id", entry.id)
        _sub(element, "title", entry.title, type="text")
        _sub(element, "link", rel="alternate", type="text/html", href=entry.link)
        if entry.related:
            _sub(element, "link", rel="related", type="text/html", href=entry.related)
        if entry.published is not None:
            _sub(element, "published", _moment(entry.published))
        _sub(element, "updated", _moment(entry.updated))
        for term in entry.categories:
            _sub(element, "category", term=term)
        _sub(element, "summary", entry.summary, type="text")
    return _document(root, ATOM)
