"""The README and docs/ name only what exists: every `make` target, `flask --app wsgi` command,
`python -m` module, project path, FACTCHECK_* setting and link between pages; and the docs site
builds with no warning (`make docs`).
"""

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP_LEVEL = ("factcheck/", "tests/", "bench/", "tools/", "docs/", "migrations/", "seeds/", ".ci/")
FILES = ("wsgi.py", "gunicorn.conf.py", "Makefile", "pyproject.toml", "mkdocs.yml",
         "schemathesis.toml", "requirements.lock", "requirements-dev.lock")  # fmt: skip


def _code(page: Path) -> list[str]:
    """Inline code spans and the lines of fenced blocks."""
    text = page.read_text(encoding="utf-8")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S))
    return inline + [line for block in blocks for line in block.splitlines()]


def _words(snippet: str) -> list[str]:
    try:
        return shlex.split(snippet, comments=True)
    except ValueError:
        return snippet.split()


def _after(words: list[str], *prefix: str) -> list[list[str]]:
    found = []
    for i in range(len(words) - len(prefix) + 1):
        if [w.split("/")[-1] if j == 0 else w for j, w in enumerate(words[i : i + len(prefix)])] \
                == list(prefix):  # fmt: skip
            found.append(words[i + len(prefix) :])
    return found


def _references(kind: str):
    for page in PAGES:
        for snippet in _code(page):
            words = _words(snippet)
            if kind == "make":
                for rest in _after(words, "make"):
                    targets = [w for w in rest if re.fullmatch(r"[a-z][a-z-]*", w)][:1]
                    for target in targets:
                        yield page, target
            elif kind == "flask":
                for rest in _after(words, "flask", "--app", "wsgi"):
                    names = [w for w in rest[:2] if re.fullmatch(r"[a-z][a-z-]*", w)]
                    if names:
                        yield page, tuple(names)
            elif kind == "module":
                for rest in _after(words, "python", "-m") + _after(words, "python3", "-m"):
                    if rest:
                        yield page, rest[0]
            elif kind == "path":
                for word in re.findall(r"[\w./-]+", snippet):
                    word = word.rstrip(".,:")
                    if word.startswith(TOP_LEVEL) or word in FILES:
                        yield page, word


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.M))


def test_every_make_target_the_docs_name_exists():
    targets = _make_targets()
    missing = {(page.name, t) for page, t in _references("make") if t not in targets}
    assert not missing


def test_every_flask_command_the_docs_name_exists(app):
    missing = set()
    for page, names in _references("flask"):
        command = app.cli.commands.get(names[0])
        if command is None:
            missing.add((page.name, names[0]))
        elif len(names) > 1 and hasattr(command, "commands") and names[1] not in command.commands:
            missing.add((page.name, " ".join(names)))
    assert not missing


def test_every_python_module_the_docs_name_exists():
    sys.path.insert(0, str(ROOT))
    try:
        missing = {
            (page.name, module)
            for page, module in _references("module")
            if not any(part.isupper() for part in module.split("."))  # a placeholder
            and importlib.util.find_spec(module) is None
        }
    finally:
        sys.path.remove(str(ROOT))
    assert not missing


def test_every_project_path_the_docs_name_exists():
    missing = set()
    for page, path in _references("path"):
        plain = path.split("#")[0].split("::")[0]
        if "*" in plain or "<" in plain:
            continue
        if not (ROOT / plain).exists():
            missing.add((page.name, path))
    assert not missing


def test_every_setting_the_docs_name_is_read_somewhere():
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("factcheck", "tests", "bench", "tools", ".ci")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in ("", ".py")
    )
    code += "".join(
        (ROOT / name).read_text(encoding="utf-8") for name in ("Makefile", "gunicorn.conf.py")
    )
    missing = set()
    for page in PAGES:
        for name in set(re.findall(r"\bFACTCHECK_[A-Z0-9_]+", page.read_text(encoding="utf-8"))):
            if name not in code:
                missing.add((page.name, name))
    assert not missing


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    anchors = set()
    for heading in re.findall(r"^#+ (.+)$", text, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-")
        anchors.add(slug)
    return anchors


def test_every_link_between_pages_reaches_a_page_and_heading():
    broken = set()
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if (
                not linked.exists()
                or anchor
                and linked.suffix == ".md"
                and anchor not in _anchors(linked)
            ):
                broken.add((page.name, target))
    assert not broken


def test_the_docs_site_builds_without_warnings(tmp_path):
    pytest.importorskip("mkdocs")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages = {path.name for path in tmp_path.glob("*.html")}
    assert {"index.html", "api.html", "configuration.html"} <= pages
    # Readable offline: no stylesheet, script or font fetched from another host.
    for page in tmp_path.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', html), page
