"""The predicate of a commitment: its action (a lemma), description and due date."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from transforms.extract.commitments.lemmas import base_lemma, is_verb, lemma
from transforms.extract.document import _MAY_HAVE_DATE_LOW, Doc, Sent
from transforms.dates.vocab import MONTHS, NUMBERS, SEASONS
from transforms.extract.lexicon import commitment_rules


COORD = re.compile(r"(?:,\s*and\s+|\s+and\s+|,\s+)(?=(?:also\s+|firmly\s+|resolutely\s+|strongly\s+)*"
                    r"(?:support|supports|oppose|opposes|reject|rejects|back|backs)\b|"
                    # "its support for X and its rejection of Y": a second stance of the same subject
                    r"(?:its|their|his|her|our)\s+(?:[\w-]+\s+){0,2}?(?:rejection|opposition|condemnation)\s+(?:of|to)\b)",
                    re.I)


_WORK_WITH = re.compile(r"^(?:work|cooperate|join hands|coordinate|partner)(?:\s+(?:closely|together|jointly))*"
                        r"(?:\s+with\s+(?P<with>.+?))?\s+(?:respectively\s+)?to\s+", re.I)


_EFFORTS = re.compile(r"^(?:making|make|made|take|taking|took) (?:\w+ ){0,2}?(?:efforts|steps|measures) to ", re.I)


_NOUNISH = re.compile(r"^(?:a|an|the|their|its|his|her|our|this|these|that|those|all|any|new|further|more|"
                      r"[\w-]+(?:ness|ity|tion|sion|ship|ment|ance|ence|ism|hood))\b", re.I)


_CUE_SKIP = frozenset("have has had also jointly further unanimously again each are is remain remains were was "
                      "stand stands fully firmly all both will shall".split())


TRAILING = re.compile(r"[\s,;:.]+$")


# An enumerator before an object: ": (i) establish ...", "(b) exchange ...".
_ENUMERATOR = re.compile(r"^[\s:]*\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s+")


def nounish(predicate: str) -> bool:
    """The predicate starts with a noun phrase ("a shared future", "good-neighborliness"), not a verb."""
    m = _NOUNISH.match(predicate)
    return m is not None and m.group(0).lower() not in commitment_rules().noun_like_verbs


def cue_lemma(cue_text: str) -> str | None:
    """The verb of a cue ("have committed themselves to" -> commit); None for modals."""
    for word in cue_text.lower().split():
        if word not in _CUE_SKIP and not (word.endswith("ly") and not is_verb(word)):
            return lemma(word) if word not in ("to", "on", "that", "upon", "in") else None
    return None


def skip_adverbs(text: str) -> str:
    m = commitment_rules().adverb_re.match(text)
    return text[m.end():] if m else text


def read_action(predicate: str) -> tuple[str, str, str | None]:
    """(action lemma, cleaned description, 'with' partner text) of a committed predicate."""
    rules = commitment_rules()
    pred = skip_adverbs(_ENUMERATOR.sub("", predicate))
    partner = None
    m = _WORK_WITH.match(pred)
    if m:
        partner = m.group("with")
        pred = skip_adverbs(pred[m.end():])
    for frame in (rules.light_frames, _EFFORTS):
        fm = frame.match(pred)
        if fm:
            pred = skip_adverbs(pred[fm.end():])
    if pred.lower().startswith("to "):
        pred = skip_adverbs(pred[3:])
    words = pred.split()
    if words and words[0].lower() == "not" and len(words) > 1:
        words = words[1:]  # "shall not impose taxes": the action is "impose"; the description keeps the "not"
    if not words:
        return "", "", partner
    two = " ".join(w.lower() for w in words[:2])
    lemma2 = f"{lemma(words[0])} {words[1].lower()}" if len(words) > 1 else ""
    if two in rules.phrasal or lemma2 in rules.phrasal:
        action = lemma2 if lemma2 in rules.phrasal else two
    else:
        action = base_lemma(re.sub(r"[^\w-]", "", words[0]))  # a predicate opens with a base form or a gerund
    description = TRAILING.sub("", pred)
    return action, description, partner


def passive_proposal(doc: Doc, sent: Sent, text: str, subj_lo: int, subj_hi: int, end: int,
                     speaker: tuple | None) -> tuple[str, str] | None:
    """(action, description) of "NOUN should be VERBed ..." said by a speaker ("hold that conflicts should be
    resolved through dialogue" -> resolve conflicts through dialogue); None when it is not one."""
    if speaker is None:
        return None
    m = commitment_rules().passive_proposal.match(text, end)
    subject = text[subj_lo:subj_hi].strip(" ,")
    if m is None or not subject or len(subject) > 80:
        return None
    action = lemma(m.group("verb"))
    if action in commitment_rules().hostile_actions:
        return None  # "the suspects should be punished": law enforcement, not diplomacy
    if not doc.countries.within(sent.start + subj_lo, sent.start + subj_lo + len(subject.split()[0])):
        subject = subject[:1].lower() + subject[1:]  # "Conflicts should be ..." -> "resolve conflicts ..."
    return action, f"{action} {subject}{TRAILING.sub('', text[m.end():])}".strip()


# A target period counted from when the undertaking is told ("within six months", "within the next 90 days").
_WITHIN = re.compile(r"\bwithin\s+(?:the\s+)?(?:next\s+)?(?P<n>\d{1,3}|[a-z]+)\s+(?P<unit>day|week|month|year)s?\b")


def _after(published: dt.date, m: re.Match) -> dt.date | None:
    """The last day of "within N units" told on `published`."""
    n = int(m.group("n")) if m.group("n").isdigit() else NUMBERS.get(m.group("n"))
    if n is None:
        return None
    unit = m.group("unit")
    if unit in ("day", "week"):
        return published + dt.timedelta(days=n * (7 if unit == "week" else 1))
    months = published.month - 1 + n * (12 if unit == "year" else 1)
    year, month = published.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(published.day, calendar.monthrange(year, month)[1]))


