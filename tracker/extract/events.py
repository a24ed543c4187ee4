"""Dated events (signings, announcements, shipments, controls) from sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import FUTURE_MARKERS, DateMention, find_dates
from .event_words import (
    AGREED_TO_FUND,
    AGREEMENT,
    ANNOUNCED_PROJECT,
    APPROVED_DOCUMENT,
    APPROVED_SUM,
    AWARDED_SUM,
    CLOSED_FUNDS,
    CONTROL,
    CONTROLS,
    EACH_PARTY,
    EXPORTS_TO_COUNTRY,
    EXTENDED_MEASURE,
    FINANCING_AGREEMENT,
    INVEST,
    LAW_THAT_BANS,
    LEGISLATIVE_ACT,
    LISTED_CONTRACT,
    LOAN_ACCEPTED,
    MEASURE,
    MONEY,
    MOU,
    NEW_ONE,
    OWNED_LICENCE,
    PAID_FUNDS,
    PERFECT_REPORTED,
    PERMIT,
    PERMIT_GRANTED,
    PLANNED_VERB,
    POLICY,
    QUOTA,
    REFERENCED,
    RESTATED_WITH_DATE,
    RULING,
    SAME_DAY_CLAUSE,
    SAME_OCCASION,
    SECURED_FUNDS,
    SHIPMENT,
    SIGNED_LAW,
    STAKE,
    STAKE_PURCHASE,
    SUSPEND,
    SUSPENDED_LICENCES,
    TAX_INCENTIVE,
    TENURE,
    TRIGGERS,
    UNIT_PRICE,
)
from .sentences import Span

KINDS = (
    "mou_signed", "agreement_signed", "shipment_dispatched", "shipment_arrived",
    "investment_announced", "export_control", "suspension", "other",
)  # fmt: skip
SUMMARY_MAX = 200


@dataclass(frozen=True)
class Event:
    """An event with its date, kind and the sentence it came from."""

    date: str
    kind: str
    summary: str
    sentence: Span


def lead_kind(text: str) -> str:
    """The kind of the article's main story, from headline, standfirst and lead sentence."""
    if CONTROL.search(text):
        return "export_control"
    if SUSPEND.search(text):
        return "suspension"
    if MOU.search(text):
        return "mou_signed"
    if SHIPMENT.search(text) and TRIGGERS[2][1].search(text):
        return "shipment_dispatched"
    if re.search(r"\b(?:signed|agreed|contract|acquir\w+)\b", text, re.IGNORECASE):
        return "agreement_signed"
    if INVEST.search(text):
        return "investment_announced"
    return "other"


# A financing document and a deal signed together, in either order.
_FINANCING_AND_DEAL = re.compile(
    r"\b(?:loan|credit|facility|financing|placement|subscription)\s+agreements?\s+and\s+(?:an?|the|"
    r"its)\s+(?:[\w-]+\s+){0,3}?(?:offtake|supply\s+(?:agreement|contract)|sales\s+contract)\b|"
    r"\b(?:offtake|supply\s+(?:agreement|contract)|sales\s+contract)\s+and\s+(?:an?|the|its)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:loan|credit|facility|financing|placement|subscription)\s+agreements?\b",
    re.IGNORECASE,
)
# "The MDA was approved by Cabinet on 17th November": an approval in the passive.
_APPROVED_BY = re.compile(
    # ("The Mining Convention was adopted by the Council of Ministers": a cabinet's approval)
    r"\b(?:was|were|has\s+been|had\s+been)\s+(?:approved|ratified|endorsed|cleared|adopted)\s+by\b",
    re.IGNORECASE,
)


# A suspension is what was imposed ("imposed a 30-day suspension of cobalt exports").
_SUSPENSION_IMPOSED = re.compile(
    r"\b(?:imposed|ordered|announced)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:suspension|halt)\b",
    re.IGNORECASE,
)


# "a suspension that began in August 2023", "the ban, which took effect in May".
_MEASURE_BEGAN = re.compile(
    r"\b(suspension|halt|moratorium|ban|quotas?|export\s+controls?)\s*,?\s+(?:that|which)\s+"
    r"(?:began|started|took\s+effect|came\s+into\s+force)\b",
    re.IGNORECASE,
)


# A body's assent: "approved an order", "gave its consent by a resolution adopted on ...".
_BODY_ASSENT = r"\b(?:approved|adopted|consented)\b|\bgave\s+(?:its|their)\s+consent\b"


