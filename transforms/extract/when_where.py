"""When and where an event mention took place: its date, its status against publication, its place."""

from __future__ import annotations

import datetime as dt
import re

from schemas.vocab import DATE_PRECISIONS
from transforms.dates.vocab import PAST_DAY_TOLERANCE
from transforms.extract import _deps
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import event_rules
from transforms.reference import word_set
from transforms.reference.patterns import set_alternation

_LOCATION_PREP = re.compile(r"\b(?:in|at|to)\s+(?:the\s+(?:city of\s+)?)?$", re.I)
# What may stand between the end of a trigger's object and its date: "met X | in Ankara | on Tuesday", "received
# X, | at the Ministry of Foreign Affairs | on Wednesday" (a venue's name may hold "of", "for", "and"), "the X Conference,
# to be hosted | by Germany and Ukraine in Berlin | in June".
# (Also a setting named between: "met X at the | Andean Summit | in Quito, Ecuador, | on 19 September", and a place
# told in lower case: "met | on the state border | on Tuesday".)
_DATE_AFTER = re.compile(r",?\s*(?:[A-Z][\w'.\-\u2013]*(?:\s+[A-Z][\w'.\-\u2013]*){0,6}\s*)?"
                         r"(?:by\s+(?:the\s+)?[A-Z][\w'.-]*(?:(?:,\s*|\s+and\s+(?:the\s+)?|\s+)[A-Z][\w'.-]*){0,5}\s+)?"
                         r"(?:(?:in|at)\s+(?:the\s+)?[A-Z][\w'.-]*(?:,?\s+(?:(?:of|for|and)\s+(?:the\s+)?)?[A-Z][\w'.-]*){0,4},?\s*"
                         r"|(?:on|at|in)\s+the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2},?\s*){0,2}"  # "at the State House in Dodoma"
                         # a short topic of the event ("signed an agreement | on visas | on Monday", "held talks
                         # on maritime search and rescue on 4 March"): no comma, clause word or participle in it
                         r"(?:(?:on|about|regarding|concerning|over)\s+(?:(?!(?:that|which|who|will|would|shall|to|"
                         r"after|before|since|until|when|while|as|but|then|also|again|had|has|have|was|were|is|are|be|"
                         r"been|due|set|on|in|from|said|says|told|tells)\b)(?![a-z]+ed\b)[A-Za-z][\w'’-]*\s+){1,6}?)?"
                         r"(?:,?\s*(?:which|that)\s+(?:took place|will take place|takes place|(?:was|is|were|are|will be)"
                         r"\s+(?:held|hosted|convened))\s+)?"
                         r"(?:(?:on|in|from)\s+(?:the\s+)?)?")


