"""SQL expressions that render values as export text in the database, so Python only writes rows."""

from __future__ import annotations

from sqlalchemy import String, and_, case, cast, func, literal, literal_column, not_, null, select
from sqlalchemy.dialects.postgresql import aggregate_order_by

from tracker.export.formulas import neutralised_sql
from tracker.models.common import AMOUNT_PLACES, RATE_PLACES

LIST_SEPARATOR = "; "


def plain_decimal(column, places: int, dialect: str):
    """A decimal as plain text with no trailing zeros and never in exponent form (1e-05)."""
    if dialect == "postgresql":
        return cast(func.trim_scale(column), String)
    # SQLite keeps NUMERIC as integer or double; printf avoids the exponent, rtrim the padding.
    # printf reads NULL as 0, hence the CASE.
    padded = func.printf(f"%.{places}f", column)
    return case((column.is_(None), null()), else_=func.rtrim(func.rtrim(padded, "0"), "."))


def iso_date(column):
    """A date as YYYY-MM-DD text (SQLite already stores it so; PostgreSQL's ISO DateStyle)."""
    return cast(column, String)


def flag(column):
    """A boolean as 'true' or 'false', the spelling pandas, R and Frictionless all read."""
    return case((column, "true"), else_="false")


def labelled(column, labels: dict[str, str]):
    """A vocabulary value as its human label (unknown values pass through)."""
    return case(labels, value=column, else_=column)


def joined(value, *, where, from_, outer, dialect: str):
    """Labels of related rows joined by '; ' in alphabetical order, as a correlated subquery."""
    if dialect == "postgresql":
        agg = func.string_agg(value, aggregate_order_by(literal(LIST_SEPARATOR), value))
        return select(agg).select_from(*from_).where(*where).correlate(outer).scalar_subquery()
    # SQLite before 3.44 has no ORDER BY inside group_concat; an ordered derived table gives it.
    inner = (
        select(value.label("v"))
        .select_from(*from_)
        .where(*where)
        .correlate(outer)
        .order_by(value)
        .subquery()
    )
    return select(func.group_concat(inner.c.v, LIST_SEPARATOR)).scalar_subquery()


def money(model, dialect: str) -> list:
    """The money columns of MODEL in export order (see columns._money)."""
    return [
        plain_decimal(model.value_amount, AMOUNT_PLACES, dialect).label("value_amount"),
        model.value_currency.label("value_currency"),
        plain_decimal(model.value_usd, AMOUNT_PLACES, dialect).label("value_usd"),
        plain_decimal(model.value_usd_rate, RATE_PLACES, dialect).label("value_usd_rate"),
        iso_date(model.value_usd_rate_date).label("value_usd_rate_date"),
        model.value_usd_basis.label("value_usd_basis"),
        flag(model.value_approximate).label("value_approximate"),
        flag(model.value_up_to).label("value_up_to"),
        flag(model.value_more_than).label("value_more_than"),
        flag(model.value_undisclosed).label("value_undisclosed"),
    ]


def dated(model, name: str, column_name: str | None = None) -> list:
    """A date and its precision column."""
    column = getattr(model, column_name or f"{name}_on")
    return [
        iso_date(column).label(f"{name}_on"),
        getattr(model, f"{name}_precision").label(f"{name}_precision"),
    ]


# Characters that make RFC 4180 (and Python's csv.QUOTE_MINIMAL) quote a field.
NEEDS_QUOTES = '[",\r\n]'


