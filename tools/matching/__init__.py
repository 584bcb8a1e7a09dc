"""The IDF table and the evaluation of claim matching (`factcheck.matching`).

python -m tools.matching.build_idf DATA_DIR [--out PATH]
python -m tools.matching.evaluate PATH [PATH ...]
"""
