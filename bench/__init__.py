"""Benchmarks: load generators that print their figures beside an in-run baseline."""
