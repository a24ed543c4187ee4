"""Benchmarks: `make bench` (python -m tests.bench) runs every module here that defines run()."""
