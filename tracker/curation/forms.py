"""The editing forms (Flask-WTF: every form carries a CSRF token) and their field checks."""

from __future__ import annotations

import re
from decimal import Decimal

import pycountry
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from tracker.models.common import AMOUNT_DIGITS, AMOUNT_PLACES
from tracker.records import vocab
from tracker.records.partial_dates import ACCEPTED_FORMS, PartialDate

# Summaries and descriptions are paragraphs, not articles; longer text is refused, not cut.
LONG_TEXT_MAX = 20_000
NOTE_MAX = 1_000
# /deals/new is the form: a record called "new" could never be reached.
RESERVED_SLUGS = frozenset({"new"})
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# NUL cannot be stored by PostgreSQL; other control characters are never meant in prose.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DATE_HINT = f"{ACCEPTED_FORMS}; the form gives the precision (2025-09 is 'September 2025')."


def _choices(vocabulary: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in vocabulary.items()]


def plain_text(_form, field) -> None:
    """No control characters (PostgreSQL cannot even look up a NUL)."""
    if field.data and _BAD_CHARS.search(field.data):
        raise ValidationError("Remove control characters.")


def partial_date(_form, field) -> None:
    """A date at a precision: YYYY, YYYY-QN, YYYY-MM or YYYY-MM-DD."""
    if field.data:
        try:
            PartialDate.parse(field.data)
        except ValueError:
            raise ValidationError(f"Not a date: write {ACCEPTED_FORMS}.") from None


def currency(_form, field) -> None:
    """An ISO 4217 code such as USD, EUR, CNY."""
    if field.data and pycountry.currencies.get(alpha_3=field.data.strip().upper()) is None:
        raise ValidationError("Not an ISO 4217 currency code (USD, EUR, CNY...).")


def amount(_form, field) -> None:
    """An amount the database can hold exactly."""
    value: Decimal | None = field.data
    if value is None:
        return
    if value < 0 or value.as_tuple().exponent < -AMOUNT_PLACES:
        raise ValidationError(f"Use a positive amount with at most {AMOUNT_PLACES} decimals.")
    if value >= Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES):
        raise ValidationError("That amount is too large to be a reported value.")


def slug(_form, field) -> None:
    """Lowercase words and digits joined by hyphens."""
    if field.data and not SLUG_RE.match(field.data):
        raise ValidationError("Use lowercase letters, digits and single hyphens (us-pak-mou).")
    if field.data in RESERVED_SLUGS:
        raise ValidationError(f"{field.data!r} is a page of its own; choose another slug.")


