"""The page cache computes a missing page once, however many threads ask for it at the same time."""

from __future__ import annotations

import threading

import pytest

from tracker.cache.pagecache import PageCache

THREADS = 8
# Bounded waits: a broken cache fails the test instead of hanging the suite.
TIMEOUT_S = 10


def ask_together(cache: PageCache, compute) -> list:
    """Ask for one key from THREADS threads at once; their answers (or exceptions)."""
    answers: list = []
    start = threading.Barrier(THREADS)

    def ask() -> None:
        start.wait(TIMEOUT_S)
        try:
            answers.append(cache.get_or_compute("page", compute))
        except RuntimeError as exc:
            answers.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT_S)
    assert not any(t.is_alive() for t in threads)
    return answers


def test_threads_asking_for_a_missing_page_share_one_computation():
    cache = PageCache()
    calls = []
    release = threading.Event()

    def compute():
        calls.append(1)
        release.wait(TIMEOUT_S)  # slow, so the other threads ask while it runs
        return "page body"

    timer = threading.Timer(0.3, release.set)
    timer.start()
    answers = ask_together(cache, compute)
    timer.cancel()
    assert answers == ["page body"] * THREADS
    assert len(calls) == 1
    assert (cache.hits, cache.misses) == (THREADS - 1, 1)


def test_a_failed_computation_is_not_kept_and_the_next_thread_computes_again():
    cache = PageCache()
    calls = []
    lock = threading.Lock()

    def compute():
        with lock:
            calls.append(1)
            first = len(calls) == 1
        if first:
            raise RuntimeError("database went away")
        return "page body"

    answers = ask_together(cache, compute)
    failures = [a for a in answers if isinstance(a, RuntimeError)]
    assert len(failures) == 1
    assert answers.count("page body") == THREADS - 1
    assert cache.get_or_compute("page", lambda: pytest.fail("kept value not used")) == "page body"


def test_different_keys_are_computed_side_by_side():
    cache = PageCache()
    both_running = threading.Barrier(2)

    def compute(name: str):
        def run():
            both_running.wait(TIMEOUT_S)  # raises BrokenBarrierError if one waits for the other
            return name

        return run

    results: dict = {}

    def ask(name: str) -> None:
        results[name] = cache.get_or_compute(name, compute(name))

    threads = [threading.Thread(target=ask, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT_S)
    assert results == {"a": "a", "b": "b"}


def test_pages_are_kept_by_weight_and_the_least_recently_used_go_first():
    cache = PageCache(max_characters=10)
    for key, page in (("a", "xxxx"), ("b", "yyyy")):
        cache.get_or_compute(key, lambda page=page: page)
    cache.get_or_compute("a", lambda: pytest.fail("a is kept"))  # a is now the most recent
    cache.get_or_compute("c", lambda: "zzzz")  # 12 characters: b, the oldest, goes
    assert cache.weight == 8
    assert cache.get_or_compute("a", lambda: "recomputed") == "xxxx"
    assert cache.get_or_compute("b", lambda: "bb") == "bb"
    cache.get_or_compute("huge", lambda: "h" * 50)  # over the budget alone: kept, the rest go
    assert cache.weight == 50
    assert cache.get_or_compute("a", lambda: "recomputed") == "recomputed"
