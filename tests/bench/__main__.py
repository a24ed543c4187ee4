"""Run every benchmark module in tests/bench that defines run(), in name order."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import tests.bench as package


def main(selected: list[str]) -> None:
    """Import each module of this package and call its run(); SELECTED names a subset."""
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or (selected and info.name not in selected):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if callable(getattr(module, "run", None)):
            print(f"== {info.name}", flush=True)
            module.run()


main(sys.argv[1:])
