import json

from tools.extraction.mine_cues import _dump, mine


def _article(tmp_path, text, cues):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text, encoding="utf-8")
    lines = []
    for n, (source, cue) in enumerate(cues):
        s, c = text.index(source), text.index(cue, text.index(source))
        rest = c + len(cue) + 1
        lines += [
            f"T{4 * n + 1}\tSource {s} {s + len(source)}\t{source}",
            f"T{4 * n + 2}\tCue {c} {c + len(cue)}\t{cue}",
            f"T{4 * n + 3}\tContent {rest} {rest + 4}\t{text[rest : rest + 4]}",
            f"E{n + 1}\tAttribution:T{4 * n + 2} Content:T{4 * n + 3} Cue:T{4 * n + 2} "
            f"Source:T{4 * n + 1}",
        ]
    (tmp_path / "attributions" / "a_x.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_words_annotators_mark_after_a_name_are_mined_with_their_counts(tmp_path):
    _article(
        tmp_path,
        "Ruiz knocked the plan. Lee knocked it too. Kim knocked on the door. "
        "Ruiz walked home. Lee walked in.",
        [("Ruiz", "knocked"), ("Lee", "knocked")],
    )
    lexicon = mine(tmp_path)
    assert lexicon["cues"] == {"knocked": [2, 3]}  # "walked" was never a cue
    assert json.loads(_dump(lexicon)) == lexicon