def _kinds(cls: str, sentence: str, fallback: str) -> list[str]:
    """Event kinds for a trigger class, refined by the verb's object in its sentence."""
    if cls == "dated":
        kinds = ["mou_signed"] if MOU.search(sentence) else []
        return kinds or (["agreement_signed"] if AGREEMENT.search(sentence) else [fallback])
    if cls == "fund":
        return ["investment_announced"]  # a sum put in
    if cls in ("agree", "announce", "control") and PERMIT_GRANTED.search(sentence):
        return ["other"]  # "awarded a licence", "granted ... an export permit": a procedural step
    if cls in ("suspend", "control") and SUSPENDED_LICENCES.search(sentence):
        return ["suspension"]  # licensing halted
    if cls == "control" and _SUSPENSION_IMPOSED.search(sentence):
        return ["suspension"]  # "imposed a 30-day suspension of exports"
    if cls == "suspend" and EXPORTS_TO_COUNTRY.search(sentence):
        return ["export_control"]  # "halted exports to the United States"
    if cls == "state":
        if CONTROL.search(sentence) or QUOTA.search(sentence):
            return ["export_control"]
        return ["suspension"] if SUSPEND.search(sentence) else ["other"]
    if cls == "sign":
        if SIGNED_LAW.search(sentence) and not AGREEMENT.search(SIGNED_LAW.sub("", sentence)):
            return ["other"]  # "The Law 'On ratification' was signed by the President"
        if (
            FINANCING_AGREEMENT.search(sentence)
            or STAKE_PURCHASE.search(sentence)
            # "signed an agreement to prepay $9 million against deliveries"
            or re.search(r"\bagreements?\s+to\b", sentence)
            and AGREED_TO_FUND.search(sentence)
        ):
            # "Under agreements signed on Tuesday, Qasr will acquire the stake": buying into a
            # company is an investment, whatever document carries it; a deal signed with it
            # ("The placement agreement and a ten-year offtake were signed") is a second act
            both = _FINANCING_AND_DEAL.search(sentence)
            return ["investment_announced"] + (["agreement_signed"] if both else [])
        kinds = (["mou_signed"] if MOU.search(sentence) else []) + (
            ["agreement_signed"] if AGREEMENT.search(MOU.sub("", sentence)) else []
        )
        # "signed a letter of interest" with no deal named is a financing step.
        return kinds or (
            ["investment_announced"] if INVEST.search(sentence) else ["agreement_signed"]
        )
    if cls == "change":
        if MONEY.search(sentence) and INVEST.search(sentence):
            return ["investment_announced"]  # "extended a $100 million credit line"
        if (
            TENURE.search(sentence)
            or OWNED_LICENCE.search(sentence)
            or (PERMIT.search(sentence) and not CONTROL.search(sentence))
        ):
            # "extended the lease to 2046", "extended X's licence for the use of its deposits":
            # a title prolonged, not a control (an export licence is one)
            return ["other"]
        if MEASURE.search(sentence):
            return ["export_control"]
        return ["suspension"] if SUSPEND.search(sentence) else []
    if cls == "agree" and any(
        rx.search(sentence)
        for rx in (STAKE, AGREED_TO_FUND, SECURED_FUNDS, AWARDED_SUM, CLOSED_FUNDS)
    ):
        return ["investment_announced"]
    if cls == "agree" and MOU.search(sentence):
        return ["mou_signed"]  # "the memorandum of understanding concluded in March"
    if cls == "raise":
        if MONEY.search(sentence):
            return ["investment_announced"]
        # "raised the stakes with a broader set of controls": no money, a control widened.
        return ["export_control"] if QUOTA.search(sentence) or CONTROLS.search(sentence) else []
    if cls == "ship":
        # "The metal was loaded at Pavlodar": goods loaded or shipped are a shipment by the verb.
        loaded = re.search(
            r"\b(?:shipped|loaded|dispatched|flown|trucked|railed)\b", sentence, re.IGNORECASE
        )
        return ["shipment_dispatched"] if SHIPMENT.search(sentence) or loaded else []
    if cls == "arrive":
        if UNIT_PRICE.search(sentence):
            return []  # "sold for $4.40 per dmtu delivered to India": a price's basis, no cargo
        if SHIPMENT.search(sentence):
            return ["shipment_arrived"]
        if MONEY.search(sentence) and re.search(r"\b(?:financing|loans?|credit)\b", sentence):
            return ["investment_announced"]  # "received the approval of a R$310m financing"
        if PERMIT.search(sentence):
            return ["other"]  # "received the renewal of its licence": a procedural step
        # "received a $117m grant", "received 320 million reais": money, not a cargo.
        return ["investment_announced"] if INVEST.search(sentence) or MONEY.search(sentence) else []
    if cls == "announce":
        if PERMIT_GRANTED.search(sentence) or LEGISLATIVE_ACT.search(sentence):
            return ["other"]  # a permit granted, a resolution or bill approved: procedural steps
        if RULING.search(sentence):
            return ["other"]  # "the final award, issued on ...": a step of a dispute
        if CONTROL.search(sentence):
            return ["export_control"]
        if re.search(r"\bcommitment\s+letters?\b|\bletters?\s+of\s+commitment\b", sentence):
            return ["investment_announced"]  # "issued its commitment letter": lenders commit
        if APPROVED_SUM.search(sentence):
            return ["investment_announced"]  # "approved a $90 million expansion": money
        if TAX_INCENTIVE.search(sentence) and not MONEY.search(sentence):
            return ["other"]  # "approved the Investment Tax Allowance": a procedural step
        if APPROVED_DOCUMENT.search(sentence) or _APPROVED_BY.search(sentence):
            # approving someone's contract or purchase ("The MDA was approved by Cabinet"): a
            # procedural step
            return ["other"]
        if any(rx.search(sentence) for rx in (INVEST, APPROVED_SUM, ANNOUNCED_PROJECT)):
            return ["investment_announced"]
        if PERMIT.search(sentence):
            return ["other"]
        if re.search(_BODY_ASSENT, sentence) and not re.search(
            r"\b(?:announced|unveiled|launched)\b", sentence
        ):
            return ["other"]  # "the House approved an order granting a waiver": a body's approval
        return [fallback]
    if cls == "other" and (PAID_FUNDS.search(sentence) or LOAN_ACCEPTED.search(sentence)):
        return ["investment_announced"]
    if cls == "other" and _MEASURE_BEGAN.search(sentence):
        # "after a suspension that began in August 2023": the measure's start is the measure
        began = _MEASURE_BEGAN.search(sentence).group(1).lower()
        return ["suspension"] if SUSPEND.match(began) else ["export_control"]
    if cls == "other" and LAW_THAT_BANS.search(sentence):
        return ["export_control"]  # "passed amendments ... that ban exports of ore"
    return {
        "agree": ["agreement_signed"], "control": ["export_control"],
        "suspend": ["suspension"], "other": ["other"],
    }[cls]  # fmt: skip


# Clause boundaries: a date belongs to the verb of its own clause.
_CLAUSE = re.compile(r",\s|;\s|\s[—–]\s")
# An attribution clause ("the companies said on Friday") dates the sentence's main clause.
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|reported|confirmed)\b", re.IGNORECASE)


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause around pos."""
    start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, pos)), default=0)
    nxt = _CLAUSE.search(sentence, pos)
    return start, nxt.start() if nxt else len(sentence)


def _mask_verbs_of(sentence: str, others: tuple[int, ...]) -> str:
    """Blank the verb right before "in/on <another date>" ("an agreement signed in May 2024"):
    it is that date's act, not the one of the date being read."""
    for o in others:
        m = re.search(r"\b\w+(?:\s+\w+)?(?=\s+(?:on|in)\s+$)", sentence[max(0, o - 30) : o])
        if m:
            a, b = max(0, o - 30) + m.start(), max(0, o - 30) + m.end()
            sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    return sentence


def _nearest_trigger(
    sentence: str, pos: int, end: int | None = None, others: tuple[int, ...] = ()
) -> str | None:
    """The class of the trigger word closest to a date at pos..end, looked for in the date's
    clause (or the whole sentence when that clause is only an attribution)."""
    sentence = _mask_verbs_of(sentence, others)
    lo, hi = _clause(sentence, pos)
    rest = sentence[lo:hi].replace(sentence[pos:end], "").strip(" .,;") if end is not None else "x"
    # "Then in December 2024, in reply to ..., Beijing banned": a sentence adverb, no verb.
    bare = r"(?:(?:then|and|but|later|also|again|finally|so)\s*)?(?:also)?\s*"
    at_part = r"(?:at\s+the\s+(?:end|start|beginning|middle)\s+of|(?:in|at)\s+(?:early|late|mid))"
    if not rest or re.fullmatch(
        bare + rf"(?:{at_part}|on|in|at|by|since|until|during)?", rest, re.I
    ):
        # A verb in the clause of another date is that date's ("the fund set up in 2019").
        taken = [r for r in (_clause(sentence, o) for o in others) if not r[0] <= pos < r[1]]
        masked = "".join(
            " " if any(a <= i < b for a, b in taken) else c for i, c in enumerate(sentence)
        )
        sentence = masked
        # A date set off by commas ("In December, Beijing banned ...", "... signed an offtake
        # with X, in November.") belongs to its neighbouring clauses.
        lo, hi = 0, len(sentence)
    # "said on Sunday it would suspend ...": the date is the announcement of the plan.
    announced = bool(_ATTRIBUTION.search(sentence, max(0, pos - 12), pos))
    found = _closest(sentence, pos, lo, hi, announced)
    if _IT_BEGAN.match(sentence, lo, hi) and re.match(r"[,;]?\s*when\b", sentence[hi:]):
        found = None  # "It began in July 2023, when X announced ...": the when-clause's act
    if found is None and re.match(r"[,;]?\s*when\b", sentence[hi:]):
        # "since February, when Congo suspended exports": the when-clause says what happened;
        # it runs past commas ("when X added seven metals, A and B among them, to its list")
        # up to a semicolon or the next date.
        stop = min([o for o in others if o > hi] + [len(sentence)])
        semi = sentence.find(";", hi + 2)
        found = _closest(sentence, pos, hi, semi if 0 <= semi < stop else stop, announced)
    if found is None and _ATTRIBUTION.search(sentence, lo, hi):
        found = _closest(sentence, pos, 0, len(sentence), announced)
    # (after a wire dateline: "KINSHASA - On a humid afternoon in late August, ...")
    opening = re.match(
        r"(?:[A-Z][A-Z .'-]+\s[—–-]{1,2}\s)?(?:At|During|Following|After|In|On)\s", sentence
    )
    # ("Last month Export Finance Norway, the state agency, issued ...": a date opening it)
    opening = opening or (end is not None and pos <= OPENING_DATE_CHARS)
    if found is None and opening and lo == 0 and sentence[hi : hi + 1] == ",":
        # "At the summit on 3 September, X agreed ...": an opening phrase dates the main clause.
        found = _closest(sentence, pos, hi, _clause(sentence, hi + 2)[1], announced)
        if found is None:
            # "On a humid afternoon in late August, the deputies filed in and, by 312 votes to
            # 41, ratified ...": the main clause's verb, however many commas on, up to the next
            # date.
            stop = min([o for o in others if o > hi] + [len(sentence)])
            found = _closest(sentence, pos, hi, stop, announced, verbs_only=True)
    if found is None and lo > 0 and _CONTINUATION.match(sentence, lo):
        # "..., to Nanshan's smelter in Shandong in August": the clause continues the verb's.
        found = _closest(sentence, pos, 0, hi, announced)
    if found is None and lo > 0 and not others and not _has_trigger(sentence, lo, hi):
        # "X put C$18 million toward the road, and we had confirmation of that in September":
        # a date in a later clause with no act of its own dates the verb of the clauses before
        # it when no other date claims one (a noun such as "after the announcement" is only a
        # reference point).
        found = _closest(sentence, pos, 0, lo, announced, verbs_only=True)
    return found


