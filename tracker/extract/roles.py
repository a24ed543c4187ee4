"""The role a sentence states for a party it names (signatory, lender, buyer, ...), or None.

Only what the sentence says: a country that is merely the home of a company, or a body named
without a verb of its own, gets no role, and the editor chooses one."""

from __future__ import annotations

import re

# Words between a subject and its verb: "has", "also", "on Monday", a coordinated second party
# ("Bolivia and Example Metals Ltd signed"), an apposition ("X, the state miner, signed").
_BETWEEN = (
    r"(?:,?\s+(?:Ltd|Inc|Corp|LLC|plc|PLC|Co|SA|AG|GmbH|Limited|Pty\s+Ltd)\.?)?"
    r"(?:\s+and\s+(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w&'’.-]*){0,5})?"
    r"(?:,\s+[^,]{1,60},)?"
    r"(?:\s+(?:has|have|had|also|each|jointly|on\s+\w+|last\s+\w+|this\s+\w+|in\s+\w+)){0,3}\s+"
)
# "agreed on Tuesday to buy": a date between the verb and its infinitive.
_AT = r"(?:\s+(?:on|in|last|this)\s+\w+)?"
# (role, verb pattern after the subject), first match wins: money verbs before signing ones.
_SUBJECT_ROLES: list[tuple[str, re.Pattern]] = [
    (role, re.compile(_BETWEEN + pattern.replace("{AT}", _AT), re.IGNORECASE))
    for role, pattern in (
        ("lender", r"(?:lent|lends|will\s+lend|would\s+lend|agree[sd]{AT}\s+to\s+lend|"
                   r"(?:given|provided)\s+(?:a\s+|an\s+)?(?:[\w$.-]+\s+){0,4}?(?:loan|financing|credit|facility))"),
        ("investor", r"(?:invested|invests|will\s+invest|agree[sd]{AT}\s+to\s+(?:invest|"
                     r"buy\s+(?:a\s+)?(?:\d+%\s+)?stake)|(?:bought|acquired|took|takes)\s+(?:a\s+)?(?:\d+%\s+)?stake)"),
        ("buyer", r"(?:will\s+buy|agree[sd]{AT}\s+to\s+(?:buy|take|purchase)|bought|will\s+take)"),
        ("regulator", r"(?:banned|bans|restricted|imposed|suspended|halted|placed\s+\w+|"
                      r"introduced\s+export|raised\s+(?:the\s+)?[\w'’\s]{0,30}(?:quota|allocation))"),
        ("signatory", r"(?:signed|inked|agreed|struck|concluded)"),
    )
]  # fmt: skip
# The party is named after a preposition that says what it is in the deal.
_OBJECT_ROLES: list[tuple[str, re.Pattern]] = [
    (role, re.compile(pattern + r"\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$", re.IGNORECASE))
    for role, pattern in (
        ("jv_partner", r"\b(?:joint\s+venture|vehicle|venture)\s+(?:owned\s+)?(?:of|by|between)"
                       r"(?:\s+[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}\s+and)?"),
        ("lender", r"\b(?:loans?|facility|financing|credit|prepayment|funding)\b[^.;]{0,80}?\bfrom"
                   r"(?:\s+[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}\s+and)?"),
        ("seller", r"\b(?:buy|purchase|take|offtake)\b[^.;]{0,80}?\bfrom"),
        ("borrower", r"\b(?:lend|lent|loan|financing\s+commitment|prepayment)\b[^.;]{0,60}?\bto"),
        ("signatory", r"\b(?:signed|agreed|concluded|struck)\b[^.;]{0,80}?\bwith"),
    )
]  # fmt: skip


def stated_role(sentence: str, start: int, end: int) -> str | None:
    """The role the sentence gives the party named at sentence[start:end], or None."""
    after = sentence[end:]
    for role, rx in _SUBJECT_ROLES:
        if rx.match(after):
            return role
    before = sentence[:start]
    for role, rx in _OBJECT_ROLES:
        if rx.search(before):
            return role
    return None


def role_in(sentences: list[str], names: list[str]) -> str | None:
    """The first role any of SENTENCES states for a party called by any of NAMES."""
    for sentence in sentences:
        for name in names:
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence):
                role = stated_role(sentence, m.start(), m.end())
                if role:
                    return role
    return None
