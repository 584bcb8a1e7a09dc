import pytest

from tools.extraction.datasets import read_clef2019, read_ct24
from tools.extraction.metrics import average_precision, best_threshold, prf


def test_prf_of_the_positive_class():
    result = prf([True, True, False, False], [True, False, True, False])
    assert (result.precision, result.recall, result.f1) == (0.5, 0.5, 0.5)
    assert prf([False, False], [True, False]).f1 == 0.0


def test_average_precision_rewards_positives_ranked_first():
    assert average_precision([0.9, 0.8, 0.1], [True, False, True]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([0.9, 0.8], [False, False]) == 0.0


def test_best_threshold_separates_the_classes():
    threshold, result = best_threshold([0.1, 0.2, 0.7, 0.8], [False, False, True, True])
    assert 0.2 < threshold <= 0.7 and result.f1 == 1.0


def test_ct24_reader_repairs_the_fused_line(tmp_path):
    path = tmp_path / "ct.tsv"
    path.write_text(
        "Sentence_id\tText\tclass_label\n"
        '1\t"He said ""no."""\tNo\n'
        "24098\tWe've got to grow.\tNo29286\tYou can't bring back jobs.\tYes\n",
        encoding="utf-8",
    )
    rows = read_ct24(path)
    assert [(r.text, r.label) for r in rows] == [
        ('He said "no."', False),
        ("We've got to grow.", False),
        ("You can't bring back jobs.", True),
    ]


def test_clef2019_reader_groups_by_file(tmp_path):
    path = tmp_path / "debate.tsv"
    path.write_text(
        "1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe lost 70,000 factories.\t1\n", encoding="utf-8"
    )
    rows = read_clef2019(path)
    assert [(r.text, r.label, r.group) for r in rows] == [
        ("Good evening.", False, "debate.tsv"),
        ("We lost 70,000 factories.", True, "debate.tsv"),
    ]
