"""One list of money columns: the model's, money_fields()'s, the import's and the history's."""

from decimal import Decimal

from tracker.importing import columns
from tracker.models.common import MoneyFields
from tracker.queries import history
from tracker.records.money import MONEY_COLUMNS, money_fields


def test_money_columns_are_the_models_and_money_fields_keys():
    assert set(MONEY_COLUMNS) == set(MoneyFields.model_fields)
    assert tuple(money_fields(amount=Decimal(5), currency="EUR")) == MONEY_COLUMNS


def test_import_and_history_read_the_same_money_columns():
    item_columns = [c for c in columns.SHIPMENT_COLUMNS if c.startswith("value_")]
    assert item_columns == list(MONEY_COLUMNS)
    assert history.MONEY_COLUMNS is MONEY_COLUMNS