def _has_trigger(sentence: str, lo: int, hi: int) -> bool:
    return any(rx.search(sentence, lo, hi) for _, rx in TRIGGERS)


# "It began in July 2023, when ...", "It all started in May, when ...": the story's start.
_IT_BEGAN = re.compile(r"(?:It|This|That)\s+(?:all\s+)?(?:began|started)\b")
# A clause that opens with where the goods or the deal go ("to", "with") continues the one before.
_CONTINUATION = re.compile(r"(?:to|into|via|with|for)\b")


# Extra distance for a verb after the date and a coordinating "and": it has its own date.
COORDINATED_PENALTY = 100
# A trigger noun named as a reference point is taken only when no other trigger is in reach.
REFERENCE_PENALTY = 3 * COORDINATED_PENALTY


# Trigger nouns that can name an earlier act as a reference point ("under the new quota").
_NOUN_TRIGGER = re.compile(
    r"meeting|quotas?|ban|moratorium|licensing|announcement|statement|notice|export\s+\w+",
    re.IGNORECASE,
)


# "as the leaders met", "while ministers met": a clause naming the occasion of an act.
_OCCASION_AFTER = re.compile(r"\b(?:as|while|when)\b", re.IGNORECASE)


# "under a permit issued by": a participle describing the document an act was done under.
_UNDER_A = re.compile(r"\bunder\s+(?:an?|the|its)\s+(?:[\w-]+\s+){1,3}$", re.IGNORECASE)


def _closest(
    sentence: str, pos: int, lo: int, hi: int, plans: bool = False, verbs_only: bool = False
) -> str | None:
    """The class of the trigger nearest pos in lo..hi; planned verbs only when plans=True, and
    no trigger nouns ("the meeting", "a ban") when verbs_only."""
    best: tuple[int, str] | None = None
    for cls, rx in TRIGGERS:
        for m in rx.finditer(sentence, lo, hi):
            if verbs_only and (_NOUN_TRIGGER.fullmatch(m.group(0)) or cls == "control"):
                continue
            if not plans and PLANNED_VERB.search(sentence, max(0, m.start() - 16), m.start()):
                continue
            if (
                m.start() > 0
                and sentence[m.start()].isupper()
                and sentence[m.start() - 1] == " "
                # ("- Closed on November 20 a placement": a bullet's opening verb)
                and sentence[: m.start()].strip() not in ("-", "•", "*", "–")
            ):
                continue  # a word of a name ("Norrbotten Invest", "Export Controls Act")
            dist = pos - m.end() if m.end() <= pos else m.start() - pos
            if m.start() > pos and re.search(r"\band\b", sentence[pos : m.start()]):
                dist += COORDINATED_PENALTY  # "left on Tuesday and crossed ...": the next verb
            if _NOUN_TRIGGER.fullmatch(m.group(0)) and REFERENCED.search(
                sentence, max(0, m.start() - 40), m.start()
            ):
                dist += REFERENCE_PENALTY  # "two days before the meeting": a reference point
            elif m.start() > pos and _UNDER_A.search(sentence, max(0, m.start() - 40), m.start()):
                dist += REFERENCE_PENALTY  # "shipped ... in August under a permit issued by"
            elif (
                m.start() > pos
                and m.group(0).lower() in ("met", "meeting")
                and _OCCASION_AFTER.search(sentence, pos, m.start())
            ):
                # "signed a memorandum on Wednesday as the two leaders met": the meeting is the
                # occasion of the act before the date, not the act
                dist += REFERENCE_PENALTY
            if best is None or abs(dist) < best[0]:
                best = (abs(dist), cls)
    return best[1] if best else None


def _summary(sentence: str) -> str:
    s = re.sub(r"^[A-Z][A-Z .,'-]+(?:,\s+[A-Z][a-z]+\.)?\s+[—–-]\s+", "", sentence.strip())
    return s if len(s) <= SUMMARY_MAX else s[: SUMMARY_MAX - 1].rstrip() + "…"


# Nouns of a deal already reported ("The agreement, signed in Jakarta, ..."): a restatement.
# ("the survey signed a memorandum": the words between are the deal's description, not a verb
# and an article of a new one)
DEFINITE_DEAL = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:(?!(?:an?|signed|agreed|inked)\b)[\w-]+\s+){0,3}?(?:MoUs?|memorand\w+\s+of\s+"
    r"understanding|agreements?|contracts?|deals?|accords?|pacts?|treat(?:y|ies))\b",
    re.IGNORECASE,
)
# "also paused ...", "has also issued ...": one more action on the occasion just reported.
_ALSO = re.compile(r"\balso\s+(?:\w+\s+)?", re.IGNORECASE)


def _undated_signing_kinds(sentence: str) -> list[str]:
    """Kinds of a new signing in an undated sentence; definite deals point back, so none."""
    if not re.search(r"\bsigned\b", sentence) or _TALLY.search(sentence):
        return []
    rest = DEFINITE_DEAL.sub("", sentence)
    if FINANCING_AGREEMENT.search(rest) and not MOU.search(rest):
        return ["investment_announced"]  # "X and Y signed a loan agreement of 40 million euros"
    kinds = ["mou_signed"] if MOU.search(rest) else []
    return kinds + (["agreement_signed"] if AGREEMENT.search(MOU.sub("", rest)) else [])


