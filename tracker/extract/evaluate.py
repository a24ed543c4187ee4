"""Score extractions against labelled articles: per-field precision, recall and F1."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .organisations import without_legal_form
from .pipeline import Extractor
from .reference import Reference

FIELDS = (
    "commodities",
    "countries",
    "countries_mentioned",
    "organisations",
    "money",
    "events",
)


@dataclass
class FieldScore:
    """Micro-averaged counts for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    """Scores for a labelled directory, plus per-article misses for debugging."""

    articles: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    published_correct: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain data: counts and rounded scores per field."""
        out: dict[str, Any] = {"articles": self.articles}
        for name, s in self.fields.items():
            out[name] = {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 3),
                         "recall": round(s.recall, 3), "f1": round(s.f1, 3)}  # fmt: skip
        acc = self.published_correct / self.articles if self.articles else 0.0
        out["published"] = {"correct": self.published_correct, "total": self.articles,
                            "accuracy": round(acc, 3)}  # fmt: skip
        return out


def alias_folding(reference: Reference) -> dict[str, str]:
    """Casefolded alias -> canonical name of every reference body: the READMEs fold known
    aliases into one name ("Afreximbank" is "African Export-Import Bank"), on both sides."""
    return {
        alias.casefold(): org.name
        for org in reference.organisations
        for alias in (org.name, *org.aliases)
    }


def _keys(name: str, record: dict[str, Any], aliases: dict[str, str] | None = None) -> Counter:
    """Comparable keys of one field: sets for names, (amount, currency) and (date, kind)."""
    values = record.get(name) or []
    if name == "money":
        return Counter((round(float(m["amount"]), 2), m["currency"]) for m in values)
    if name == "events":
        return Counter((e["date"], e["kind"]) for e in values)
    if name == "organisations":
        # The same body written with or without a trailing legal form is one name (fixtures
        # README): labels that kept "Ltd" or "A/S" match a found name that dropped it.
        aliases = aliases or {}
        return Counter(
            {without_legal_form(aliases.get(v.casefold(), v)).casefold(): 1 for v in values}
        )
    return Counter({v: 1 for v in values})


def tally(score: FieldScore, gold: Counter, got: Counter) -> None:
    """Add one article's comparison to SCORE: found and labelled, found only, labelled only."""
    score.tp += sum((gold & got).values())
    score.fp += sum((got - gold).values())
    score.fn += sum((gold - got).values())


def field_line(name: str, s: FieldScore) -> str:
    """One row of the eval table: P, R, F1 and the counts of a field."""
    scores = f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
    return f"{name:<20} {scores} {s.tp:>4} {s.fp:>4} {s.fn:>4}"


TABLE_HEADER = f"{'field':<20} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"


def check_corpus_dir(directory: Path) -> str | None:
    """A message saying what is missing from a corpus directory, or None when usable."""
    if not directory.is_dir():
        return f"{directory} is not a directory"
    missing = [d for d in ("articles", "labels") if not (directory / d).is_dir()]
    if missing:
        lacking = " and ".join(d + "/" for d in missing)
        return f"{directory} lacks {lacking}; expected articles/*.txt and labels/*.json"
    return None


def evaluate_dir(directory: Path, reference: Reference) -> EvalResult:
    """Extract every articles/*.txt with a labels/<stem>.json and score it."""
    directory = Path(directory)
    problem = check_corpus_dir(directory)
    if problem:
        raise FileNotFoundError(problem)
    extractor = Extractor(reference)
    aliases = alias_folding(reference)
    result = EvalResult()
    for article in sorted((directory / "articles").glob("*.txt")):
        label_file = directory / "labels" / f"{article.stem}.json"
        if not label_file.exists():
            continue
        gold = json.loads(label_file.read_text(encoding="utf-8"))
        got = extractor.extract(article.read_text(encoding="utf-8")).to_json()
        result.articles += 1
        result.published_correct += got["published"] == gold.get("published")
        for name in FIELDS:
            g, p = _keys(name, gold, aliases), _keys(name, got, aliases)
            tally(result.fields[name], g, p)
            if g != p:
                missing, extra = sorted(map(str, g - p)), sorted(map(str, p - g))
                result.errors.append(
                    {"article": article.stem, "field": name, "missing": missing, "extra": extra}
                )
    return result


def format_table(result: EvalResult) -> str:
    """A fixed-width table of P/R/F1 and counts per field."""
    lines = [f"articles: {result.articles}", TABLE_HEADER]
    lines += [field_line(name, s) for name, s in result.fields.items()]
    acc = result.published_correct / result.articles if result.articles else 0.0
    counts = f"{result.published_correct:>4}/{result.articles}"
    lines.append(f"{'published (acc)':<20} {acc:>6.3f} {'':>6} {'':>6} {counts}")
    return "\n".join(lines)


def format_misses(result: EvalResult, fields: tuple[str, ...]) -> str:
    """Per article and field (of FIELDS), what the labels hold that the extractor did not find
    (-) and what it found that they do not hold (+): the list a rule writer reads."""
    lines = []
    for error in result.errors:
        if error["field"] not in fields:
            continue
        lines.append(f"{error['article']} {error['field']}")
        lines += [f"  - {v}" for v in error["missing"]]
        lines += [f"  + {v}" for v in error["extra"]]
    return "\n".join(lines) if lines else "no misses in " + ", ".join(fields)
