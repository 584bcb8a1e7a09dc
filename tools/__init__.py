"""Research commands: training, evaluation and throughput measures of the models the service
ships. Run from the repository root (`python -m tools.extraction.train DATA_DIR`); not part of
the installed package, and the service never imports them."""
