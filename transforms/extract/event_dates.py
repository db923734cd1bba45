"""When an event of events.py took place and its status (a STEPS pair: the date told, else the event before, "today",
the day the programme is on, or the release's own week), and whether a mention is the release's own event."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from transforms.extract.document import Doc
from transforms.extract.lexicon import event_rules
from transforms.extract.reading import NOMINAL, Reading, Sentence, is_setting, setting_of
from transforms.extract.records import EventMention
from transforms.extract.when_where import (
    event_status, of_recent_story, pick_date, setting_told_past, told_as_news, under_way,
)
from transforms.reference import load

_AFTER_FRAME = re.compile(r"^(?:After|Following|At the end of|On the sidelines of|During|Before) (?:the|this|today's) "
                          r"(?:meeting|talks|summit|call|session|visit|ceremony|dialogue|conference)\b")
_TODAYISH = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|earlier today)\b", re.I)


def date_and_status(s: Sentence, r: Reading) -> bool:
    """The date told for the event and its status; without one, the event just told ("After the meeting,
    ..."), "today", or the release's own week."""
    hit, text, doc, state = r.hit, s.text, s.doc, s.state
    prev = s.hits[r.idx - 1] if r.idx else None
    # A cue between the hit before and this one is this one's ("received X in audience, which was followed by a
    # meeting of the delegations"); else the sentence's first.
    cue = (prev is not None and event_rules().sequence_cues.search(text, prev.end, r.obj_hi)
           or event_rules().sequence_cues.search(text, 0, r.obj_hi))
    # The cue makes a sequel of the event of its own clause ("After the talks, the PMs witnessed the signing of
    # X, signed by A and B": the first signing, which "signed by" retells, follows the talks).
    # A cue that is the trigger itself and looks back ("Following the talks, the ministers signed"): it names the
    # event told before ("followed by talks" looks forward: another event).
    own_cue = bool(cue and cue.start() < hit.end and hit.start < cue.end() and hit.trigger is not None
                   and re.match(r"(?:after|following)\s+(?:the|their|these)\b", cue.group(0), re.I))
    r.sequel = bool(cue and not own_cue and (cue.start() >= r.lo_subject or prev is None
                                             or hit.start <= (s.first_trigger_lo or 0) or prev.start in s.sequels
                                             and not re.search(r"[,;]", text[prev.end:hit.start])))
    if r.sequel:
        s.sequels.add(hit.start)
    # "the same day", "the day before" count from the day of the event told before.
    own = s.relative_of(hit.start)
    date = pick_date(doc, s.sent, r.lo_subject if hit.trigger else hit.start, r.obj_hi,
                     state.last_day or state.last_date, s.dateline,
                     tuple(span for span in s.relatives if span != own and span[1] <= hit.start), hit.start,
                     later=hit.trigger is not None and hit.start > (s.first_trigger_lo or 0))
    r.status = event_status(text, hit.start, r.obj_hi, date[0] if date else None, date[1] if date else None,
                       date[2] if date else "unknown", doc.published, text[hit.start:hit.end])
    if (r.status == "unknown" and hit.trigger is not None and is_setting(s, r)
            and setting_told_past(text, r.lo_subject, hit.start, r.obj_hi)):
        r.status = "occurred"  # "At the joint press conference, the minister said ...": the setting of a past act
    if date is not None:
        r.start, r.end, r.precision, r.rank, _ = date
    elif dated := [m for m in setting_of(s, hit) if m.start_date is not None]:
        # "met X on Monday at the NATO Summit": the summit was on that day (at least).
        r.start, r.end, r.precision, r.rank = (dated[-1].start_date, dated[-1].end_date, dated[-1].date_precision,
                                               dated[-1].date_rank)
    elif _AFTER_FRAME.match(text) and state.last_frame is not None and state.last_frame.start_date:
        frame = state.last_frame
        r.start, r.end, r.precision, r.rank = frame.start_date, frame.end_date, frame.date_precision, frame.date_rank
    elif cue and (state.last_day or state.last_frame):
        # "Minister X then held talks with ...", "In the afternoon, ...": the day of the event told before
        # (else the days the release's own event is dated by).
        if state.last_day is not None:
            r.start = r.end = state.last_day
            r.precision, r.rank = "day", 2
        elif state.last_frame.start_date is not None:
            frame = state.last_frame
            r.start, r.end, r.precision, r.rank = frame.start_date, frame.end_date, frame.date_precision, frame.date_rank
    elif r.status != "planned" and doc.published is not None and hit.trigger is not None and _TODAYISH.search(text):
        r.start = r.end = doc.published
        r.precision, r.rank = "day", 2
    elif (r.status != "planned" and state.last_day is not None
          and told_as_news(text, hit.start, hit.end, hit.trigger is not None and not NOMINAL.match(text[hit.start:]))
          and all(d.value is not None for d in doc.dates_in(s.sent))):
        # "He was received at the airport by ..." after "arrived in New Delhi yesterday evening": the day
        # the programme is on (inferred: it neither keeps tellings apart from a dated one nor outranks it); not
        # when the sentence tells a date that cannot be placed ("On 9 February" in an article without a date).
        r.start = r.end = state.last_day
        r.precision, r.rank = "day", 1
    elif (r.status == "occurred" and doc.published is not None and hit.trigger is not None and not hit.name
          and (not state.seen_event or _of_programme(text[r.lo_subject:_clause_end(text, hit.end)]))):
        # The release's own event, or another encounter it tells without a date as part of its programme ("he also met
        # the Minister of Trade"): on or a few days before publication.
        r.start, r.end, r.precision, r.rank = doc.published - dt.timedelta(days=6), doc.published, "week", 1
    elif (r.status != "planned" and hit.trigger is not None and not hit.name
          and of_recent_story(text, hit.start, hit.end, state.last_day, doc.published)):
        r.start = r.end = state.last_day
        r.precision, r.rank, r.status = "day", 1, "occurred"
    elif r.status == "unknown" and doc.published is not None and hit.trigger is not None and under_way(text):
        r.status = "occurred"
        r.start, r.end, r.precision, r.rank = doc.published - dt.timedelta(days=6), doc.published, "week", 1
    return not s.text.rstrip().endswith("?")  # "Will you meet X?", "Is a visit to Japan planned?": asked, not told


@lru_cache(maxsize=1)
def _programme_rules() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = load("events/triggers.yaml")
    return tuple(re.compile(p, re.I) for p in (data.programme_cues, data.background_cues, data.own_occasion))


def _clause_end(text: str, at: int) -> int:
    """Where the clause of a trigger ending at `at` ends: the next comma, semicolon or coordinating word."""
    m = _CLAUSE_BREAK.search(text, at)
    return m.start() if m else len(text)


_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and|but|while|whereas)\s", re.I)


