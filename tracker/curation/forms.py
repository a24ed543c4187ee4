"""The editing forms (Flask-WTF: every form carries a CSRF token). They only carry text: every
value is checked by tracker.records.checks (see tracker.curation.convert)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from tracker.records import vocab
from tracker.records.checks.fields import BAD_CHARS
from tracker.records.partial_dates import ACCEPTED_FORMS, DATE_RANGE

NOTE_MAX = 1_000
DATE_HINT = (
    f"{ACCEPTED_FORMS}, {DATE_RANGE}; the form gives the precision (2025-09 is 'September 2025')."
)


def _choices(vocabulary: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in vocabulary.items()]


def plain_text(_form, field) -> None:
    """No control characters (PostgreSQL cannot even look up a NUL)."""
    if field.data and BAD_CHARS.search(field.data):
        raise ValidationError("Remove control characters.")


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
                if BAD_CHARS.search(field.data) or "\ufffd" in field.data:
                    field.errors = [*field.errors, "Remove control characters or bad bytes."]
                    # Reference lookups still run to report every problem; PostgreSQL
                    # refuses NUL even in a query parameter, so they see the text without.
                    field.data = BAD_CHARS.sub("", field.data)
                    ok = False
        return ok


class DealForm(EditForm):
    """A deal: what, who, which commodities, how much, when."""

    title = StringField("Title")
    slug = StringField(
        "Slug (web address; from the title when empty)",
    )
    kind = SelectField("Kind", choices=_choices(vocab.DEAL_KINDS))
    status = SelectField("Status", choices=_choices(vocab.DEAL_STATUSES))
    summary = TextAreaField("Summary")
    parties = TextAreaField(
        "Parties",
        description="One per line: party-slug role (roles: " + ", ".join(vocab.ROLES) + ").",
    )
    commodities = SelectMultipleField("Commodities", choices=[])
    announced = StringField("Announced", description=DATE_HINT)
    signed = StringField("Signed", description=DATE_HINT)
    effective = StringField("In effect from", description=DATE_HINT)
    ended = StringField("Ended", description=DATE_HINT)
    value_amount = StringField("Value: amount")
    value_currency = StringField("Value: currency (ISO 4217)")
    value_usd = StringField("USD equivalent stated by the source")
    value_rate_date = StringField("Date of that USD rate")
    value_approximate = BooleanField("approximately")
    value_up_to = BooleanField("up to")
    value_more_than = BooleanField("more than")
    value_undisclosed = BooleanField("value undisclosed")


class ShipmentForm(EditForm):
    """A shipment: from where to where, when, and what it carried."""

    slug = StringField("Slug")
    description = StringField("Description")
    deal = StringField("Deal slug (optional)")
    origin = StringField("Origin country (ISO 3166 alpha-3)")
    destination = StringField("Destination country (alpha-3)")
    origin_party = StringField("Sending party slug (optional)")
    destination_party = StringField("Receiving party slug (optional)")
    dispatched = StringField("Dispatched", description=DATE_HINT)
    arrived = StringField("Arrived", description=DATE_HINT)
    status = SelectField("Status", choices=_choices(vocab.SHIPMENT_STATUSES))
    items = TextAreaField(
        "Items",
        description="One per line: commodity-slug; quantity; unit; grade; value; currency; "
        "USD equivalent stated by the source; date of that rate (YYYY-MM-DD); hedges "
        "(approximately, up-to, more-than, undisclosed). Everything after the commodity "
        "may be empty.",
    )


class EventForm(EditForm):
    """A dated event on the timeline."""

    slug = StringField("Slug")
    date = StringField("Date", description=DATE_HINT)
    kind = SelectField("Kind", choices=_choices(vocab.EVENT_KINDS))
    summary = TextAreaField("Summary")
    deal = StringField("Deal slug (optional)")
    shipment = StringField("Shipment slug (optional)")
    parties = TextAreaField("Parties", description="One party slug per line.")


class PartyForm(EditForm):
    """A company, agency, country or other body."""

    name = StringField("Name")
    slug = StringField("Slug")
    kind = SelectField("Kind", choices=_choices(vocab.PARTY_KINDS))
    country_iso3 = StringField("Home country (ISO 3166 alpha-3)")
    aliases = StringField("Also called (separate with ;)")
    description = TextAreaField("About")


class SourceForm(EditForm):
    """A published document: where it is and who published it."""

    url = StringField("URL")
    publisher = StringField("Publisher")
    title = StringField("Title")
    author = StringField("Author")
    published = StringField("Published", description=DATE_HINT)
    language = StringField("Language (BCP 47: en, fr, zh)")
    summary = TextAreaField("What it states (in our words)")
    source_type = SelectField(
        "Type of source",
        choices=[SelectChoice("", "not classified"), *_choices(vocab.SOURCE_TYPES)],
        validate_choice=False,  # the record check refuses unknown types, naming them
    )
    archive_url = StringField(
        "Archived copy (URL)", description="e.g. a Wayback Machine copy, read if the link dies"
    )


class CitationForm(EditForm):
    """A source supporting a record (and optionally one field), with its verbatim quote."""

    source = SelectField("Source", coerce=int, choices=[])
    field = StringField("Field it supports (optional: value, signed...)")
    value = StringField("Value as the source states it")
    quote = TextAreaField("Quote (verbatim)")