# An "also" act told before the occasion or over a period, not on the day just reported.
_BACKGROUND_ALSO = re.compile(
    r"\bhad\s+also\b|\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?"
    r"(?:years?|months?|weeks?|decades?)\b|\bin\s+recent\s+(?:years|months|weeks)\b",
    re.IGNORECASE,
)
# A date this close to the sentence's start ("On 7 October, X also signed ...") dates it all.
OPENING_DATE_CHARS = 12


def _also_kinds(sentence: str, mentions: list) -> list[str]:
    """Kinds of an undated "also <verb>" clause, for the date of the event just before it."""
    for m in _ALSO.finditer(sentence):
        lo, hi = _clause(sentence, m.start())
        if any(lo <= d.start < hi or d.start < OPENING_DATE_CHARS for d in mentions):
            continue  # the clause has its own date, or the sentence opens with one for all
        if FUTURE_MARKERS.search(sentence, lo, m.start()):
            continue  # "will also lend": a plan
        if _BACKGROUND_ALSO.search(sentence, max(0, m.start() - 8), hi):
            continue  # "had also bought small lots over the past year": earlier, over a period
        cls = _closest(sentence, m.start(), m.start(), hi)
        # Money "also raised" is usually background, not part of the occasion just reported.
        if cls and cls not in ("other", "change", "raise"):
            return _kinds(cls, sentence[lo:hi], "other")
    return []


def find_events(
    sentences: list[Span], published: date | None, lead: str, lead_sentence: Span | None
) -> list[Event]:
    """Events from body sentences; undated signings inherit the story's first event date."""
    found: list[tuple[Event, bool]] = []  # (event, known to be distinct from same-day ones)
    fallback = lead_kind(lead)
    undated: list[tuple[Span, list[str]]] = []
    last_date: str | None = None
    previous = ""
    anchor = None  # the last explicit day or month date, for "a week later"
    listing: str | None = None  # the occasion date of a list of acts being read
    listed_documents = False  # the list is of documents signed ("two further agreements were")
    item_next = False  # the sentence before was a bare list number ("2.")
    ordinal_list = False  # the list is told by order ("The first was ..."): it ends at prose
    scene: tuple[int, str] = (-9, "")  # index and value of the last past day named
    last_item = -9  # index of the last list item read
    listed: set[str] = set()  # dates whose acts were read item by item
    last_act: tuple[int, str] = (-9, "")  # index and kind of the last sentence reporting an act
    venue: str | None = None  # the date of a forum or summit held, where undated signings happen
    bare_day: tuple[int, str] = (-9, "")  # index and value of a day named with no act
    for index, sent in enumerate(sentences):
        if _BARE_NUMBER.fullmatch(sent.text.strip()):
            item_next = True
            continue
        if not listing and _FIRST_ITEM.match(sent.text) and index - scene[0] <= SCENE_SENTENCES:
            # "Last Thursday you were in Tokyo. What did you sign there? ... First, a supply
            # contract with X. ... Second, Y signed ...": acts told in order, of the day just set.
            listing, listed_documents, ordinal_list = scene[1], True, True
        if ordinal_list:
            # (told in order, only the sentences that give the order are items: "They will take
            # ..." between "First, ..." and "Second, ..." says more of the first)
            is_item = bool(listing) and bool(_ORDINAL_ITEM.match(sent.text))
        else:
            is_item = bool(listing) and (item_next or bool(_BULLET.match(sent.text)))
        item_next = False
        if sent.text.upper() == sent.text:
            is_item = False  # "2. THE OFFTAKE AGREEMENT": a section's heading, after its number
        if listing and not is_item and not sent.text.rstrip().endswith((".", "!", "?")):
            listing = None  # a heading ends the list
        if listing and not is_item and ordinal_list and index - last_item > ORDER_GAP:
            # "The third was ... . Wassoulou Lithium will build ... . - Whether ...": past the
            # account, a bullet is a list of its own
            listing, ordinal_list = None, False
        if listing and is_item and _dated_item(sent.text, published, anchor):
            is_item = False  # "(a) the Board recommended ... on 18th June": a date of its own
        if listing and is_item:
            # "On the same occasion, the following were completed: - X signed ... - Y paid ...":
            # each item is one more act of the occasion, whatever year its plans name.
            item = _occasion_events(sent, listing, fallback, documents=listed_documents)
            found.extend((e, True) for e in item)
            listed.update(e.date for e in item)
            last_item = index
            last_act = (index, item[-1].kind) if item else last_act
            continue
        # "The deal came a day after X awarded ...": counted back from the deal's date.
        came = _DEAL_CAME_AFTER.match(sent.text) and _first_date(found)
        mentions = find_dates(sent.text, published, _as_mention(came) if came else anchor)
        dateline = _DATELINE_DATE.match(sent.text)
        if dateline:  # "ASTANA, Dec 3 (Newswire) -": when the story was filed, not an act
            mentions = [d for d in mentions if d.start >= dateline.end()]
        anchor = next((d for d in reversed(mentions) if d.precision != "year"), anchor)
        day = next((d for d in reversed(mentions) if d.precision == "day" and not d.future), None)
        scene = (index, day.value) if day else scene
        previous, before = sent.text, previous
        opens_list = sent.text.rstrip().endswith(":") and _LIST_OPENER.search(sent.text)
        following = sentences[index + 1].text if index + 1 < len(sentences) else ""
        # (or by numbered ones: "... three agreements were signed. 1. The Mining Convention ...")
        ordinal_opener = bool(
            _DOCUMENTS_SIGNED.search(sent.text)
            and (_ORDINAL_ITEM.match(following) or _BARE_NUMBER.fullmatch(following.strip()))
        )
        if ordinal_opener:
            opens_list = True  # "On 12 November, three documents were signed. The first was ..."
        if opens_list and (found or mentions):
            # (the opener's own day, when it gives one: "On 2 October they signed the following:")
            own = next((d.value for d in mentions if d.precision != "year" and not d.future), None)
            listing, item_next = own or _occasion_date(found, last_date), True  # the first item
            listed_documents = bool(_DOCUMENTS_SIGNED.search(sent.text))
            ordinal_list = ordinal_opener and bool(_ORDINAL_ITEM.match(following))
            continue
        if last_date:
            for kind in _also_kinds(sent.text, mentions):
                found.append((Event(last_date, kind, _summary(sent.text), sent), True))
        if not mentions:
            occasion = (
                SAME_OCCASION.match(sent.text)
                or _THEN_ACT.search(sent.text)
                or _AT_SAME_OCCASION.search(sent.text)
            )
            # "... agreed to invest $180m. X and Y have given a $250m commitment.": money
            # committed right after an act of the occasion is one more act of it.
            follows = index - last_act[0] == 1
            # ... of a deal made on a given day, not of a background control.
            day = len(last_date or "") == 10 or last_date == MAIN_DATE
            follows = follows and last_act[1] in DEAL_KINDS and day
            if last_date and (occasion or follows and _committed_money(sent.text)):
                when = _occasion_date(found, last_date) if occasion else last_date
                acts = _occasion_events(sent, when, fallback)
                found.extend((e, True) for e in acts)
                last_act = (index, acts[-1].kind) if acts else last_act
                continue
            kinds = _undated_signing_kinds(sent.text)
            if kinds and venue:
                # "The business forum was held on 26 November. ... X and Y signed an MoU": a
                # signing at the occasion just dated (the forum itself is a venue, no event).
                new = bool(NEW_ONE.search(sent.text))
                found.extend((Event(venue, k, _summary(sent.text), sent), new) for k in kinds)
                last_date, last_act = venue, (index, kinds[-1])
            elif kinds and bare_day[0] == index - 1 and not FUTURE_MARKERS.search(sent.text):
                # "X found its anchor customers on Wednesday. X signed a contract ..., and on the
                # same day sold a stake": the day the sentence before set, with no act of its own
                when = bare_day[1]
                found.extend((Event(when, k, _summary(sent.text), sent), True) for k in kinds)
                found.extend((e, True) for e in _same_day_clauses(sent, [], when))
                last_date, last_act = when, (index, kinds[-1])
            elif kinds:
                undated.append((sent, kinds))
                # An undated signing is the story's own; what follows it is of that occasion.
                last_date, last_act = MAIN_DATE, (index, kinds[-1])
            _refine_restated(found, sent)
            continue
        measure = next(
            (e.kind for e, _ in reversed(found) if e.kind in ("export_control", "suspension")), None
        )
        dated = _dated_events(sent, mentions, fallback, measure)
        if day and not dated and not _has_trigger(sent.text, 0, len(sent.text)):
            bare_day = (index, day.value)  # a day named with no act ("... on Wednesday.")
        dated = _with_deal_named_before(dated, before)
        found.extend((e, False) for e in dated)
        if dated:
            found.extend((e, True) for e in _same_day_clauses(sent, mentions, dated[-1].date))
        if dated and len(mentions) == 1:
            found.extend((e, True) for e in _coordinated_acts(sent, dated, fallback))
        if dated and EACH_PARTY.search(sent.text):
            # The same act by the second party: a distinct event.
            found.append((Event(dated[0].date, dated[0].kind, dated[0].summary, _twin(sent)), True))
        last_date = dated[0].date if dated else last_date
        last_act = (index, dated[-1].kind) if dated else last_act
        held = _VENUE_HELD.search(sent.text)
        if held and not dated:
            day = next((d for d in mentions if d.precision == "day" and not d.future), None)
            venue = day.value if day else venue
            last_date = venue or last_date
    main = _first_date(found)
    found = [(_dated_main(e, main), d) for e, d in found if main or e.date != MAIN_DATE]
    if found:
        main_date = found[0][0].date
        for sent, kinds in undated:
            new = bool(NEW_ONE.search(sent.text))
            found.extend((Event(main_date, k, _summary(sent.text), sent), new) for k in kinds)
    found.extend((e, False) for e in _lead_event(lead_sentence, published, fallback, found))
    # "Three agreements signed on 12 November give ...": a tally of the acts its list told one by
    # one, not a further act.
    found = [
        (e, d)
        for e, d in found
        if d or e.date not in listed or not _COUNTED.search(e.sentence.text)
    ]
    return _unique(_without_month_restated(_without_reported_dates(found)))


