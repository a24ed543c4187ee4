"""The seed article (Pakistan's first rare earth consignment to the US) extracts correctly."""

import pytest

from tests.extract_support import SEED


@pytest.fixture(scope="module")
def seed(extractor):
    text = SEED.read_text(encoding="utf-8")
    return text, extractor.extract(text).to_json()


def test_published_and_lists(seed):
    _, out = seed
    assert out["published"] == "2025-10-07"
    assert sorted(out["commodities"]) == [
        "antimony", "copper concentrate", "neodymium", "praseodymium", "rare earth elements",
    ]  # fmt: skip
    assert sorted(out["countries"]) == ["PAK", "USA"]
    assert out["countries_mentioned"] == []
    assert sorted(out["organisations"]) == ["Frontier Works Organisation", "US Strategic Metals"]


def test_money(seed):
    _, out = seed
    (money,) = out["money"]
    assert (money["amount"], money["currency"], money["usd"]) == (500000000, "USD", 500000000)
    assert money["approximate"] is True
    assert "(approximate)" in money["refers_to"]


def test_events(seed):
    _, out = seed
    assert {(e["date"], e["kind"]) for e in out["events"]} == {
        ("2025-09", "mou_signed"),
        ("2025-10", "shipment_dispatched"),
    }


def test_evidence_offsets_point_into_the_original(seed):
    text, out = seed
    items = out["money"] + out["events"]
    for block in out["evidence"].values():
        items += [ev for evs in block.values() for ev in evs]
    assert items
    for item in items:
        assert text[item["start"] : item["end"]] == item["sentence"]