def due_date(doc: Doc, sent: Sent, abs_start: int, abs_end: int):
    """(due_date, due_precision) of a clause: the last day of the target period it states ("by 2030" is
    2030-12-31, "next month" that month's last day, "within six months" the day six months after the article's
    date; CONTRACT.md), else (None, None).

    A date is a target only where the clause sets it: not one that names something else ("Executive Order
    14257 of April 2, 2025", "the treaty signed in 2006", "since 2019", "from 2024" is when it starts), and
    never a period over before the article's own date (a past date is not a target)."""
    within = _WITHIN.search(doc.low, abs_start, abs_end)
    if within is not None and doc.published is not None and (end := _after(doc.published, within)) is not None:
        return end, "day"
    if not _MAY_HAVE_DATE_LOW.search(doc.low, abs_start, abs_end):
        return None, None
    rules = commitment_rules()
    for d in doc.dates_in(sent):
        if not (abs_start <= d.start and d.end <= abs_end):
            continue
        value = getattr(d, "value", None)
        if value is None:
            continue
        if rules.not_due.search(doc.text, max(abs_start, d.start - 40), d.start) or value.precision == "century":
            continue  # ("21st century challenges" is an age, not a deadline)
        if doc.text[d.end:d.end + 2] in ("'s", "’s"):
            continue  # "today's energy demands": a date that qualifies a noun
        end = value.end or value.start
        if doc.published is not None and end is not None and end < doc.published:
            end = _next_year(end, doc.text[d.start:d.end], doc.published)
            if end is None:
                continue
        return end, value.precision
    return None, None


def _next_year(end: dt.date, written: str, published: dt.date) -> dt.date | None:
    """A target written without its year ("agreed to meet in June", read as the June before the article):
    the same period a year later, when that is after the article's date; None for a written year, and for a
    day that names no month or season ("on Tuesday", "yesterday": a day of the past week is when it was said,
    not a target a year on)."""
    if re.search(r"\d{4}|\b(?:last|ago|past|previous)\b", written, re.I):
        return None
    if not any(w.rstrip(".") in MONTHS or w in SEASONS for w in re.findall(r"[a-z.]+", written.lower())):
        return None
    last_day = calendar.monthrange(end.year + 1, end.month)[1]
    later = end.replace(year=end.year + 1, day=min(end.day, last_day))
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        later = later.replace(day=last_day)  # a month's last day stays its last day
    return later if later >= published else None
