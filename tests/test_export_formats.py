"""Real exports read by the tools researchers use: pandas with the right dtypes, and the
Frictionless validator against /export/datapackage.json."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

from tracker.export.columns import BOOLEAN, DATE, INTEGER, KINDS, NUMBER, STRING

# The pandas dtype each column type must arrive as when read with the data dictionary.
DTYPES = {STRING: "string", INTEGER: "Int64", NUMBER: "Float64", BOOLEAN: "boolean"}


def download(client, tmp_path: Path, query: str = "") -> Path:
    """Every CSV and the data package, as a researcher would save them."""
    for kind in KINDS:
        response = client.get(f"/export/{kind}.csv?{query}")
        assert response.status_code == 200
        (tmp_path / f"{kind}.csv").write_bytes(response.data)
    package = client.get(f"/export/datapackage.json?{query}")
    (tmp_path / "datapackage.json").write_bytes(package.data)
    return tmp_path / "datapackage.json"


def read_typed(data: bytes, kind: str) -> pd.DataFrame:
    """KIND read with dtypes taken from the data dictionary."""
    columns = KINDS[kind]
    return pd.read_csv(
        io.BytesIO(data),
        dtype={c.name: DTYPES[c.type] for c in columns if c.type != DATE},
        parse_dates=[c.name for c in columns if c.type == DATE],
        date_format="ISO8601",
        keep_default_na=False,
        na_values=[""],
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_pandas_reads_every_export_with_the_dictionary_dtypes_and_no_warning(seeded, kind):
    data = seeded.get(f"/export/{kind}.csv").data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = read_typed(data, kind)
        plain = pd.read_csv(io.BytesIO(data))
    assert len(frame) > 0
    assert list(frame.columns) == [c.name for c in KINDS[kind]]
    for column in KINDS[kind]:
        dtype = str(frame[column.name].dtype)
        if column.type == DATE:
            assert dtype.startswith("datetime64"), (column.name, dtype)
        else:
            assert dtype == DTYPES[column.type], (column.name, dtype)
    for column in KINDS[kind]:  # with no hints at all, numbers and flags still come out typed
        if column.type == BOOLEAN:
            assert str(plain[column.name].dtype) == "bool", column.name
        if column.type in (NUMBER, INTEGER) and plain[column.name].notna().any():
            assert plain[column.name].dtype.kind in "fi", (column.name, plain[column.name].dtype)


def test_undisclosed_amounts_read_as_missing_not_zero(seeded):
    frame = read_typed(seeded.get("/export/deals.csv").data, "deals")
    assert not (frame["value_amount"] == 0).any()
    assert frame["value_amount"].isna().any() and frame["value_amount"].notna().any()


@pytest.mark.parametrize("query", ["", "commodity=antimony&from=2025"])
def test_frictionless_validates_real_exports_against_the_data_package(seeded, tmp_path, query):
    descriptor = download(seeded, tmp_path, query)
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(KINDS)


def test_data_package_describes_every_file_column_licence_and_citation(seeded):
    package = json.loads(seeded.get("/export/datapackage.json").data)
    assert [r["name"] for r in package["resources"]] == list(KINDS)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "Version live-" in package["citation"]
    deals = package["resources"][0]["schema"]["fields"]
    kind = next(f for f in deals if f["name"] == "kind")
    assert "mou" in kind["constraints"]["enum"]
    usd = next(f for f in deals if f["name"] == "value_usd")
    assert usd["unit"] == "USD" and usd["type"] == "number" and usd["description"]