def _of_programme(clause: str) -> bool:
    """Whether an undated encounter told after the release's own event is of its programme, read in the trigger's
    clause (events/triggers.yaml): not told as before or as a record ("had previously met": background_cues), and
    told as part of it ("He also held talks with ...": programme_cues) or in no time or occasion of its own ("met at
    the African Union summit", "visited Togo during his first term": own_occasion)."""
    programme, background, occasion = _programme_rules()
    return not background.search(clause) and bool(programme.search(clause) or not occasion.search(clause))


def dates_its_encounters(s: Sentence, r: Reading) -> bool:
    """A named setting told with its day dates the encounters told before it without one ("had a conversation on
    the sidelines of the Andean summit in Quito on Friday": the conversation was on Friday)."""
    if r.rank >= 2 and r.start is not None:
        for m in setting_of(s, r.hit):
            if m.date_rank < 2:
                s.found[s.found.index(m)] = replace(m, start_date=r.start, end_date=r.end, date_precision=r.precision,
                                                    date_rank=r.rank, status=r.status)
    return True


def is_frame(m: EventMention, doc: Doc, nominal: bool) -> bool:
    """The release's own event (what happened around its date), not one recalled or planned."""
    if m.status == "planned" or m.event_type == "announcement" and m.start_date is None:
        return False
    if m.start_date is None or doc.published is None:
        return not nominal and m.name is None
    if m.date_precision not in ("day", "week"):
        return False  # "this year", "in May": too vague to be the release's own event
    recent = 0 <= (doc.published - m.start_date).days <= 14 or m.start_date <= doc.published <= m.end_date
    return recent and (not nominal or m.date_rank >= 2)