def _without_month_restated(found: list[tuple[Event, bool]]) -> list[tuple[Event, bool]]:
    """ "You signed the offtake last month. ... We signed in Tokyo on 22 October.": an act dated
    by its month is the same act as one of its kind dated by a day of that month."""
    days = {(e.date[:7], e.kind) for e, _ in found if len(e.date) == 10}

    def restated(e: Event) -> bool:
        return len(e.date) == 7 and (e.date, e.kind) in days

    return [
        (e, d)
        for e, d in found
        if not (
            restated(e)
            and (_RESTATED_MONTH.search(e.sentence.text) or _VAGUE_MONTH.search(e.sentence.text))
        )
    ]


# "This month it signed ...", "earlier this month", "last month": a month counted from the report,
# the vague telling of an act the article dates to the day elsewhere.
# Only a deal done ("signed", "agreed"), not one promised ("said last month it would take").
_VAGUE_MONTH = re.compile(
    r"^(?!.*\b(?:would|will)\b).*(?:\b(?:this|last)\s+month\b.*\b(?:signed|agreed|struck|"
    r"concluded)\b|\b(?:signed|agreed|struck|concluded)\b.*\b(?:this|last)\s+month\b)",
    re.IGNORECASE,
)


# "signed the offtake last month": a definite deal, dated by a month counted from the report.
_RESTATED_MONTH = re.compile(
    r"\b(?:signed|agreed|struck|concluded)\s+(?:the|that|this|its|our|your)\s+(?:[\w-]+\s+)?"
    r"(?:offtake|deal|agreement|contract|MoU|memorandum)\s+(?:last|this)\s+month\b"
)


# "X then signed a loan agreement", "In the third deal, Y agreed to sell ...": one more act of
# the occasion just reported, told in sequence.
_THEN_ACT = re.compile(
    r"\bthen\s+(?:signed|agreed|struck|concluded|announced)\b|"
    r"^In\s+the\s+(?:second|third|fourth|fifth|final|last|other)\s+(?:deal|agreement|transaction)\b"
)
# "The joint venture agreement was signed at the same ceremony": the phrase anywhere in an
# undated sentence makes its act one more of the occasion (not a restatement of the first act).
_AT_SAME_OCCASION = re.compile(
    # ("Swedfund agreed on the same day to invest $12 million": the day itself)
    r"\b(?:at|during|on)\s+the\s+same\s+(?:ceremony|event|summit|meeting|forum|occasion|visit|"
    r"day|date)\b",
    re.IGNORECASE,
)
# The story's first event date, for acts of its occasion read before it is known.
MAIN_DATE = "main"
# List items: "- X signed ...", "• ...", and the bare numbers the splitter cuts off ("2.").
# (a numbered or lettered item too: "1. A Loan Agreement ...", "(b) the Authority issued ...")
# (a sub-numbered item of a filing too: "1.2 a joint venture agreement with ...", not an amount
# cut from its currency: "28.5 billion")
_BULLET = re.compile(
    r"[-•*–]\s|\d{1,2}\.\d{1,2}\s(?=(?:an?|the|its|their)\s)|\d{1,2}[.)]\s|\([a-z\d]\)\s"
)
_BARE_NUMBER = re.compile(r"\d{1,2}[.)]")
# "..., the following were also completed:", "the following agreements were made:"
# ("On the same occasion, two further agreements were signed:": a count of documents signed)
# ("... signed the following documents:", "the following agreements were signed:")
# ("concluded three inter-conditional agreements with ...:": the count in the active voice, its
# documents described by a word or two)
_COUNT = r"(?:two|three|four|five|six|several|\d)"
_DOCUMENTS = r"(?:agreements|documents|contracts|memoranda|MoUs|instruments)"
_DOCUMENTS_SIGNED = re.compile(
    rf"\b(?:{_COUNT}|the\s+following)\s+(?:further\s+|other\s+|more\s+|"
    # ("three agreements concerning the development of the sector were signed")
    rf"additional\s+)?(?:[\w-]+\s+){{0,2}}?{_DOCUMENTS}(?:\s+(?:concerning|on|for|in|of|with)\s+"
    rf"[^.;:]{{1,60}}?)?\s+(?:were|"
    r"have\s+been)\s+(?:also\s+)?(?:signed|concluded|executed)\b|"
    rf"\b(?:signed|concluded|executed|entered\s+into)\s+(?:the\s+following|{_COUNT})\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_DOCUMENTS}\b|"
    # ("The agreements signed today are:": the documents named, then listed)
    rf"\bThe\s+{_DOCUMENTS}\s+(?:signed|concluded|executed)\b[^.;:]{{0,40}}?\s+(?:are|were|"
    r"include|included)\s*:",
    re.IGNORECASE,
)
# "First, a supply contract with X ...": the first of acts told in order.
_FIRST_ITEM = re.compile(r"(?:First(?:ly)?|The\s+first\s+(?:was|is))\b,?\s", re.IGNORECASE)
# How many prose sentences an account told in order ("First, ... Second, ...") may hold between
# two of its items.
ORDER_GAP = 2
# How many sentences after a day is named an ordered account of acts may begin and be of that day.
SCENE_SENTENCES = 3
# "Three agreements signed in Bamako", "two inter-conditional contracts": documents counted.
# ("completed the documents for the project": the listed set named whole)
_COUNTED = re.compile(
    rf"\b(?:{_COUNT}|the|these|all)\s+(?:[\w-]+\s+){{0,2}}?{_DOCUMENTS}\b", re.IGNORECASE
)
# "Three documents were signed. The first was a mining convention ... The second was ...":
# the items of a counted signing, told by their order.
_ORDINAL_ITEM = re.compile(
    r"^(?:The\s+)?(?:first|second|third|fourth|fifth|last)\b(?:\s+(?:was|is|one|document|"
    r"agreement|contract)\b|,)",
    re.IGNORECASE,
)
_LIST_OPENER = re.compile(rf"\bthe\s+following\b|{_DOCUMENTS_SIGNED.pattern}", re.IGNORECASE)
# "The deal came a day after ...", "The signing follows a week after ..."
_DEAL_CAME_AFTER = re.compile(
    r"(?:The|This|These)\s+(?:[\w-]+\s+){0,2}?(?:deals?|signings?|agreements?|contracts?|MoUs?|"
    r"memorand\w+|accords?|partnerships?)\s+(?:came|comes?|follow(?:s|ed)?)\s+"
    r"(?:an?|one|two|three|four|five|six|\d+)\s+(?:day|week|month)s?\s+after\b"
)