class EditForm(FlaskForm):
    """A form whose every text field refuses control characters and undecodable bytes."""

    note = StringField(
        "Why (optional, kept in the history)", validators=[Optional(), Length(max=NOTE_MAX)]
    )

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, then the text check on every text field."""
        ok = super().validate(extra_validators)
        for field in self:
            if field.type in ("StringField", "TextAreaField", "URLField") and field.data:
                if _BAD_CHARS.search(field.data) or "\ufffd" in field.data:
                    field.errors = [*field.errors, "Remove control characters or bad bytes."]
                    # Reference lookups still run to report every problem; PostgreSQL
                    # refuses NUL even in a query parameter, so they see the text without.
                    field.data = _BAD_CHARS.sub("", field.data)
                    ok = False
        return ok


class DealForm(EditForm):
    """A deal: what, who, which commodities, how much, when."""

    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    slug = StringField(
        "Slug (web address; from the title when empty)",
        validators=[Optional(), Length(max=160), slug],
    )
    kind = SelectField("Kind", choices=_choices(vocab.DEAL_KINDS))
    status = SelectField("Status", choices=_choices(vocab.DEAL_STATUSES))
    summary = TextAreaField("Summary", validators=[Optional(), Length(max=LONG_TEXT_MAX)])
    parties = TextAreaField(
        "Parties",
        description="One per line: party-slug role (roles: " + ", ".join(vocab.ROLES) + ").",
        validators=[Length(max=LONG_TEXT_MAX)],
    )
    commodities = SelectMultipleField("Commodities", choices=[])
    announced = StringField("Announced", description=DATE_HINT, validators=[partial_date])
    signed = StringField("Signed", description=DATE_HINT, validators=[partial_date])
    effective = StringField("In effect from", description=DATE_HINT, validators=[partial_date])
    ended = StringField("Ended", description=DATE_HINT, validators=[partial_date])
    value_amount = DecimalField("Value: amount", validators=[Optional(), amount])
    value_currency = StringField("Value: currency (ISO 4217)", validators=[Optional(), currency])
    value_usd = DecimalField("USD equivalent stated by the source", validators=[Optional(), amount])
    value_rate_date = StringField("Date of that USD rate", validators=[partial_date])
    value_approximate = BooleanField("approximately")
    value_up_to = BooleanField("up to")
    value_more_than = BooleanField("more than")
    value_undisclosed = BooleanField("value undisclosed")

    def validate_value_currency(self, field) -> None:
        """An amount needs its currency."""
        if self.value_amount.data is not None and not field.data:
            raise ValidationError("Give the currency of the amount (USD, EUR...).")


class ShipmentForm(EditForm):
    """A shipment: from where to where, when, and what it carried."""

    slug = StringField("Slug", validators=[Optional(), Length(max=160), slug])
    description = StringField("Description", validators=[Optional(), Length(max=LONG_TEXT_MAX)])
    deal = StringField("Deal slug (optional)", validators=[Optional(), Length(max=160)])
    origin = StringField("Origin country (ISO 3166 alpha-3)", validators=[DataRequired()])
    destination = StringField("Destination country (alpha-3)", validators=[DataRequired()])
    origin_party = StringField("Sending party slug (optional)", validators=[Length(max=120)])
    destination_party = StringField("Receiving party slug (optional)", validators=[Length(max=120)])
    dispatched = StringField("Dispatched", description=DATE_HINT, validators=[partial_date])
    arrived = StringField("Arrived", description=DATE_HINT, validators=[partial_date])
    status = SelectField("Status", choices=_choices(vocab.SHIPMENT_STATUSES))
    items = TextAreaField(
        "Items",
        description="One per line: commodity-slug; quantity; unit; grade; value; currency "
        "(everything after the commodity may be empty).",
        validators=[Length(max=LONG_TEXT_MAX)],
    )


class EventForm(EditForm):
    """A dated event on the timeline."""

    slug = StringField("Slug", validators=[Optional(), Length(max=160), slug])
    date = StringField("Date", description=DATE_HINT, validators=[DataRequired(), partial_date])
    kind = SelectField("Kind", choices=_choices(vocab.EVENT_KINDS))
    summary = TextAreaField("Summary", validators=[DataRequired(), Length(max=LONG_TEXT_MAX)])
    deal = StringField("Deal slug (optional)", validators=[Optional(), Length(max=160)])
    shipment = StringField("Shipment slug (optional)", validators=[Optional(), Length(max=160)])
    parties = TextAreaField(
        "Parties", description="One party slug per line.", validators=[Length(max=LONG_TEXT_MAX)]
    )


class PartyForm(EditForm):
    """A company, agency, country or other body."""

    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    slug = StringField("Slug", validators=[Optional(), Length(max=120), slug])
    kind = SelectField("Kind", choices=_choices(vocab.PARTY_KINDS))
    country_iso3 = StringField("Home country (ISO 3166 alpha-3)", validators=[Optional()])
    aliases = StringField("Also called (separate with ;)", validators=[Length(max=2000)])
    description = TextAreaField("About", validators=[Optional(), Length(max=LONG_TEXT_MAX)])

    def validate_country_iso3(self, field) -> None:
        """A real country code."""
        if field.data and pycountry.countries.get(alpha_3=field.data.strip().upper()) is None:
            raise ValidationError("Not an ISO 3166 alpha-3 country code (PAK, USA, CHN...).")


class SourceForm(EditForm):
    """A published document: where it is and who published it."""

    url = StringField("URL", validators=[DataRequired(), Length(max=2000), URL(require_tld=False)])
    publisher = StringField("Publisher", validators=[DataRequired(), Length(max=200)])
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    author = StringField("Author", validators=[Optional(), Length(max=200)])
    published = StringField("Published", description=DATE_HINT, validators=[partial_date])
    language = StringField("Language (BCP 47: en, fr, zh)", validators=[Length(max=12)])
    summary = TextAreaField(
        "What it states (in our words)", validators=[Optional(), Length(max=LONG_TEXT_MAX)]
    )

    def validate_url(self, field) -> None:
        """Only web addresses: a javascript: link must never reach a page."""
        if not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError("Use an http:// or https:// address.")


class CitationForm(EditForm):
    """A source supporting a record (and optionally one field), with its verbatim quote."""

    source = SelectField("Source", coerce=int, choices=[])
    field = StringField(
        "Field it supports (optional: value, signed...)", validators=[Length(max=60)]
    )
    value = StringField("Value as the source states it", validators=[Length(max=500)])
    quote = TextAreaField("Quote (verbatim)", validators=[Length(max=LONG_TEXT_MAX)])
