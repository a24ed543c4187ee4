"""Publication dates from bylines and resolution of relative dates in body text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]
# A day-month date without a year further ahead of publication than this is read as last year's.
MAX_FUTURE_DAYS = 183
DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
    "STRICT_PARSING": False,
}

_M = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WD = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?"
# Byline date shapes, most specific first; the matched text is handed to dateparser.
_BYLINE_PATTERNS = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"),
    re.compile(rf"(?:{_WD}\s+)?\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_M},?\s+\d{{4}}"),
    re.compile(rf"(?:{_WD}\s+)?\b{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"),
    re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b"),
    # year first with dots or slashes, as East Asian sites print it ("2026.11.16", "2026/11/16")
    re.compile(r"\b\d{4}[/.]\d{1,2}[/.]\d{1,2}\b"),
]
_BYLINE_MAX_CHARS = 160
# Month names in the languages local sites print their bylines in (Spanish, Portuguese, French,
# Italian, German): "sábado 21 de noviembre de 2026", "12 décembre 2026", "3. März 2026".
_LOCAL_MONTHS = {
    **dict.fromkeys(("enero", "janeiro", "janvier", "gennaio", "januar"), 1),
    **dict.fromkeys(("febrero", "fevereiro", "février", "fevrier", "febbraio", "februar"), 2),
    **dict.fromkeys(("marzo", "março", "marco", "mars", "märz", "marz"), 3),
    **dict.fromkeys(("abril", "avril", "aprile"), 4),
    **dict.fromkeys(("mayo", "maio", "mai", "maggio"), 5),
    **dict.fromkeys(("junio", "junho", "juin", "giugno", "juni"), 6),
    **dict.fromkeys(("julio", "julho", "juillet", "luglio", "juli"), 7),
    **dict.fromkeys(("agosto", "août", "aout"), 8),
    **dict.fromkeys(("septiembre", "setiembre", "setembro", "septembre", "settembre"), 9),
    **dict.fromkeys(("octubre", "outubro", "octobre", "ottobre", "oktober"), 10),
    **dict.fromkeys(("noviembre", "novembro", "novembre"), 11),
    **dict.fromkeys(("diciembre", "dezembro", "décembre", "decembre", "dicembre", "dezember"), 12),
}
_LOCAL_DATE = re.compile(
    r"\b(\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?([a-zà-ÿ]+)\s+(?:de\s+)?(\d{4})\b", re.IGNORECASE
)

# Words before a date that make it a plan or a schedule rather than something that happened.
FUTURE_MARKERS = re.compile(
    # "plan" after a determiner is a noun ("announced the plan on ..."), not a schedule.
    r"\b(will|would|shall|planned|plans?(?=\s+to\b)|"
    r"scheduled|expected|expects?|due|set to|aims?|aiming|"
    # ("the Target's licence ... in May 2025": a filing's defined name, capitalised, plans nothing)
    r"(?-i:targets?|targeted)|intends?|from next|next|take effect|takes effect|starting|until)\b",
    re.IGNORECASE,
)
FUTURE_WINDOW = 45


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence, resolved against the publication date."""

    start: int  # offsets relative to the sentence
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    future: bool


