from tools.matching import evaluate

CLEF_ROWS = [
    "1\tMOD\tGood evening.\tN/A\t-\t-",
    "2\tSMITH\tUnemployment in Ohio went up 2.5 percent last year, folks.\t1\t"
    "Unemployment in Ohio rose 2.5% last year.\tTRUE",
    "3\tSMITH\tMy opponent cut school funding by $40 million.\t2\t"
    "The governor cut Ohio school funding by $40 million.\tFALSE",
    "4\tJONES\tThat's not true.\tN/A\t-\t-",
]


def test_clef_files_yield_queries_and_claims(tmp_path):
    (tmp_path / "debate.txt").write_text("\n".join(CLEF_ROWS) + "\n", encoding="utf-8")
    data = evaluate.load(tmp_path)
    assert [gold for _, gold in data.queries] == [0, 1]
    assert len(data.candidates) == 2
    figures = evaluate.metrics(data, evaluate.trap_ranker)
    assert figures["p@1"] == 1.0 and figures["mrr"] == 1.0
    traps = evaluate.trap_test(data)
    assert traps["claim/number"] == (2, 0)


def test_claimreview_csv_rows_are_deduplicated(tmp_path):
    header = "rating_alternateName,claimReview_claimReviewed,extra_title\n"
    rows = 'False,"Five pilots died from the vaccine.","Five pilots did not die from vaccine"\n'
    (tmp_path / "sample.csv").write_text(header + rows + rows, encoding="utf-8")
    data = evaluate.load(tmp_path)
    assert len(data.queries) == 1 and len(data.candidates) == 1


def test_perturbations():
    assert evaluate.perturb_number("Prices rose 2.5% in 2019.") == "Prices rose 6.0% in 2019."
    assert evaluate.perturb_number("in 2019, prices rose") == "in 2022, prices rose"
    assert evaluate.perturb_number("deaths from COVID-19 rose") is None
    assert evaluate.perturb_negation("Smith has paid his taxes.") == "Smith has not paid his taxes."
    assert evaluate.perturb_negation("Smith didn't pay.") == "Smith did pay."
    assert evaluate.perturb_negation("There is no evidence.") == "There is evidence."
    assert evaluate.perturb_antonym("Crime rose.") == "Crime fell."
