"""Mine the cue words PolNeAR annotates right after a named subject.

    python -m tools.extraction.mine_cues POLNEAR_TRAIN_DIR [--out PATH]

Every word that follows a capitalised word (and perhaps an auxiliary or an
adverb: "Trump has repeatedly mocked") is counted, and so is how often an
annotator marked that very occurrence as the cue of an attribution. Words
that are cues at least MIN_RATE of the time, at least MIN_COUNT times, are
written to factcheck/extraction/cues.json with their two counts; no text of
the articles is stored. The attribution patterns credit a sentence to its
named subject when its verb is one of them (see attribution.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from tools.extraction import datasets

# Chosen by mining one half of the training articles and measuring on the
# other: (2, 0.4) attributed most there at the same precision.
MIN_COUNT = 2
MIN_RATE = 0.4
OUT = Path(__file__).resolve().parents[2] / "factcheck" / "extraction" / "cues.json"
_BETWEEN = r"(?:has|have|had|is|are|was|were|will|would|also|later|then|now|again|[a-z]+ly)"
_AFTER_NAME = re.compile(rf"\b[A-Z][\w’'.-]*(?:’s|'s)?\s+(?:{_BETWEEN}\s+)*([a-z][a-z-]+)\b")
# Not verbs, or handled by patterns of their own ("according to").
_NOT_CUES = frozenset(["according", "often", "being", "going", "having", "during"])


def _verb_like(word: str, after_to: set[str]) -> bool:
    return word.endswith(("ed", "s", "ing")) or word in after_to


def mine(root: Path) -> dict:
    pairs = datasets.polnear_pairs(root)
    texts: dict[Path, str] = {}
    cue_chars: dict[Path, set[int]] = {}
    for text_path, ann_path in pairs:
        texts.setdefault(text_path, text_path.read_text(encoding="utf-8"))
        chars = cue_chars.setdefault(text_path, set())
        for relation in datasets.read_brat(ann_path):
            for start, end in relation.cue:
                chars.update(range(start, end))
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    after_to: set[str] = set()
    for text_path, text in texts.items():
        after_to.update(re.findall(r"\bto\s+([a-z]+)\b", text))
        for match in _AFTER_NAME.finditer(text):
            word = match.group(1)
            seen[word] += 1
            cued[word] += match.start(1) in cue_chars[text_path]
    words = {
        word: [cued[word], seen[word]]
        for word in sorted(cued)
        if cued[word] >= MIN_COUNT
        and cued[word] >= MIN_RATE * seen[word]
        and word not in _NOT_CUES
        and not word.endswith("ly")
        and _verb_like(word, after_to)
    }
    return {
        "info": {
            "source": f"PolNeAR: {len(texts)} articles, {len(pairs)} annotation files",
            "rule": (
                f"words after a capitalised word marked as a cue at least {MIN_COUNT} times "
                f"and in at least {MIN_RATE:.0%} of their occurrences there"
            ),
            "counts": "[occurrences marked as a cue, occurrences after a capitalised word]",
        },
        "cues": words,
    }


def _dump(lexicon: dict) -> str:
    """JSON with one cue word a line, so that a regenerated file diffs well."""
    rows = ",\n".join(f"  {json.dumps(w)}: {json.dumps(c)}" for w, c in lexicon["cues"].items())
    info = json.dumps(lexicon["info"], indent=1, ensure_ascii=False)
    return f'{{\n "info": {info},\n "cues": {{\n{rows}\n }}\n}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="PolNeAR training directory (text/, attributions/)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lexicon = mine(args.path)
    if not lexicon["cues"]:
        print(f"no annotated cues under {args.path}")
        return 1
    args.out.write_text(_dump(lexicon), encoding="utf-8")
    print(f"{len(lexicon['cues'])} cue words written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
