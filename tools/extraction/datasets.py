"""Readers for the public data sets used to train and evaluate extraction.

Three formats: CheckThat! 2024 / ClaimBuster sentence TSVs (header
``Sentence_id, Text, class_label``), CheckThat! 2019 debate TSVs (no header:
line, speaker, sentence, 0/1) and PolNeAR brat standoff attribution files.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_FUSED_LABEL = re.compile(r"^(Yes|No)(\d+)$")


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    label: bool
    group: str  # file name for debates; "ct24" for sentence collections


def is_ct24_file(path: Path) -> bool:
    with path.open(encoding="utf-8") as fh:
        return fh.readline().startswith("Sentence_id\t")


def read_ct24(path: Path) -> list[Labelled]:
    return [row for _, row in read_ct24_ids(path)]


def read_ct24_ids(path: Path) -> list[tuple[int, Labelled]]:
    """(Sentence_id, row) pairs: ClaimBuster's ids come in one block per debate."""
    rows: list[tuple[int, Labelled]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        next(reader)
        for row in reader:
            # One published line fuses two records ("No29286"): split it back.
            while len(row) >= 5 and _FUSED_LABEL.match(row[2]):
                label, next_id = _FUSED_LABEL.match(row[2]).groups()
                rows.append((int(row[0]), Labelled(row[1], label == "Yes", "ct24")))
                row = [next_id, *row[3:]]
            if len(row) >= 3 and row[2] in ("Yes", "No"):
                rows.append((int(row[0]), Labelled(row[1], row[2] == "Yes", "ct24")))
    return rows


def read_clef2019(path: Path) -> list[Labelled]:
    rows: list[Labelled] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4:
                rows.append(Labelled(fields[2], fields[3].strip() == "1", path.name))
    return rows


def tsv_files(path: Path) -> list[Path]:
    return sorted(path.rglob("*.tsv")) if path.is_dir() else [path]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One PolNeAR relation: who (source) is credited with what (content)."""

    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    source_text: str


def read_brat(ann_path: Path) -> list[Attribution]:
    spans: dict[str, tuple[tuple[tuple[int, int], ...], str]] = {}
    relations: list[dict[str, str]] = []
    with ann_path.open(encoding="utf-8") as fh:
        for line in fh:
            fields = line.rstrip("\n").split("\t")
            if fields[0].startswith("T") and len(fields) >= 3:
                ranges = fields[1].split(" ", 1)[1]
                parts = tuple(tuple(map(int, r.split())) for r in ranges.split(";"))
                spans[fields[0]] = (parts, fields[2])
            elif fields[0].startswith("E") and len(fields) >= 2:
                roles = dict(item.split(":", 1) for item in fields[1].split()[1:])
                relations.append(roles)
    found = []
    for roles in relations:
        if not {"Source", "Content"} <= roles.keys():
            continue
        source, source_text = spans[roles["Source"]]
        cue = spans[roles["Cue"]][0] if "Cue" in roles else ()
        found.append(Attribution(source, cue, spans[roles["Content"]][0], source_text))
    return found


def polnear_pairs(root: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs; annotation file names add ``_<annotator>``."""
    texts = {p.stem: p for p in (root / "text").glob("*.txt")}
    pairs = []
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in texts:
            pairs.append((texts[stem], ann))
    return pairs