def pick_date(doc: Doc, sent: Sent, lo: int, hi: int, last_date: dt.date | None, dateline: int = 0,
              skip: tuple[tuple[int, int], ...] = (), trigger: int | None = None, later: bool = False):
    """(start, end, precision, rank, text) of the date of an event told in sent.text[lo:hi] (never the
    date of the dateline that ends at sent.text[dateline], nor one in the clauses `skip`, sentence
    offsets); last_date anchors "the same day"; the words around `trigger` (default lo) say whether
    it is a plan; `later`: the trigger follows another one in its sentence."""
    mentions = [d for d in doc.dates_in(sent) if d.start >= sent.start + dateline
                and not any(sent.start + a <= d.start < sent.start + b for a, b in skip)]
    mentions = [d for d in mentions if not re.search(r"\b(?:since|by|until|over the past|for the past)\s+$",
                                                     doc.text[max(sent.start, d.start - 16):d.start], re.I)]
    if not mentions:
        return None
    abs_lo, abs_hi = sent.start + lo, sent.start + hi
    inside = [d for d in mentions if abs_lo <= d.start < abs_hi]
    leading = [d for d in mentions if d.start < abs_lo]  # a leading "On April 26, 2023, ..."
    if later:
        # A later trigger of the sentence: a date right after its object is its own ("... and then travel to
        # Singapore | on September 4 and 5"); one before it is the date of the event told before.
        after = [d for d in inside if trigger is not None and d.start >= sent.start + trigger]
        plan = trigger is not None and _planned(sent.text, trigger, hi) and _plan_date_after(doc, sent, mentions, abs_hi)
        pool = after or _dates_after(doc, sent, mentions, abs_hi) or plan or inside or leading
    elif trigger is not None and _planned(sent.text, trigger, hi):
        # A plan's date follows it ("today announced that she will travel to Mexico | from March 18 to 19"), also
        # past the topic of a long name ("agreed to hold the XIII Session of the X Commission | for Economic and
        # Technical Cooperation in Luanda during | the second half of this year").
        pool = inside or _dates_after(doc, sent, mentions, abs_hi) or leading or _plan_date_after(doc, sent, mentions,
                                                                                                   abs_hi)
    else:
        pool = inside or leading or _dates_after(doc, sent, mentions, abs_hi)
    if not pool:
        return None
    # A date in the trigger's own object is its own ("travelled to X on 3 May and then to Y on 5 May": the second
    # trip is on the 5th), else the one nearest its subject ("On 3 May, X met Y").
    own = [d for d in pool if trigger is not None and d.start >= sent.start + trigger]
    best = min(own, key=lambda d: d.start) if own else min(pool, key=lambda d: abs(d.start - abs_lo))
    value = best.value
    kind = getattr(best, "kind", "absolute")
    if kind == "anaphoric" or value is None:
        if last_date is None or doc.published is None:
            return None
        try:
            value = _deps.resolve_date(best.text, doc.published, anchor=last_date)
        except Exception:  # noqa: BLE001
            value = None
        if value is None:
            return None
        rank = 2
    elif kind in ("relative",):
        rank = 2 if doc.published_source in ("metadata", "dateline") else 1
    else:
        rank = 3
    at = lo if trigger is None else trigger
    if (doc.published is not None and value.end < doc.published and _planned(sent.text, at, hi)
            and (kind == "partial" or kind == "relative" and best.start >= sent.start + at)):
        # "agreed to hold the next session in Beijing in June": a plan's month without its year is the next one;
        # "spoke on Monday ahead of the summit on Friday": a plan's weekday in its own object is the coming one
        # (the sentence's past verb placed it before).
        value = _deps.resolve_date(best.text, doc.published, tense="future") or value
    if value.precision not in DATE_PRECISIONS or value.precision == "decade":
        # "the 1990s", "over the past decade": a decade says when a context was, not when a meeting was
        # (the contract's vocabulary allows decade; these rules do not date an event by one).
        return None
    return value.start, value.end, value.precision, rank, best.text


# A clause after an event's object that tells when it is held: "the X Commission on Y, | which will be held |
# in Wellington in 2024", "the 35th Session of the Assembly, | held | in Addis Ababa in February 2022", "the summit
# of the Forum on Z, | which opens | in Beijing on Wednesday".
_HELD_CLAUSE = re.compile(r"(?:,\s*|\s+)(?:(?:which|that)\s+(?:took place|will take place|takes place|is to take place|"
                          r"opens|will open|begins|will begin|starts|will start|"
                          r"(?:was|is|were|are|will be|would be|is to be)\s+(?:held|hosted|convened|organi[sz]ed))"
                          r"|held|hosted|convened|scheduled(?:\s+to\s+(?:take place|be held))?|to be held|to take place|"
                          r"(?:(?:is|are|was|were)\s+)?(?:due|set|expected|planned|likely)\s+to\s+(?:take place|be held|be convened))"
                          r"\s+", re.I)  # "the next session of the X is expected to take place | in Delhi next year"
# How far after the object such a clause may start (a topic of a few words between: "on Bilateral Cooperation").
_HELD_GAP = 60


def _dates_after(doc: Doc, sent: Sent, mentions: list, abs_hi: int) -> list:
    """Dates told after an event's object: right where it ends ("met X in Canberra | on 12 June", "will travel
    to X, | from June 20 to 22"), or in a clause that tells when it is held (_HELD_CLAUSE)."""
    placed = [d for d in mentions if abs_hi <= d.start and d.value is not None
              and getattr(d, "kind", "absolute") != "anaphoric"]
    pool = [d for d in placed if _DATE_AFTER.fullmatch(doc.text, abs_hi, d.start)]
    if pool or not placed:
        return pool
    held = _HELD_CLAUSE.search(doc.text, abs_hi, sent.end)
    if held is None or held.start() - abs_hi > _HELD_GAP or re.search(r"[;:]", doc.text[abs_hi:held.start()]):
        return []
    return [d for d in placed if held.end() <= d.start and _DATE_AFTER.fullmatch(doc.text, held.end(), d.start)]


# What may stand between a plan's object and its date further on: a topic and a place, no new clause.
# What may stand between a plan's object and its date further on: the rest of its name and its place ("for Economic,
# Scientific and Technical Cooperation in Luanda during"), capitalised words and the small words between them.
_PLAN_GAP = re.compile(r"(?:,?\s+(?:(?:of|for|on|and|the|in|at)\s+)*(?-i:[A-Z])[\w'.\-\u2013]*)*,?\s*"
                       r"(?:in|on|during|before|from|at|within|later in|early in|late in)\s+(?:the\s+)?", re.I)


