"""Roles a sentence states for the parties it names, and none where it states none."""

import pytest

from tracker.extract.roles import role_in


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("Bolivia and Example Metals Ltd signed an offtake agreement.", "Bolivia", "signatory"),
        (
            "Bolivia and Example Metals Ltd signed an offtake agreement.",
            "Example Metals",
            "signatory",
        ),
        ("The miner got a $50m loan from Ostra Bank and Kestrel Finance.", "Ostra Bank", "lender"),
        (
            "The miner got a $50m loan from Ostra Bank and Kestrel Finance.",
            "Kestrel Finance",
            "lender",
        ),
        (
            "Quarry Hill, a vehicle of Almond Mining and Ridgeway, signed it.",
            "Ridgeway",
            "jv_partner",
        ),
        ("The fund agreed on Monday to invest $9m in Quarry Hill.", "fund", "investor"),
        ("The office will lend up to $120 million to Alder Creek.", "Alder Creek", "borrower"),
        ("Indonesia banned exports of nickel ore in 2020.", "Indonesia", "regulator"),
        ("Harbour Tide will buy the ore from Gobi Copper.", "Gobi Copper", "seller"),
        # Named without a part in the deal: a company's home, a place, a commentator.
        ("Reno-based Harbour Tide opened a plant in the United States.", "United States", None),
        ("Analysts at Ferro Insight said prices would rise.", "Ferro Insight", None),
    ],
)
def test_stated_roles(sentence, name, role):
    assert role_in([sentence], [name]) == role
