"""Paths the extractor tests share: reference data, held-out fixtures, the seed article and,
when the repo sits next to it, the shared development corpus."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "data"
HELDOUT = Path(__file__).resolve().parent / "fixtures" / "extract" / "heldout"
# Articles labelled before the extractor ever ran on them (see their README). Sets the rules have
# since been tuned on are held to the targets; blind8 is not (its countries, 0.89, were not worked
# on), nor blind9, the latest estimate on unseen text (its README records its single run).
BLIND = Path(__file__).resolve().parent / "fixtures" / "extract" / "blind"
BLIND_SETS = [BLIND, *(BLIND.with_name(f"blind{n}") for n in (2, 3, 4, 5, 6, 7))]
SEED = REPO / "seeds" / "000_05e9ca41f59a7bf7.txt"
# The shared dev corpus, when the repo sits next to it (../shared/corpus/dev or /work/shared).
DEV_CANDIDATES = [
    REPO.parent / "shared" / "corpus" / "dev",
    REPO.parents[1] / "shared" / "corpus" / "dev",
]


def dev_corpus() -> Path | None:
    """The shared development corpus, if it is beside the repo."""
    return next((p for p in DEV_CANDIDATES if (p / "articles").is_dir()), None)