def csv_field(value, *, text: bool, dialect: str):
    """One CSV field, quoted only when it must be (as csv.QUOTE_MINIMAL would); NULL is empty.

    Text that could run as a spreadsheet formula starts with an apostrophe (formulas.py)."""
    if not text:  # numbers, dates and flags never hold a comma, quote or line break
        return func.coalesce(cast(value, String), "")
    # The tests read the stored value: SQL repeats an expression wherever it is named, so the
    # apostrophe rule (an expression itself) is named only in the branch taken. An apostrophe
    # needs no quotes, so the stored value needs quoting exactly when the written one does.
    if dialect == "postgresql":
        risky = value.op("~")(NEEDS_QUOTES)
    else:
        risky = value.op("GLOB")(f"*{NEEDS_QUOTES}*")
    # Text a spreadsheet would run as a formula gets a leading apostrophe (see formulas.py).
    written = neutralised_sql(value)
    quoted = literal('"') + func.replace(written, '"', '""') + literal('"')
    return case((value.is_(None), ""), (risky, quoted), else_=written)


def csv_line(values, texts, dialect: str):
    """A whole CSV record as one text value, built by the database (fields joined by ',')."""
    fields = [csv_field(v, text=t, dialect=dialect) for v, t in zip(values, texts, strict=True)]
    line = fields[0]
    for field in fields[1:]:
        line = line + literal(",") + field
    return line.label("line")


def json_list(model, column: str, dialect: str):
    """A JSON list column's items joined by '; ', in their stored order."""
    table = model.__tablename__
    if dialect == "postgresql":
        sql = (
            f"array_to_string(ARRAY(SELECT json_array_elements_text({table}.{column})), "
            f"'{LIST_SEPARATOR}')"
        )
    else:
        sql = f"(SELECT group_concat(value, '{LIST_SEPARATOR}') FROM json_each({table}.{column}))"
    return literal_column(sql)


# The value shapes a citation holds (see records.conflicts): partial dates and "USD 500000000".
_DATE_SHAPES = {
    "day": ("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]", r"^\d{4}-\d{2}-\d{2}$"),
    "month": ("[0-9][0-9][0-9][0-9]-[0-9][0-9]", r"^\d{4}-\d{2}$"),
    "quarter": ("[0-9][0-9][0-9][0-9]-Q[1-4]", r"^\d{4}-Q[1-4]$"),
    "year": ("[0-9][0-9][0-9][0-9]", r"^\d{4}$"),
}
_MONEY_SHAPE = ("[A-Z][A-Z][A-Z] [0-9]*", r"^[A-Z]{3} \d+(\.\d+)?$")


def _matches(column, shape: tuple[str, str], dialect: str):
    glob, regex = shape
    if dialect == "postgresql":
        return column.op("~", is_comparison=True)(regex)
    matched = column.op("GLOB", is_comparison=True)(glob)
    if shape is _MONEY_SHAPE:  # GLOB has no "digits only": refuse anything else after the code
        other = func.substr(column, 5).op("GLOB", is_comparison=True)("*[^0-9.]*")
        matched = and_(matched, not_(other))
    return matched


def typed_value(value, dialect: str) -> list:
    """A citation's value split by type: text, date and precision, amount and currency."""
    is_day, is_month, is_quarter, is_year = (
        _matches(value, _DATE_SHAPES[p], dialect) for p in ("day", "month", "quarter", "year")
    )
    quarter_month = case(
        {"1": "01", "2": "04", "3": "07", "4": "10"}, value=func.substr(value, 7, 1)
    )
    first_day = case(
        (is_day, value),
        (is_month, value + "-01"),
        (is_quarter, func.substr(value, 1, 4) + "-" + quarter_month + "-01"),
        (is_year, value + "-01-01"),
        else_=null(),
    )
    precision = case(
        (is_day, "day"),
        (is_month, "month"),
        (is_quarter, "quarter"),
        (is_year, "year"),
        else_=null(),
    )
    is_money = _matches(value, _MONEY_SHAPE, dialect)
    return [
        value.label("value_text"),
        first_day.label("value_date"),
        precision.label("value_date_precision"),
        case((is_money, func.substr(value, 5)), else_=null()).label("value_amount"),
        case((is_money, func.substr(value, 1, 3)), else_=null()).label("value_currency"),
    ]