def parse_byline_date(line: str) -> date | None:
    """Return the date stated in a byline line, or None when it holds no date."""
    if len(line) > _BYLINE_MAX_CHARS:
        return None
    for pattern in _BYLINE_PATTERNS:
        m = pattern.search(line)
        if not m:
            continue
        text = m.group(0)
        iso = re.match(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", text)
        if iso:  # the stated calendar date, without shifting time zones
            found = _safe_date(int(iso[1]), int(iso[3]), int(iso[4]))
            if found:
                return found
            continue
        parsed = dateparser.parse(text, languages=["en"], settings=DATEPARSER_SETTINGS)
        if parsed:
            return parsed.date()
    for m in _LOCAL_DATE.finditer(line):
        month = _LOCAL_MONTHS.get(m.group(2).lower())
        found = month and _safe_date(int(m.group(3)), month, int(m.group(1)))
        if found:
            return found
    return None


def _month(token: str) -> int:
    return MONTHS[token.lower()[:3]]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_MDY = re.compile(rf"\b({_M})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?")
_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_M})(?![a-z])(?:,?\s+(\d{{4}})\b)?"
)
_MY = re.compile(rf"\b({_M}),?\s+(\d{{4}})\b")
# "September last year", "December of last year".
_M_REL_YEAR = re.compile(rf"\b({_M})\s+(?:of\s+)?(last|this|next)\s+year\b")
_M_ALONE = re.compile(
    rf"\b(?i:in|since|from|by|during|until|till|through|before|after|early|late|mid|end of|"
    # "in the first week of September", "the second half of March"
    rf"(?:week|weeks|half|days|month|middle)\s+of|"
    rf"beginning of|start of)\s+(?:early\s+|late\s+|mid-)?({_M})(?![a-z])"
    # (a day or year after it is read whole; a share is not one: "in October, 90% of which")
    r"(?!\.?,?\s+\d(?![\d.]*\s?%))(?!\s+(?:of\s+)?(?:last|this|next)\s+year)"
)
_WEEKDAY = re.compile(
    r"\b(?:(last|next|this|on|since|by|until)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE
)
_REL = re.compile(
    r"\b(yesterday|(?:earlier\s+)?today|this\s+(?:morning|afternoon|evening)|"
    r"(?:earlier |later )?(?:last|this|next) (?:week|month|year))\b",
    re.IGNORECASE,
)
# "a week later", "three days earlier", "the following month", "the next day": counted from the
# previous explicit date ("two days before the meeting" names its own reference, so not these).
_FROM_ANCHOR = re.compile(
    r"\b(?:(an?|one|two|three|four|five|six|\d+)\s+(day|week|month)s?\s+(later|earlier|"
    r"afterwards|before(?!\s+(?:the|a|an|its|their|his|her)\b))"
    # ("The day before the signing, the banks issued ...": counted from the signing just dated)
    r"|the\s+(following|next|previous)\s+(day|week|month)|the\s+day\s+(after|before)"
    r"(?!\s+(?!the\s+(?:signing|ceremony|deal|agreements?)\b)\w)"
    # "a fortnight later": two weeks
    r"|(a)\s+(fortnight)\s+(later|earlier|afterwards))\b",
    re.IGNORECASE,
)
# "The deal came a day after X awarded ...": X's act is counted back from the deal's date.
_CAME_AFTER = re.compile(
    r"\b(?:came|comes?|follow(?:s|ed)?)\s+(an?|one|two|three|four|five|six|\d+)\s+(day|week|month)s?"
    r"\s+after\b",
    re.IGNORECASE,
)
# "in December that year": the year of the date counted from.
# ("... in April last year, and that October announced ...": "that <month>" the same)
_M_THAT_YEAR = re.compile(
    rf"\b({_M})\s+(?:of\s+)?(?:that|the\s+same)\s+year\b|\b(?<![Ii]n\s)that\s+({_M})\b(?!\s+\d)"
)
# "two weeks ago", "three days ago", "a month ago": counted back from publication.
_AGO = re.compile(
    r"\b(an?|one|two|three|four|five|six|\d+)\s+(day|week|month)s?\s+ago\b", re.IGNORECASE
)
# "from Monday to Friday", "Mondays through Thursdays": a weekly range, not one day.
_WEEKDAY_RANGE = re.compile(
    rf"\b(?:{'|'.join(WEEKDAYS)})s?\s+(?:to|through|until|till|-|–)\s+(?:{'|'.join(WEEKDAYS)})s?\b",
    re.IGNORECASE,
)
# "on Monday, 8 September": the weekday only names the date that follows it.
_DATE_AFTER_WEEKDAY = re.compile(
    rf"^,?\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}|{_M}\s+\d)"
)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "18.11.2026", "30/1/2026": numeric dates in running text are read day-first, as bylines are.
_NUMERIC = re.compile(r"(?<![\d.,/])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?![\d/]|\.\d)")
# "on the 4th", "by the 12th": a day of a month the reader already knows (the one last named,
# else the publication's), not followed by a month name ("the 4th of May" is read whole).
_ORDINAL_DAY = re.compile(
    rf"\b(?:on|by|since|from|until)\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_M})"
)
_YEAR = re.compile(
    r"\b(?:in|since|from|by|during|until|of|for|early|late|mid-)\s+((?:19|20)\d{2})\b"
)
_SEASON = re.compile(
    r"\b(?:(last|this|next|in|early|late|during)\s+(?:the\s+)?)(spring|summer|autumn|fall|winter)"
    r"(?:\s+(?:of\s+)?((?:19|20)\d{2}))?\b",
    re.IGNORECASE,
)
_FIN_YEAR = re.compile(r"\b((?:19|20)\d{2})\s+(?:financial|fiscal)\s+year\b")