def _plan_date_after(doc: Doc, sent: Sent, mentions: list, abs_hi: int) -> list:
    """The first date told after a plan's object in the same clause, past a topic and a place (none when a new
    clause or another plan starts between)."""
    for d in mentions:
        if d.start < abs_hi or d.value is None or getattr(d, "kind", "absolute") == "anaphoric":
            continue
        gap = doc.text[abs_hi:d.start]
        if _PLAN_GAP.fullmatch(gap):
            return [d]
        return []
    return []


def _planned(text: str, lo: int, hi: int) -> bool:
    """Whether the words around a trigger tell a plan ("will be held", "agreed to hold", "upcoming")."""
    window = text[max(0, lo - 60):hi]
    return bool(event_rules().planned.search(window)) and not re.search(r"\b(?:has|have) been\b", window)


# A past verb may tell a day this far after publication (transforms.dates' past_day_tolerance).
_LAG = dt.timedelta(days=PAST_DAY_TOLERANCE)


def event_status(text: str, lo: int, hi: int, start: dt.date | None, end: dt.date | None, precision: str,
            published: dt.date | None, trigger_text: str) -> str:
    """planned / occurred / unknown from the words around the trigger and the date against publication."""
    rules = event_rules()
    if _planned(text, lo, hi):
        return "planned"
    if start is not None and published is not None and start > published + _LAG:
        return "planned"
    if rules.trigger_past.search(trigger_text) or rules.occurred.search(text[max(0, lo - 60):lo + len(trigger_text)]):
        return "occurred"  # "met on August 29" in a readout dated August 28 (a time zone behind)
    if start is not None and published is not None and start > published:
        return "planned"
    if end is not None and published is not None and (end < published or precision == "day" and end <= published):
        return "occurred"
    return "unknown"


# The main verb of a clause after a setting ("At the joint press conference, the minister | said ..."): the first
# past or future verb form.
_MAIN_PAST = re.compile(r"\b(?:will|would|shall|is to|are to|plans? to)\b|\b(?-i:[a-z]+ed|" +
                        set_alternation(word_set("IRREGULAR_PAST")) + r")\b", re.I)


def setting_told_past(text: str, lo: int, trig_lo: int, obj_hi: int) -> bool:
    """Whether the clause an event is named as the setting of is told in the past, after it ("At the joint press
    conference, X said ...") or before it ("The two Presidents then led their delegations in official talks"): the
    setting took place."""
    after = _MAIN_PAST.search(text, obj_hi, obj_hi + 120)
    before = [m for m in _MAIN_PAST.finditer(text, lo, trig_lo)]
    m = before[-1] if before else after
    return m is not None and not m.group(0).lower().startswith(("will", "would", "shall", "is ", "are ", "plan"))


# Words that open another clause between a trigger and a calling-off ("met on Tuesday, after a summit was postponed").
_OTHER_CLAUSE = re.compile(r"\b(?:after|before|following|while|because|since|but|when|although|though)\b|;")


def called_off(text: str, start: int, end: int) -> bool:
    """Whether the words after a trigger, up to `end`, call its event off in its own clause ("talks ... that had been
    scheduled for Thursday was postponed indefinitely")."""
    m = event_rules().called_off.search(text, start, end)
    return m is not None and not _OTHER_CLAUSE.search(text, start, m.start())


# A perfect ("has visited") or an infinitive ("invited X to visit") before a trigger: no news of that day.
_NOT_NEWS_BEFORE = re.compile(r"\b(?:(?:has|have|had)\s+(?:\w+\s+)?|to\s+)$", re.I)


def told_as_news(text: str, start: int, end: int, verb: bool) -> bool:
    """Whether the trigger text[start:end] tells its event as the news of a day: a verb (`verb`: not a noun,
    "the talks") in the past ("called on", "was received by"), not a perfect ("has visited": a life's record)
    nor an infinitive ("invited her to visit"). Such an event told without a date is on the programme's day."""
    if not verb or not event_rules().trigger_past.search(text, start, end):
        return False
    return not _NOT_NEWS_BEFORE.search(text, max(0, start - 30), start)


_RECENT_DAY = dt.timedelta(days=7)
_PLAN_TRIGGER = re.compile(r"(?:to|will)\s", re.I)


