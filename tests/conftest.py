"""Shared fixtures for the extractor tests."""

from pathlib import Path

import pytest

from tracker.extract import Extractor, Reference

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "data"
HELDOUT = Path(__file__).resolve().parent / "fixtures" / "extract" / "heldout"
SEED = REPO / "seeds" / "000_05e9ca41f59a7bf7.txt"
# The shared dev corpus, when the repo sits next to it (../shared/corpus/dev or /work/shared).
DEV_CANDIDATES = [
    REPO.parent / "shared" / "corpus" / "dev",
    REPO.parents[1] / "shared" / "corpus" / "dev",
]


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference.load(DATA_DIR)


@pytest.fixture(scope="session")
def extractor(reference) -> Extractor:
    return Extractor(reference)


def dev_corpus() -> Path | None:
    return next((p for p in DEV_CANDIDATES if (p / "articles").is_dir()), None)