def find_dates(
    sentence: str, published: date | None, anchor: DateMention | None = None
) -> list[DateMention]:
    """Find date expressions in a sentence and resolve them against the publication date;
    "a week later", "the following month" against ANCHOR, the previous explicit date."""
    found: list[DateMention] = []
    for m in _ISO.finditer(sentence):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append(_mk(sentence, m, d.isoformat(), "day", published, d))
    for m in _NUMERIC.finditer(sentence):
        d = _safe_date(int(m[3]), int(m[2]), int(m[1]))
        if d:
            found.append(_mk(sentence, m, d.isoformat(), "day", published, d))
    if published is None:
        return _dedupe(found)
    pub = published
    for rx, day_group, month_group in ((_MDY, 2, 1), (_DMY, 1, 2)):
        for m in rx.finditer(sentence):
            day, month = int(m[day_group]), _month(m[month_group])
            end = m.end()
            if m[3]:
                year = int(m[3])
            else:
                tail = re.match(r"\s+(last|this) year\b", sentence[end:])
                if tail:
                    year = pub.year - (1 if tail[1] == "last" else 0)
                    end += tail.end()
                else:
                    year = pub.year
                    d = _safe_date(year, month, day)
                    if d and (d - pub).days > MAX_FUTURE_DAYS:
                        year -= 1
            d = _safe_date(year, month, day)
            if d:
                found.append(_mk(sentence, m, d.isoformat(), "day", pub, d, end=end))
    for m in _MY.finditer(sentence):
        d = date(int(m[2]), _month(m[1]), 1)
        found.append(_mk(sentence, m, d.strftime("%Y-%m"), "month", pub, d))
    for m in _M_REL_YEAR.finditer(sentence):
        year = pub.year + {"last": -1, "this": 0, "next": 1}[m[2]]
        d = date(year, _month(m[1]), 1)
        found.append(_mk(sentence, m, d.strftime("%Y-%m"), "month", pub, d))
    told = list(found)  # dates with their year, for a bare month that counts on from one
    for m in _M_ALONE.finditer(sentence):
        month = _month(m[1])
        future = _has_future_marker(sentence, m.start())
        # The most recent such month not after publication; a plan keeps its future flag.
        year = pub.year if month <= pub.month else pub.year - 1
        # "at the end of October 2025, and in November the ministry ...": the first such month
        # after the earlier date the sentence gives.
        ref = [t for t in told if t.end <= m.start() and t.precision in ("day", "month")]
        if ref:
            ref_year, ref_month = int(ref[-1].value[:4]), int(ref[-1].value[5:7])
            counted = ref_year if month >= ref_month else ref_year + 1
            if date(counted, month, 1) <= pub:
                year = counted
        d = date(year, month, 1)
        found.append(_mk(sentence, m, d.strftime("%Y-%m"), "month", pub, d))
    for m in _ORDINAL_DAY.finditer(sentence):
        mention = _ordinal_day(sentence, m, found, pub)
        if mention:
            found.append(mention)
    for m in _WEEKDAY.finditer(sentence):
        near = sentence[max(0, m.start() - 24) : m.end() + 24]
        if _WEEKDAY_RANGE.search(near):
            continue  # "business hours from Monday to Friday": a span of weekdays, no date
        if not _DATE_AFTER_WEEKDAY.match(sentence[m.end() :]):
            found.append(_weekday(sentence, m, pub))
    for m in _AGO.finditer(sentence):
        n, unit = _COUNTS.get(m[1].lower()) or int(m[1]), m[2].lower()
        if unit == "month":
            index = pub.year * 12 + pub.month - 1 - n
            value = f"{index // 12:04d}-{index % 12 + 1:02d}"
            found.append(DateMention(m.start(), m.end(), value, "month", False))
        else:
            d = pub - timedelta(n * (7 if unit == "week" else 1))
            found.append(DateMention(m.start(), m.end(), d.isoformat(), "day", False))
    for m in _REL.finditer(sentence):
        found.append(_relative(sentence, m, pub))
    for m in _SEASON.finditer(sentence):
        # "last spring": a season names no day or month; kept as imprecise as a year, so the
        # sentence is dated (an act in it is no undated act of the story's day).
        shift = {"last": -1, "next": 1}.get((m[1] or "").lower(), 0)
        year = int(m[3]) if m[3] else pub.year + shift
        future = year > pub.year or _has_future_marker(sentence, m.start())
        found.append(DateMention(m.start(), m.end(), str(year), "year", future))
    for rx in (_YEAR, _FIN_YEAR):
        for m in rx.finditer(sentence):
            d = date(int(m[1]), 1, 1)
            future = int(m[1]) > pub.year or _has_future_marker(sentence, m.start())
            found.append(DateMention(m.start(), m.end(), m[1], "year", future))
    found = _dedupe(found)
    for m in _M_THAT_YEAR.finditer(sentence):
        before = [d for d in found if d.end <= m.start() and d.precision != "year"]
        ref = before[-1] if before else anchor
        if ref is not None:
            d = date(int(ref.value[:4]), _month(m[1] or m[2]), 1)
            found.append(_mk(sentence, m, d.strftime("%Y-%m"), "month", pub, d))
    found = _dedupe(found)
    for m in _CAME_AFTER.finditer(sentence):
        before = [d for d in found if d.end <= m.start() and d.precision != "year"]
        mention = _counted_back(m, before[-1] if before else anchor, pub)
        if mention:
            found.append(mention)
    for m in _FROM_ANCHOR.finditer(sentence):
        # The previous explicit date: earlier in this sentence, else the one passed in.
        before = [d for d in found if d.end <= m.start() and d.precision != "year"]
        mention = _from_anchor(m, before[-1] if before else anchor, pub)
        if mention:
            found.append(mention)
    return _dedupe(found)