# "the Uzbek-French business forum was held in Samarkand on 26 November": an occasion dated.
_VENUE_HELD = re.compile(
    r"\b(?:forum|summit|conference|ceremony|meeting|exhibition|congress|visit)\s+(?:was|were)\s+"
    r"(?:held|opened|convened)\b",
    re.IGNORECASE,
)
# "agreements with a total value of more than 1.2 billion euros were signed": a tally of a
# forum's deals, not one act.
_TALLY = re.compile(
    r"\b(?:agreements|deals|contracts|documents)\s+(?:with\s+a\s+(?:total\s+)?value|worth|"
    r"totall?ing|valued)\b",
    re.IGNORECASE,
)


def _dated_item(text: str, published: date | None, anchor) -> bool:
    """A list item that gives its own past day or month ("the following approvals: (a) ... on
    18th June 2026"): an act of that date, not of the occasion the list opened with."""
    return any(d.precision != "year" and not d.future for d in find_dates(text, published, anchor))


def _first_date(found: list[tuple[Event, bool]]) -> str | None:
    """The date of the story's first dated event."""
    return next((e.date for e, _ in found if e.date != MAIN_DATE), None)


def _as_mention(value: str) -> DateMention:
    precision = "day" if len(value) == 10 else "month" if len(value) == 7 else "year"
    return DateMention(0, 0, value, precision, False)


def _dated_main(e: Event, main: str | None) -> Event:
    return Event(main, e.kind, e.summary, e.sentence) if e.date == MAIN_DATE and main else e


def _occasion_date(found: list[tuple[Event, bool]], last_date: str | None) -> str:
    """The day of the occasion "the same occasion" points to: the last deal made on a day
    (a background vote or control reported since does not move it)."""
    deals = [e.date for e, _ in found if e.kind in DEAL_KINDS and len(e.date) in (4, 10)]
    deals = [d for d in deals if d == MAIN_DATE or len(d) == 10]
    return deals[-1] if deals else (last_date or MAIN_DATE)


# A wire dateline with its date: "ASTANA, Dec 3 (Newswire) - ".
_DATELINE_DATE = re.compile(
    # ("KINGSTON/FRANKFURT, Nov 25 (Newswire) - ": a story filed from two places)
    r"^[A-Z][A-Z .'/-]+(?:,\s+[A-Z][a-z]+\.?)?,\s+[^—–.]{3,40}?\s[—–-]{1,2}\s"
)


def _without_reported_dates(found: list[tuple[Event, bool]]) -> list[tuple[Event, bool]]:
    """Drop a present-perfect act dated by its report ("X has agreed to ..., the companies said
    on Wednesday") when another sentence gives an act of its kind the day it happened: restated
    with its date, or told with a day in the week before the report."""
    restated = {(e.kind, e.date) for e, _ in found if RESTATED_WITH_DATE.match(e.sentence.text)}

    def told_before(e: Event) -> bool:
        if len(e.date) != 10:
            return False
        day = date.fromisoformat(e.date)
        return any(
            o.kind == e.kind
            and o.sentence.text != e.sentence.text
            and len(o.date) == 10
            and 0 < (day - date.fromisoformat(o.date)).days <= REPORT_LAG_DAYS
            for o, _ in found
        )

    return [
        (e, distinct)
        for e, distinct in found
        if not (
            PERFECT_REPORTED.search(e.sentence.text)
            and (any(k == e.kind and d != e.date for k, d in restated) or told_before(e))
        )
    ]


# How long after an act its report can date it ("signed on Tuesday", "said on Wednesday").
REPORT_LAG_DAYS = 7


_MEMORANDUM = re.compile(r"\bMoUs?\b|\bmemorand(?:um|a)\b", re.IGNORECASE)


def _with_deal_named_before(events: list[Event], before: str) -> list[Event]:
    """ "It was signed in Washington on Nov. 6.": a signing that names no deal signs the one the
    sentence before names; when that is an MoU, the event is an MoU signing."""
    out = []
    for e in events:
        text = e.sentence.text
        if (
            e.kind == "agreement_signed"
            and not MOU.search(text)
            and not AGREEMENT.search(text)
            and _MEMORANDUM.search(before)
        ):
            e = Event(e.date, "mou_signed", e.summary, e.sentence)
        out.append(e)
    return out


def _same_day_clauses(sent: Span, mentions: list, when: str) -> list[Event]:
    """ "On 3 March, A signed ..., and the same day B agreed to buy a stake": the undated clause's
    own act, on the date the sentence gave."""
    out = []
    for m in SAME_DAY_CLAUSE.finditer(sent.text, 1):
        lo, hi = _clause(sent.text, m.start())
        if any(lo <= d.start < hi for d in mentions):
            continue
        cls = _closest(sent.text, m.end(), m.end(), hi)
        at = m.end()
        restated = re.search(r"\b(?:it|them|this|that)\s+(?:on\s+)?the\s+same\s+day", sent.text)
        if cls is None and lo > 0 and not restated:  # not "announced it the same day"
            # ", and the developer signed a supply agreement the same day with X": the verb
            # before the phrase, in a clause of its own.
            cls, at = _closest(sent.text, m.start(), lo, m.start()), lo
        if cls is None and not restated:
            # "signed a supply deal on Monday and, the same day, a $25 million loan with X": the
            # first verb's second object, set off by the phrase (the verb left out)
            elided = _ELIDED_OBJECT.match(sent.text, m.end())
            verb = _closest(sent.text, m.start(), 0, m.start())
            if elided and verb == "sign":
                obj = sent.text[elided.end() - 1 : _clause(sent.text, elided.end())[1]]
                kinds = _kinds(verb, obj, "other")
                out += [Event(when, k, _summary(sent.text), _twin(sent)) for k in kinds]
                continue
        if cls:
            kinds = _kinds(cls, sent.text[at:hi], "other")
            out += [Event(when, k, _summary(sent.text), _twin(sent)) for k in kinds]
    return out


