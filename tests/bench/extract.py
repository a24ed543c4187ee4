"""Extractor quality and speed: eval-extract on the dev corpus (when beside the repo), on every
fixture set (held-out and blind) and on the editors' decisions in the app's inbox (the database
of TRACKER_DATABASE_URL, default data/tracker.db), and the median time to extract one article
once the reference is loaded."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from tests.extract_support import DATA_DIR, HELDOUT, SEED, dev_corpus
from tracker.extract import Extractor, Reference
from tracker.extract.evaluate import evaluate_dir, format_table

# Timing repeats per article: enough for a stable median, short enough to stay in seconds.
REPEATS = 20
# A blind set README says this until its single run is recorded (fixtures/extract/README.md).
SEALED_MARK = "Single run: (pending)"


def run() -> None:
    """Print the eval tables and the per-article extraction times."""
    started = time.perf_counter()
    reference = Reference.load(DATA_DIR)
    print(f"   reference loaded in {(time.perf_counter() - started) * 1000:.1f} ms")
    fixtures = sorted(p for p in HELDOUT.parent.iterdir() if (p / "labels").is_dir())
    sealed = [p for p in fixtures if _sealed(p)]
    fixtures = [p for p in fixtures if p not in sealed]
    for path in sealed:
        print(f"   -- fixtures {path.name}: sealed until its single run (README), not scored here")
    corpora = [(f"fixtures {p.name}", p) for p in fixtures]
    if dev_corpus():
        corpora.insert(0, ("shared dev corpus", dev_corpus()))
    for name, path in corpora:
        print(f"   -- {name} ({path})")
        for line in format_table(evaluate_dir(path, reference)).splitlines():
            print(f"   {line}")
    _inbox(reference)
    extractor = Extractor(reference)
    articles = [SEED, *(a for p in fixtures for a in sorted((p / "articles").glob("*.txt")))]
    if dev_corpus():
        articles += sorted((dev_corpus() / "articles").glob("*.txt"))
    times = []
    for article in articles:
        text = article.read_text(encoding="utf-8")
        runs = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            extractor.extract(text)
            runs.append(time.perf_counter() - t0)
        times.append(statistics.median(runs) * 1000)
    print(
        f"   extraction per article: median {statistics.median(times):.1f} ms, "
        f"slowest {max(times):.1f} ms over {len(articles)} articles (target well under 50 ms)"
    )


def _sealed(path: Path) -> bool:
    """A blind set still waiting for its one honest run: scoring it here would spoil it."""
    readme = path / "README.md"
    return readme.is_file() and SEALED_MARK in readme.read_text(encoding="utf-8")


def _inbox(reference: Reference) -> None:
    """eval-extract --inbox on the app's database, when it has one with decisions."""
    from sqlalchemy.exc import SQLAlchemyError

    from tracker import create_app, db
    from tracker.config import DEFAULT_DATABASE_URL
    from tracker.inbox.learning import format_inbox_table, score_inbox

    url = os.environ.get("TRACKER_DATABASE_URL", DEFAULT_DATABASE_URL)
    print(f"   -- editors' inbox decisions ({url})")
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        print("   no database yet (`make run` creates it); nothing to score")
        return
    app = create_app({"TRACKER_DATABASE_URL": url})
    try:
        with app.app_context(), db.unit_of_work(db.engine()) as session:
            score = score_inbox(session, Extractor(reference), reference)
    except SQLAlchemyError as exc:
        print(f"   no inbox to score: {type(exc).__name__} (run `make run` to create the database)")
        return
    finally:
        engine = app.extensions.get("tracker.engine")
        if engine is not None:
            engine.dispose()
    if score.articles == 0:
        print("   no accepted, edited or rejected proposals in the inbox yet")
        return
    for line in format_inbox_table(score).splitlines():
        print(f"   {line}")