def _ordinal_day(
    sentence: str, m: re.Match, found: list[DateMention], pub: date
) -> DateMention | None:
    """ "on the 12th": that day of the month named earlier in the sentence, else the latest such
    day up to publication (a month named in an earlier sentence is a different act's: "approved
    in October. ... came in on the 12th" is this month's 12th)."""
    day = int(m[1])
    before = [d for d in found if d.end <= m.start() and d.precision in ("day", "month")]
    ref = before[-1] if before else None
    if ref is not None:
        y, mo = int(ref.value[:4]), int(ref.value[5:7])
    else:
        y, mo = pub.year, pub.month
        if day > pub.day:  # "on the 28th" in a paper of the 23rd: last month's
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
    d = _safe_date(y, mo, day)
    return _mk(sentence, m, d.isoformat(), "day", pub, d) if d else None


def _has_future_marker(sentence: str, pos: int) -> bool:
    """True when the clause just before pos speaks of a plan or schedule."""
    window = sentence[max(0, pos - FUTURE_WINDOW) : pos]
    window = re.split(r"[,;—–]|\band\b", window)[-1]  # stay inside the date's own clause
    done = _PARTICIPLE_BEFORE.search(window)
    if done and not re.search(r"\b(?:will|would|to)\s+(?:be\s+)?$", window[: done.start()]):
        # "will supply under a contract signed on Wednesday": the date is the signing's.
        return False
    return bool(FUTURE_MARKERS.search(window))


# A past participle right before the date: "signed on Wednesday", "agreed in May".
_PARTICIPLE_BEFORE = re.compile(
    r"\b(?:signed|agreed|concluded|struck|approved|awarded|granted|issued|announced)\s+"
    r"(?:(?:on|in)\s+)?$",
    re.IGNORECASE,
)


def _mk(
    s: str,
    m: re.Match,
    value: str,
    precision: str,
    pub: date | None,
    d: date,
    end: int | None = None,
) -> DateMention:
    """A DateMention, flagged future when after publication or inside a plan."""
    future = bool(pub and d > pub) or _has_future_marker(s, m.start())
    if precision == "month" and pub and (d.year, d.month) <= (pub.year, pub.month):
        future = _has_future_marker(s, m.start())
    return DateMention(m.start(), end or m.end(), value, precision, future)


def _weekday(sentence: str, m: re.Match, pub: date) -> DateMention:
    target = WEEKDAYS.index(m[2].lower())
    qualifier = (m[1] or "").lower()
    if qualifier == "next" or (qualifier in ("", "on") and _has_future_marker(sentence, m.start())):
        delta = (target - pub.weekday()) % 7 or 7
        return DateMention(m.start(), m.end(), (pub + timedelta(delta)).isoformat(), "day", True)
    # The most recent such weekday on or before publication ("on Tuesday" in a Tuesday paper).
    back = (pub.weekday() - target) % 7
    if qualifier == "last" and back == 0:
        back = 7
    return DateMention(m.start(), m.end(), (pub - timedelta(back)).isoformat(), "day", False)


