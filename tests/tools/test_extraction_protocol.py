"""The out-of-domain protocol's splits and report, on small hand-made files."""

import io

from tools.extraction import protocol
from tools.extraction.evaluate import main as evaluate_main

FIRST_2016 = protocol.FIRST_2016_ID


def _write_ct24(path, rows):
    lines = ["Sentence_id\tText\tclass_label"]
    lines += [f"{i}\t{text}\t{'Yes' if label else 'No'}" for i, text, label in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_debate(path, rows):
    path.write_text(
        "".join(f"{n}\tSPEAKER\t{text}\t{int(label)}\n" for n, (text, label) in enumerate(rows)),
        encoding="utf-8",
    )


def _data(tmp_path):
    (tmp_path / "ct24").mkdir()
    (tmp_path / "clef2019-train").mkdir()
    old = [(i, f"Taxes rose {i} percent in 1980.", i % 3 == 0) for i in range(100, 140)]
    old += [(i, f"Thank you, moderator number {i}.", False) for i in range(200, 240)]
    new = [(FIRST_2016 + i, f"Crime fell {i} percent in 2015.", i % 2 == 0) for i in range(20)]
    new += [(FIRST_2016 + 100 + i, f"Good evening number {i}.", False) for i in range(20)]
    shared = (50, "Exports doubled since 2010.", True)  # also said in a 2018 debate
    _write_ct24(tmp_path / "ct24" / "train.tsv", old[::2] + new[::2] + [shared])
    _write_ct24(tmp_path / "ct24" / "dev.tsv", old[1::2] + new[1::2])
    for name in ("20160926_1pres", "20170228_address", "20161005_vp", "20170315_rally"):
        _write_debate(
            tmp_path / "clef2019-train" / f"{name}.tsv",
            [(f"{name} claim {k} cost 5 billion.", k == 0) for k in range(5)]
            + [(f"{name} thanks {k}.", False) for k in range(5)],
        )
    _write_debate(
        tmp_path / "clef2019-train" / "20181010_medicare.tsv",
        [("Exports doubled since 2010.", True), ("Medicare costs 3 trillion.", True)]
        + [(f"Applause {k}.", False) for k in range(8)],
    )
    return tmp_path


def test_period_split_tests_on_the_2016_ids_only(tmp_path):
    period = protocol.splits(_data(tmp_path))[0]
    assert period.name == "period"
    assert {r.sentence_id >= FIRST_2016 for r in period.test} == {True}
    assert len(period.test) == 40
    seen = period.train + period.validation
    assert all(r.sentence_id < FIRST_2016 for r in seen)
    assert not {r.text for r in period.train} & {r.text for r in period.validation}
    # The validation part is a stratified fifth: both labels are in it.
    assert {r.label for r in period.validation} == {True, False}
    assert len(period.validation) == round(0.2 * 27) + round(0.2 * 54)


def test_cross_source_split_leaves_out_sentences_of_the_test_debates(tmp_path):
    cross = protocol.splits(_data(tmp_path))[1]
    assert cross.name == "ct24->clef2019"
    assert {r.group for r in cross.test} == {
        "20160926_1pres.tsv",
        "20170228_address.tsv",
        "20161005_vp.tsv",
        "20170315_rally.tsv",
        "20181010_medicare.tsv",
    }
    trained = {r.text for r in cross.train + cross.validation}
    assert "Exports doubled since 2010." not in trained
    assert {r.group for r in cross.train + cross.validation} == {"ct24"}


def test_clef_period_split_tests_on_2018_and_later_and_validates_on_whole_debates(tmp_path):
    late = protocol.splits(_data(tmp_path))[2]
    assert late.name == "clef2019-period"
    assert {r.group for r in late.test} == {"20181010_medicare.tsv"}
    assert "Exports doubled since 2010." not in {r.text for r in late.train + late.validation}
    held = {r.group for r in late.validation} - {"ct24"}
    assert held and not held & {r.group for r in late.train}


def _keyword_recipe(texts, labels):
    # Learns nothing: a scorer that knows numbers are check-worthy.
    def scorer(batch):
        return [0.9 if any(c.isdigit() for c in t.split("number")[0]) else 0.1 for t in batch]

    return scorer


def test_run_reports_threshold_f1_best_f1_and_map_per_split(tmp_path):
    out = io.StringIO()
    results = protocol.run(_data(tmp_path), {"keywords": _keyword_recipe}, out=out)
    assert [r.split for r in results] == ["period", "ct24->clef2019", "clef2019-period"]
    period = results[0]
    # Half of the 2016 number sentences are positive, none of the others.
    assert period.at_threshold.recall == 1.0
    assert period.at_threshold.precision == 0.5
    assert period.best_f1 >= period.at_threshold.f1
    assert 0.0 < results[1].map <= 1.0
    assert set(results[1].ap_per_group) == {r.group for r in protocol.splits(tmp_path)[1].test}
    report = out.getvalue()
    assert "| period | keywords |" in report
    assert "AP per debate" in report


def test_evaluate_ood_refuses_unknown_models(tmp_path, capsys):
    assert evaluate_main(["ood", str(tmp_path), "--models", "tfidf,nonsense"]) == 2
    assert "nonsense" in capsys.readouterr().out
