"""The tidy relational files: they join back to the dashboard's figures, their keys hold and
Frictionless checks them; citations carry typed values; an Excel-safe variant keeps '–'."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pandas as pd
import pytest
from frictionless import validate

from tests.dashboard_helpers import charts
from tests.test_export_formats import download
from tracker.export.columns import KINDS


def frame(client, kind: str, query: str = "") -> pd.DataFrame:
    data = client.get(f"/export/{kind}.csv?{query}").data
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""])


def test_pandas_joins_the_tidy_files_back_to_value_by_country(seeded):
    deals = frame(seeded, "deals")[["slug", "value_usd"]]
    links = frame(seeded, "deal_parties")
    parties = frame(seeded, "parties")
    links = links[~links["role"].isin(["critic", "witness"])]
    joined = links.merge(parties, left_on="party_slug", right_on="slug").dropna(subset=["country"])
    # Each deal is counted once, under the bar of its countries together ("Pakistan + United
    # States"), so the bars add up to the total.
    names = parties[parties["kind"] == "country"].set_index("country")["name"]
    per_deal = joined[["deal_slug", "country"]].drop_duplicates()
    per_deal["country"] = per_deal["country"].map(lambda iso: names.get(iso, iso))
    groups = per_deal.groupby("deal_slug")["country"].agg(lambda c: " + ".join(sorted(set(c))))
    per_deal = groups.rename("group").reset_index()
    per_deal = per_deal.merge(deals, left_on="deal_slug", right_on="slug")
    per_deal["usd"] = per_deal["value_usd"].map(lambda v: Decimal(v) if isinstance(v, str) else 0)
    totals = per_deal.groupby("group")["usd"].sum()
    ours = {group: float(usd / Decimal(10**9)) for group, usd in totals.items() if usd}

    figure = charts(seeded.get("/").text)["value-country"]
    bars = figure["data"][0]
    shown = {y.removesuffix(" \u26a0"): x for y, x in zip(bars["y"], bars["x"], strict=True) if x}
    assert shown and len(shown) == len(ours)
    for country, billions in shown.items():
        assert ours[country] == pytest.approx(billions), country


def test_every_file_has_a_primary_key_and_the_foreign_keys_hold(seeded, tmp_path):
    descriptor = download(seeded, tmp_path)
    package = json.loads(descriptor.read_text())
    for resource in package["resources"]:
        assert resource["schema"]["primaryKey"], resource["name"]
    keys = {r["name"]: r["schema"]["foreignKeys"] for r in package["resources"]}
    assert {"fields": "source_id", "reference": {"resource": "sources", "fields": "id"}} in keys[
        "citations"
    ]
    assert {"fields": "deal_slug", "reference": {"resource": "deals", "fields": "slug"}} in keys[
        "events"
    ]
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    # The check is real: a role for a party the package does not know is refused.
    with (tmp_path / "deal_parties.csv").open("a", encoding="utf-8", newline="") as fh:
        fh.write("ussm-fwo-critical-minerals-mou-2025,nobody-at-all,buyer\r\n")
    report = validate(str(descriptor))
    assert not report.valid
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_one_row_per_role_and_per_commodity(seeded):
    roles = frame(seeded, "deal_parties", "party=frontier-works-organisation")
    fwo = roles[roles["party_slug"] == "frontier-works-organisation"]
    ussm = fwo[fwo["deal_slug"] == "ussm-fwo-critical-minerals-mou-2025"]
    assert sorted(ussm["role"]) == ["exporter", "seller", "signatory"]
    commodities = frame(seeded, "deal_commodities", "party=frontier-works-organisation")
    assert "antimony" in set(commodities["commodity_slug"])
    reference = frame(seeded, "commodities").set_index("slug")
    assert reference.loc["antimony", "name"] == "Antimony"
    assert reference.loc["antimony", "hs_codes"]


def test_slug_columns_are_appended_beside_the_readable_ones(seeded):
    deals = frame(seeded, "deals").set_index("slug")
    row = deals.loc["ussm-fwo-critical-minerals-mou-2025"]
    assert "Antimony" in row["commodities"] and "antimony" in row["commodity_slugs"].split("; ")
    assert "US Strategic Metals (Buyer)" in row["parties"]
    slugs = row["party_slugs"].split("; ")
    assert "us-strategic-metals" in slugs and "pakistan-tehreek-e-insaf" not in slugs
    assert len(slugs) == len(set(slugs))
    # Exactly this deal's parties (critics and witnesses left out), for every deal: the list
    # once held every party of every deal.
    links = frame(seeded, "deal_parties")
    for slug, listed in deals["party_slugs"].fillna("").items():
        own = links[(links["deal_slug"] == slug) & ~links["role"].isin(["critic", "witness"])]
        assert sorted(filter(None, listed.split("; "))) == sorted(set(own["party_slug"])), slug
    shipments = frame(seeded, "shipments")
    first = shipments[shipments["shipment_slug"].str.startswith("pakistan-us-first")].iloc[0]
    assert first["origin_party_slug"] == "frontier-works-organisation"
    assert first["commodity_name"] and first["commodity"]
    parties = frame(seeded, "parties").set_index("slug")
    assert parties.loc["frontier-works-organisation", "country"] == "PAK"
    assert parties.loc["frontier-works-organisation", "aliases"] == "FWO"


def test_citations_carry_the_value_typed(seeded):
    cites = frame(seeded, "citations")
    money = cites[cites["value"] == "USD 500000000"].iloc[0]
    assert (money["value_amount"], money["value_currency"]) == ("500000000", "USD")
    assert pd.isna(money["value_date"])
    month = cites[cites["value"] == "2025-09"].iloc[0]
    assert (month["value_date"], month["value_date_precision"]) == ("2025-09-01", "month")
    assert pd.isna(month["value_amount"])
    day = cites[cites["value"] == "2025-09-09"].iloc[0]
    assert (day["value_date"], day["value_date_precision"]) == ("2025-09-09", "day")
    words = cites[cites["value"] == "samples"].iloc[0]
    assert words["value_text"] == "samples" and pd.isna(words["value_date"])
    assert pd.isna(words["value_amount"])


def test_bom_variant_keeps_dashes_and_accents_for_excel(seeded):
    plain = seeded.get("/export/deals.csv").data
    excel = seeded.get("/export/deals.csv?bom=1")
    assert excel.status_code == 200
    assert excel.data.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    assert excel.data[3:] == plain
    rows = list(csv.DictReader(io.StringIO(excel.data.decode("utf-8-sig"))))
    assert "slug" in rows[0]  # the header's first name is not glued to the mark
    assert any("–" in r["title"] for r in rows)
    assert seeded.get("/export/deals.csv?bom=yes").status_code == 400


def test_source_type_narrows_sources_and_citations_and_refuses_unknown_types(seeded):
    for kind in ("sources", "citations"):
        every = frame(seeded, kind)
        none = frame(seeded, kind, "source_type=filing")
        assert len(none) <= len(every)
        assert set(none["source_type"].dropna()) <= {"filing"}
    refused = seeded.get("/export/sources.csv?source_type=rumour")
    assert refused.status_code == 400 and "source_type" in refused.text


@pytest.mark.parametrize("kind", ["parties", "commodities", "deal_parties", "deal_commodities"])
def test_new_files_are_listed_in_the_data_package(seeded, kind):
    package = json.loads(seeded.get("/export/datapackage.json").data)
    names = [r["name"] for r in package["resources"]]
    assert kind in names and names == list(KINDS)


def test_cli_export_takes_source_type_and_bom(seeded_app, tmp_path):
    runner = seeded_app.test_cli_runner()
    out = tmp_path / "sources.csv"
    args = ["export", "sources", "--out", str(out), "--source-type", "filing", "--bom"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and {r["source_type"] for r in rows} == {"filing"}
    refused = runner.invoke(args=["export", "sources", "--source-type", "rumour"])
    assert refused.exit_code != 0 and "rumour" in refused.output
