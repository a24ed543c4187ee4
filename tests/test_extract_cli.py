"""The click commands `extract` and `eval-extract`."""

import json

from click.testing import CliRunner

from tests.extract_support import DATA_DIR, HELDOUT, SEED
from tracker.commands.extract import eval_extract_command, extract_command

README_KEYS = {"published", "commodities", "countries", "countries_mentioned", "organisations",
               "money", "events"}  # fmt: skip


def test_extract_prints_readme_json():
    result = CliRunner().invoke(extract_command, [str(SEED), "--data-dir", str(DATA_DIR)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert README_KEYS <= set(out)
    assert out["published"] == "2025-10-07"
    assert {"amount", "currency", "usd", "refers_to"} <= set(out["money"][0])
    assert {"date", "kind", "summary"} <= set(out["events"][0])


def test_extract_published_override_and_default_data_dir():
    result = CliRunner().invoke(extract_command, [str(SEED), "--published", "2025-10-08"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["published"] == "2025-10-08"


def test_extract_errors_are_messages_not_tracebacks(tmp_path):
    runner = CliRunner()
    bad_date = runner.invoke(extract_command, [str(SEED), "--published", "7 Oct"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    missing = runner.invoke(extract_command, [str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 signs deal".encode("latin-1"))
    not_utf8 = runner.invoke(extract_command, [str(latin)])
    assert not_utf8.exit_code == 1 and "not UTF-8" in not_utf8.output
    assert "Traceback" not in bad_date.output + missing.output + not_utf8.output


def test_eval_extract_prints_table():
    result = CliRunner().invoke(eval_extract_command, [str(HELDOUT), "--data-dir", str(DATA_DIR)])
    assert result.exit_code == 0, result.output
    assert "articles: " in result.output
    for field in ("commodities", "countries", "organisations", "money", "events", "published"):
        assert field in result.output


def test_eval_extract_rejects_bad_directory(tmp_path):
    (tmp_path / "articles").mkdir()
    result = CliRunner().invoke(eval_extract_command, [str(tmp_path)])
    assert result.exit_code == 1
    assert "lacks labels/" in result.output


def test_eval_extract_lists_what_a_field_missed_and_found_extra(tmp_path):
    """--misses FIELD prints, after the table, each article's labelled values the extractor
    did not find (-) and its finds the labels do not hold (+), for that field only."""
    for d in ("articles", "labels"):
        (tmp_path / d).mkdir()
    (tmp_path / "articles" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"))
    found = json.loads(CliRunner().invoke(extract_command, [str(SEED)]).output)
    labels = dict(found, organisations=[*found["organisations"][1:], "Nowhere Mining Corp"])
    (tmp_path / "labels" / "seed.json").write_text(json.dumps(labels))
    args = [str(tmp_path), "--data-dir", str(DATA_DIR), "--misses", "organisations"]
    result = CliRunner().invoke(eval_extract_command, args)
    assert result.exit_code == 0, result.output
    listing = result.output.split("published (acc)")[1]
    assert "seed organisations" in listing
    assert "  - nowhere mining corp" in listing
    assert f"  + {found['organisations'][0].casefold()}" in listing
    assert "countries" not in listing and "events" not in listing
    clean = CliRunner().invoke(eval_extract_command, [*args[:-1], "money"])
    assert clean.output.rstrip().endswith("no misses in money")
    unknown = CliRunner().invoke(eval_extract_command, [*args[:-1], "parties"])
    assert unknown.exit_code == 2 and "organisations" in unknown.output
