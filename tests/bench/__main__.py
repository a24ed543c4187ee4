"""Run every benchmark module in tests/bench that defines run(), in name order, and print its
figures. `python -m tests.bench pages` runs only the named modules."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def modules(only: list[str]) -> list[str]:
    """Names of the benchmark modules in this package (all, or those in ONLY)."""
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    return [n for n in names if not only or n in only]


def main(argv: list[str]) -> int:
    """Run the benchmarks; the exit status is 1 if any of them raised."""
    failed = 0
    for name in modules(argv):
        module = importlib.import_module(f"tests.bench.{name}")
        run = getattr(module, "run", None)
        if run is None:
            continue
        print(f"== bench {name}", flush=True)
        started = time.perf_counter()
        try:
            run()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            failed = 1
            print(f"   FAILED: {type(exc).__name__}: {exc}", flush=True)
        print(f"== {name} took {time.perf_counter() - started:.1f} s", flush=True)
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