def of_recent_story(text: str, start: int, end: int, last_day: dt.date | None, published: dt.date | None) -> bool:
    """Whether an encounter told without a date at text[start:end], whatever its grammar ("Addressing the press,
    the leaders pledged ..."), took place on `last_day`, the day of the story just told: that day is within a
    week before publication, and the sentence tells no plan, no record ("has visited") nor an infinitive
    ("invited X to visit")."""
    if last_day is None or published is None or not dt.timedelta(0) <= published - last_day <= _RECENT_DAY:
        return False
    return not (event_rules().planned.search(text) or _NOT_NEWS_BEFORE.search(text, max(0, start - 30), start)
                or _PLAN_TRIGGER.match(text, start, end))


# A visit under way as the release is written ("is paying an official visit", "welcome X to Madrid on his first
# official visit", "the ongoing visit"); not a greeting to the audience ("welcome to this special briefing").
_ONGOING = re.compile(r"\b(?:is|are)\s+(?:paying|making|on|currently)\b|\bwelcomes?\s+(?!to\b)|\bongoing\b", re.I)


def under_way(text: str) -> bool:
    """Whether the sentence tells its event as under way as the release is written: it occurs, around
    publication."""
    return bool(_ONGOING.search(text))


# Words a day is told with ("on Tuesday", "this morning", "5 June", "June 5"): a cheap test before the resolver.
_DAY_WORDS = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:today|yesterday|tomorrow|tonight|morning|"
                        r"afternoon|evening)\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|"
                        r"sep|oct|nov|dec)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?!\d)",
                        re.I)
# A programme's day is one of the fortnight before its release (or the day after: time zones).
_PROGRAMME_DAYS = dt.timedelta(days=14)


def told_day(doc: Doc, sent: Sent, skip: tuple[tuple[int, int], ...] = ()) -> dt.date | None:
    """The day a sentence tells its news on ("This morning, the Prime Minister was accorded ...", "..., the
    minister said in Baku on Tuesday"): the one day of the fortnight before publication it states outside the
    clauses `skip` (relative clauses, sentence offsets) and not as the day of a plan ("Tomorrow, he will
    ..."). The events told after it without a date of their own took place that day (a visit programme
    told day by day)."""
    if doc.published is None or not _DAY_WORDS.search(sent.text):
        return None
    days = {d.value.start for d in doc.dates_in(sent)
            if d.value is not None and d.value.precision == "day" and d.value.start == d.value.end
            and getattr(d, "kind", "absolute") not in ("anaphoric", "dateline")
            and not any(sent.start + a <= d.start < sent.start + b for a, b in skip)
            and doc.published - _PROGRAMME_DAYS <= d.value.start <= doc.published + _LAG
            and not _planned(sent.text, d.start - sent.start, d.end - sent.start + 40)}
    return days.pop() if len(days) == 1 else None


# Words after an event's object that open what it is about: a place past them is the topic's.
_TOPIC = re.compile(r"\b(?:discuss\w*|about|regarding|concerning|situation|crisis|conflict|war|ceasefire|truce|peace|"
                    r"tensions?|fighting|violence)\b", re.I)


def event_location(doc: Doc, sent: Sent, lo: int, hi: int, visit: bool,
                   dateline: int = 0) -> tuple[str | None, str | None]:
    """Canonical place and its country: "in Xi'an", "at Camp David", a visit's destination (never the
    place of the dateline that ends at sent.text[dateline])."""
    candidates = [p for p in doc.places_in(sent) if p.start >= sent.start + dateline]
    if visit and any(getattr(c, "code", None) and getattr(c, "kind", "name") != "demonym"
                     for c in doc.countries.within(sent.start + max(lo, dateline), sent.start + hi)):
        # "a visit to Brunei from 3 to 4 September, and then travel to Singapore": Brunei is where it goes.
        candidates = [p for p in candidates if p.start < sent.start + hi]
    best = None
    for p in candidates:
        rel = p.start - sent.start
        if rel > hi and _TOPIC.search(sent.text, hi, rel):
            continue  # "will travel to Egypt to discuss a ceasefire in Gaza": a topic's place, not the event's
        before = sent.text[max(0, rel - 20):rel]
        near = lo - 10 <= rel <= hi + 60
        if _LOCATION_PREP.search(before) or (visit and near) or re.search(r",\s*$", before) and best is None:
            if best is None or (near and not (lo - 10 <= best.start - sent.start <= hi + 60)):
                best = p
    if best is not None:
        return best.value.name, best.value.country
    if visit:
        for c in doc.countries.within(sent.start + max(lo, dateline), sent.start + hi):
            code = getattr(c, "code", None)
            if code and getattr(c, "kind", "name") != "demonym":  # "a visit to the former British colony"
                return c.text, code
    return None, None


__all__ = ["called_off", "event_location", "event_status", "of_recent_story", "pick_date", "setting_told_past",
           "told_as_news", "told_day", "under_way"]