# The object right after a same-day phrase set off by commas (", the same day, a loan with X").
_ELIDED_OBJECT = re.compile(r",\s+(?:an?|another|one|its)\s")


DEAL_KINDS = ("mou_signed", "agreement_signed", "investment_announced")
_COMMITTED = re.compile(
    r"\b(?:has|have)\s+(?:also\s+)?(?:given|provided|committed|pledged|lent|invested)\b",
    re.IGNORECASE,
)


def _committed_money(sentence: str) -> bool:
    """ "X and Y have given a financing commitment of $250 million": money committed now."""
    return bool(_COMMITTED.search(sentence) and MONEY.search(sentence))


def _twin(sent: Span) -> Span:
    """A second evidence span for one sentence, so a second act there stays distinct."""
    return Span(sent.text[1:], sent.start + 1, sent.end)


def _occasion_events(sent: Span, when: str, fallback: str, documents: bool = False) -> list[Event]:
    """ "At the same ceremony, X agreed to invest ...": an act on the date just reported. An item
    of a list of DOCUMENTS signed ("1. A Shareholders' Agreement between A and B, under which
    ...") is the signing of the document it names, verb or not."""
    # The opener ("At the same meeting") names the occasion, not the act.
    opener = SAME_OCCASION.match(sent.text)
    after = opener.end() if opener else 0
    cls = _closest(sent.text, after, after, len(sent.text))
    if documents:
        # (its kind from the document's name: "A Loan Agreement between X and Y" commits money)
        # (after its order's word: "First, a five-year supply contract with X, a maker of ...")
        start = _ORDINAL_ITEM.match(sent.text)
        start = start.end() if start and sent.text[start.end() - 1] == "," else 0
        named = sent.text[slice(start, _clause(sent.text, start + 1)[1])]
        if MOU.search(named) or AGREEMENT.search(named) or LISTED_CONTRACT.search(named):
            kinds = _kinds("sign", named, fallback)
            return [Event(when, k, _summary(sent.text), sent) for k in kinds]
    if cls is None:
        return []
    return [Event(when, k, _summary(sent.text), sent) for k in _kinds(cls, sent.text, fallback)]


# "The memorandum of understanding, signed by ...": what the deal dated just before was.
_RESTATED = re.compile(r"^The\s+(?:[\w-]+\s+){0,2}?(MoU|memorandum\s+of\s+understanding)\b")


def _refine_restated(found: list, sent: Span) -> None:
    """A signing dated in the previous sentence without naming what was signed ("signed a
    framework") takes its kind from the sentence that restates it as an MoU."""
    if not _RESTATED.match(sent.text) or not found:
        return
    for i in range(len(found) - 1, -1, -1):
        last, distinct = found[i]
        if last.sentence is not found[-1][0].sentence:
            return  # only the sentence just before
        signed = re.search(r"\bsigned\b", last.sentence.text)
        if not signed:
            continue
        said = last.sentence.text[slice(*_clause(last.sentence.text, signed.start()))]
        named = AGREEMENT.search(re.sub(r"\bframeworks?\b", "", said, flags=re.IGNORECASE))
        if last.kind == "agreement_signed" and not MOU.search(said) and not named:
            found[i] = (Event(last.date, "mou_signed", last.summary, last.sentence), distinct)
            return


# "..., as the leaders met": a clause of the same moment, with its own act.
_SAME_MOMENT = re.compile(r",\s+(?:as|while|where)\s+")

# "... and Halvorsen agreed to invest ...", ", and three companies announced ...": a second
# subject with its own verb, joined to a sentence that gives one date for both acts.
_AND_SUBJECT = re.compile(
    r"(?:,\s+and|\s+and)\s+(?:the\s+|its\s+|(?:two|three|four|five|six)\s+)?"
    # ("and later barred shipments": the same subject's act at another, unstated time)
    r"(?:(?:[A-Z][\w'’.&-]*\s+){1,5}|(?!(?:later|then|subsequently|afterwards|eventually|soon)\b)"
    r"(?:[a-z]+\s+){1,2}(?=(?:also\s+)?\w+ed\b))(?:also\s+)?"
)


# A verb's object that points back to the act already reported.
_RESTATED_OBJECT = re.compile(
    r"\s+(?:it|them|this|that|(?:the|this|that)\s+(?:deal|agreement|arrangement|contract|accord))\b"
)


def _coordinated_acts(sent: Span, dated: list[Event], fallback: str) -> list[Event]:
    """Acts of further subjects coordinated in a one-date sentence ("On Monday, A signed an
    MoU with B and C agreed to invest $50 million in D"): each is an event of that date."""
    text = sent.text
    out: list[Event] = []
    # Only after the first act's verb: "A and B signed" is one act by two parties.
    verbs = [
        m.end()
        for _, rx in TRIGGERS
        for m in rx.finditer(text)
        if not _NOUN_TRIGGER.fullmatch(m.group(0))  # "before the meeting, A and B signed"
    ]
    if not verbs:
        return out
    for m in _AND_SUBJECT.finditer(text, min(verbs)):
        verb = next(((c, v) for c, rx in TRIGGERS if (v := rx.match(text, m.end()))), None)
        if verb is None or FUTURE_MARKERS.search(text, max(0, m.start() - 20), m.end()):
            continue
        cls = verb[0]
        if _RESTATED_OBJECT.match(text, verb[1].end()):
            continue  # "..., and the department announced it the same day": the same act
        hi = _clause(text, m.end())[1]
        for kind in _kinds(cls, text[m.end() : hi], fallback):
            # A span of its own per clause keeps two acts of one kind distinct.
            out.append(
                Event(
                    dated[0].date,
                    kind,
                    _summary(text),
                    Span(text[m.start() :], sent.start + m.start(), sent.end),
                )
            )
    return out