# A price quoted in the sentence: "$59,000 a tonne", "$10.40/kg", "per metric tonne unit".
_PRICE = re.compile(
    r"/(?:kg|t|lb|mtu)\b|\ba\s+(?:tonne|ton|pound)\b|\bper\s+(?:metric\s+)?(?:tonne|ton|kg|pound|"
    r"lb|dmtu|unit)|\b(?:assessed|quoted)\b",
    re.IGNORECASE,
)


def _relative(sentence: str, m: re.Match, pub: date) -> DateMention:
    phrase = m[1].lower()
    if phrase == "yesterday":
        return DateMention(m.start(), m.end(), (pub - timedelta(1)).isoformat(), "day", False)
    if phrase.endswith(("today", "morning", "afternoon", "evening")):
        return DateMention(m.start(), m.end(), pub.isoformat(), "day", False)
    unit = phrase.split()[-1]
    if unit == "week":
        # A week names no day the labels accept; its month when the whole week lies in one
        # ("approved last week" in a paper of 20 November: November), else only its year.
        # ("this week" stays a year: what a paper says "this week" is its own report, and a
        # price "assessed last week" is a market reading, not an act)
        monday = pub - timedelta(pub.weekday() + 7)
        sunday = monday + timedelta(6)
        if phrase == "last week" and monday.month == sunday.month and not _PRICE.search(sentence):
            return DateMention(m.start(), m.end(), monday.strftime("%Y-%m"), "month", False)
        return DateMention(m.start(), m.end(), str(pub.year), "year", "next" in phrase)
    shift = -1 if "last" in phrase else (1 if "next" in phrase else 0)
    future = shift > 0 or phrase.startswith("later")
    if unit == "year":
        return DateMention(m.start(), m.end(), str(pub.year + shift), "year", future)
    month_index = pub.year * 12 + pub.month - 1 + shift
    value = f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    return DateMention(m.start(), m.end(), value, "month", future)


def _from_anchor(m: re.Match, anchor: DateMention | None, pub: date) -> DateMention | None:
    """A date counted from the anchor, as precise as both allow; None when it cannot be told
    (a day counted from a month, or no anchor)."""
    if anchor is None or anchor.precision == "year":
        return None
    if m[7]:  # "a fortnight later"
        n, unit = 2, "week"
        sign = -1 if m[9].lower() == "earlier" else 1
    elif m[1]:
        n, unit = _COUNTS.get(m[1].lower()) or int(m[1]), m[2].lower()
        sign = -1 if m[3].lower() in ("earlier", "before") else 1
    else:
        n, unit = 1, (m[5] or "day").lower()
        sign = -1 if (m[4] or m[6]).lower() in ("previous", "before") else 1
    if unit == "month":
        y, mo = (int(x) for x in anchor.value.split("-")[:2])
        index = y * 12 + mo - 1 + sign * n
        d = date(index // 12, index % 12 + 1, 1)
        return DateMention(m.start(), m.end(), d.strftime("%Y-%m"), "month", d > pub)
    if anchor.precision != "day":
        return None  # "a week later" than "in March" names no day
    d = date.fromisoformat(anchor.value) + timedelta(sign * n * (7 if unit == "week" else 1))
    return DateMention(m.start(), m.end(), d.isoformat(), "day", d > pub)


def _counted_back(m: re.Match, anchor: DateMention | None, pub: date) -> DateMention | None:
    """ "came a week after": N units before the anchor, the act the sentence goes on to name."""
    if anchor is None or anchor.precision == "year":
        return None
    n, unit = _COUNTS.get(m[1].lower()) or int(m[1]), m[2].lower()
    at = m.end() - 1  # the date belongs to the act after "after", not to the deal before it
    if unit == "month":
        y, mo = (int(x) for x in anchor.value.split("-")[:2])
        index = y * 12 + mo - 1 - n
        d = date(index // 12, index % 12 + 1, 1)
        return DateMention(at, m.end(), d.strftime("%Y-%m"), "month", False)
    if anchor.precision != "day":
        return None
    d = date.fromisoformat(anchor.value) - timedelta(n * (7 if unit == "week" else 1))
    return DateMention(at, m.end(), d.isoformat(), "day", d > pub)


def _dedupe(found: list[DateMention]) -> list[DateMention]:
    """Keep the longest of overlapping mentions ("June 12, 2024" over "June 2024")."""
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            if d.end - d.start > kept[-1].end - kept[-1].start:
                kept[-1] = d
            continue
        kept.append(d)
    return kept
