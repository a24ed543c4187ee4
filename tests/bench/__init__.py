"""Benchmarks: every module here with a run() function; `python -m tests.bench` runs them all."""