def _dated_events(
    sent: Span, mentions: list, fallback: str, measure: str | None = None
) -> list[Event]:
    """Events for each past, day- or month-precise date in a sentence with a trigger; MEASURE
    is the kind of the last control or suspension reported, which "extended the ban" prolongs."""
    events = []
    for dm in mentions:
        if dm.future or dm.precision == "year":
            continue
        if _PERIOD_END.search(sent.text, 0, dm.start):
            continue  # "the quarter ended September 30": a reporting period, not an act
        if _COMMENTATOR_SAID.search(sent.text) and _in_quote(sent.text, dm.start):
            continue  # an analyst's quoted remark ("a price that looks high today"): no act
        if _RESULTS.search(_own_act(sent.text, dm.start)):
            continue  # "today announced its results": a report, not a deal
        if _SELF_DATED.search(sent.text):
            continue  # "This announcement is dated 26 November 2026": the page's own date
        if _LINK_TITLE.fullmatch(sent.text.strip()):
            continue  # "- Notice Concerning Revision of Forecast (November 11, 2026)": a link
        # A future date ("extended the licence until 2046") ends a term; it owns no past verb.
        others = tuple(d.start for d in mentions if d is not dm and not d.future)
        cls = _nearest_trigger(sent.text, dm.start, dm.end, others)
        if cls is None:
            continue
        # A changed measure is named in the date's own clause, not elsewhere in the sentence.
        clause = sent.text[slice(*_clause(sent.text, dm.start))]
        kinds = _kinds(cls, clause, fallback) if cls == "change" else []
        # The extension is this date's act when named since the clause's previous date.
        since = max([d.end for d in mentions if d.end <= dm.start], default=0)
        lo, hi = _clause(sent.text, dm.start)
        extended = EXTENDED_MEASURE.search(sent.text, max(lo, since), hi)
        if cls in ("change", "control") and measure and extended:
            kinds = [measure]  # the ban extended is the suspension or control reported before
        if cls == "announce" and _announces_policy(sent.text, dm.start):
            kinds = ["other"]
        # A signing's kind comes from its own act's words, not a coordinated second act's.
        # (so does any act when the sentence dates two: "X granted the licence on 2 July, and Y
        # awarded a grant of $5 million in October")
        told = _own_act(sent.text, dm.start) if cls == "sign" or others else sent.text
        for kind in kinds or _kinds(cls, told, fallback):
            if cls == "state" and any(e.kind == kind for e in events):
                # "announced in October 2023 ..., with the rule in force from December that
                # year": the measure's entry into force is the measure already dated
                continue
            events.append(Event(dm.value, kind, _summary(sent.text), sent))
    if events and len(mentions) == 1:
        events += _same_moment_events(sent, events[0].date, fallback)
    return events


# A commentator's remark: "X, a battery materials analyst at Y, said ...".
_COMMENTATOR_SAID = re.compile(
    r"\b(?:analysts?|consultants?|economists?|critics?|strategists?|researchers?)\b[^.;]*?"
    r"\b(?:said|says|told|noted|warned)\b"
)


def _in_quote(sentence: str, pos: int) -> bool:
    """POS falls inside a quotation (an odd number of quote marks before it)."""
    before = sentence[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


# A listed link to another page: a title in capitals with its date in brackets.
_LINK_TITLE = re.compile(
    r"(?:[-•·]\s*)?(?:(?:[A-Z][\w'’-]*|of|on|for|and|the|to|in|a|an)[ ,:]+){2,14}\([^()]*\d{4}\)\.?"
)
_PERIOD_END = re.compile(
    r"\b(?:quarter|year|period|half|months|semester)\s+(?:ended|ending)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_SELF_DATED = re.compile(
    r"^(?:This|The)\s+(?:announcement|(?:press\s+)?release|notice|statement|circular|report)\s+"
    r"(?:is|was)\s+dated\b",
    re.IGNORECASE,
)
_RESULTS = re.compile(
    r"\b(?:announced|reported|published|released)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:results|earnings|figures)\b",
    re.IGNORECASE,
)


def _own_act(sentence: str, pos: int) -> str:
    """The part of SENTENCE that tells the act dated at POS: a second act coordinated in it ("...,
    and the same day Huayou agreed to buy a stake", "... and Halvorsen agreed to invest") has
    its own words, which do not set the first act's kind."""
    cuts = [m.start() for m in SAME_DAY_CLAUSE.finditer(sentence) if m.start() > 0]
    # Before the first act's verb, "and" then capitalised words is inside the names of the
    # parties to one act ("the Ministry of Mines and Energy and Korea's Ministry of Trade and
    # Industry signed"), not a second subject.
    verbs = [
        m.start()
        for _, rx in TRIGGERS
        for m in rx.finditer(sentence)
        if not _NOUN_TRIGGER.fullmatch(m.group(0))
    ]
    first_verb = min(verbs, default=len(sentence))
    for m in _AND_SUBJECT.finditer(sentence):
        if m.start() < first_verb and re.search(r"and\s+(?:also\s+)?[A-Z]", m.group(0)):
            continue
        if any(rx.match(sentence, m.end()) for _, rx in TRIGGERS):
            cuts.append(m.start())
    lo = max([c for c in cuts if c <= pos], default=0)
    hi = min([c for c in cuts if c > pos], default=len(sentence))
    return sentence[lo:hi]


def _announces_policy(sentence: str, pos: int) -> bool:
    """ "Chile's National Lithium Strategy, launched in April": the act dated at POS announces a
    policy or plan, with no money and no control in its clause or a "which" clause after it."""
    lo, hi = _clause(sentence, pos)
    relative = re.match(r",\s+(?:which|that)\b", sentence[hi:])
    own = sentence[lo : _clause(sentence, hi + 2)[1] if relative else hi]
    # Words inside a name ("the Large Investment Incentive Regime") are not the act's money.
    own = re.sub(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+", "", own)
    # ("and that October announced broader curbs": controls named without "export")
    if INVEST.search(own) or MONEY.search(sentence) or CONTROL.search(own) or CONTROLS.search(own):
        return False
    # "projects under the X Investment Partnership": the programme an act falls under is not
    # what the act announces.
    before = re.sub(r"\bunder\s+(?:the\s+|its\s+)?[\w-]+(?:\s+[A-Z][\w-]*)+", "", sentence[:hi])
    return bool(POLICY.search(before))


def _same_moment_events(sent: Span, when: str, fallback: str) -> list[Event]:
    """Acts in an "as ..."/"while ..." clause happened when the main clause's act did."""
    out = []
    for m in _SAME_MOMENT.finditer(sent.text):
        hi = _clause(sent.text, m.end())[1]
        cls = _closest(sent.text, m.end(), m.end(), hi)
        if cls in ("other", "sign", "agree", "announce"):
            clause = sent.text[m.end() : hi]
            kinds = _kinds(cls, clause, fallback)
            out += [Event(when, k, _summary(sent.text), sent) for k in kinds]
    return out


def _lead_event(
    lead_sentence: Span | None, published: date | None, fallback: str, found: list
) -> list[Event]:
    """The story itself, told in the present perfect without a date ("has sent its first
    shipment"): dated to the publication month unless a dated event of that kind exists."""
    if not lead_sentence or not published or find_dates(lead_sentence.text, published):
        return []
    cls = _nearest_trigger(lead_sentence.text, 0)
    if cls not in ("sign", "agree", "ship", "arrive", "control", "suspend"):
        return []
    kinds = [k for k in _kinds(cls, lead_sentence.text, fallback)]
    month = published.strftime("%Y-%m")
    return [
        Event(month, k, _summary(lead_sentence.text), lead_sentence)
        for k in kinds
        if not any(e.kind == k for e, _ in found)
    ]


def _unique(found: list[tuple[Event, bool]]) -> list[Event]:
    """One event per (date, kind), unless a sentence marks itself as a further, distinct one."""
    seen: set[tuple] = set()
    unique = []
    for e, distinct in found:
        key = (e.date, e.kind, e.sentence.start if distinct else None)
        if key not in seen:
            seen.add(key)
            unique.append(e)
    return unique
