"""Training, evaluation and throughput of claim extraction (`factcheck.extraction`).

python -m tools.extraction.train DATA_DIR [--output PATH]
python -m tools.extraction.evaluate {checkworthiness,attribution,seed} ...
python -m tools.extraction.bench [--seconds N] [ARTICLE ...]
"""
