"""Paths the extractor tests share: reference data, held-out fixtures, the seed article and,
when the repo sits next to it, the shared development corpus."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "data"
HELDOUT = Path(__file__).resolve().parent / "fixtures" / "extract" / "heldout"
# Articles labelled before the extractor ever ran on them (see their README). Sets the rules have
# since been tuned on are held to the targets; blind8 and blind9 are not (their countries and
# organisations were not worked on in the events round: blind9's organisations are 0.7998), nor
# blind10, the latest estimate on unseen text (its README records its single run).
# blind11 and blind12 joined after the seventh round's rules, written from their misses, lifted
# every targeted field above its target (blind11 countries 0.919, organisations 0.943, events
# 1.000; blind12 organisations 0.853, events 1.000): their first-run scores stay in their
# READMEs as the honest estimate.
BLIND = Path(__file__).resolve().parent / "fixtures" / "extract" / "blind"
BLIND_SETS = [BLIND, *(BLIND.with_name(f"blind{n}") for n in (2, 3, 4, 5, 6, 7, 11, 12))]
SEED = REPO / "seeds" / "000_05e9ca41f59a7bf7.txt"
# The shared dev corpus, when the repo sits next to it (../shared/corpus/dev or /work/shared).
DEV_CANDIDATES = [
    REPO.parent / "shared" / "corpus" / "dev",
    REPO.parents[1] / "shared" / "corpus" / "dev",
]


def dev_corpus() -> Path | None:
    """The shared development corpus, if it is beside the repo."""
    return next((p for p in DEV_CANDIDATES if (p / "articles").is_dir()), None)
