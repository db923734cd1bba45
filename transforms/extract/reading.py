"""What the steps of events.py share while they read one sentence: the sentence (its hits, the subjects read so
far) and one hit's reading, and whether a trigger is the setting of what the sentence tells."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from transforms.extract.anaphora import State
from transforms.extract.document import Doc, Sent
from transforms.extract.hits import Hit
from transforms.extract.participants import Zone
from transforms.extract.records import EventMention

# A trigger that is a noun phrase ("the phone call between", "a visit to") mentions an event;
# the release's own event is told with a verb ("spoke with", "visited").
NOMINAL = re.compile(r"^(?:phone|telephone|video|virtual|call|calls|a|an|the|their|his|her|today's|talks|consultations|"
                     r"negotiations|meeting|meetings|bilateral|trilateral|in-person|visit|visits|trip|trips|travel|tour|"
                     r"signing|press|news|joint|courtesy|state|official|working|first|historic|recent|upcoming|successful|"
                     r"two-day|three-day|four-day|week-long|productive|constructive|warm|good|by|next|previous|last|"
                     r"latest|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\b", re.I)
# A nominal trigger after these is the setting of what the sentence tells ("X told Y in a phone call",
# "A and B discussed Z during talks in Lima"): the sentence's subject (and addressee) take part.
_SETTING = re.compile(r"\b(?:during|in|at|over)\s+(?:(?:a|an|the|their|his|her|its)\s+)?(?:[\w-]+\s+)?$", re.I)
# A named event as the setting of the encounter told before it in the sentence.
_NAMED_SETTING = re.compile(r"\b(?:at|during|on the (?:sidelines|margins) of|in the margins of|ahead of)\s+(?:the\s+)?$",
                            re.I)


@dataclass
class Sentence:
    """One sentence with hits, and what its readings share."""

    doc: Doc
    sent: Sent
    hits: list[Hit]
    state: State
    subj_lo: int  # where subjects start: after a reporting frame ("X said that ...")
    first_trigger_lo: int | None  # the first trigger of the sentence (names are not triggers)
    found: list[EventMention] = field(default_factory=list)  # the sentence's mentions so far
    subjects: dict[int, Zone] = field(default_factory=dict)  # hit index -> the subject read for it
    dateline: int = 0  # where the sentence's dateline ends ("TOKYO, Feb. 15 (Kyodo) -- ")
    relatives: list[tuple[int, int]] = field(default_factory=list)  # ", who arrived on Monday," clauses
    sequels: set[int] = field(default_factory=set)  # starts of the hits told as following the event before
    denied_end: int | None = None  # where the last denied trigger ends ("would not travel to | X for talks")

    def relative_of(self, pos: int) -> tuple[int, int] | None:
        """The relative clause that holds sentence offset pos, if any."""
        return next(((a, b) for a, b in self.relatives if a <= pos < b), None)

    @property
    def text(self) -> str:
        return self.sent.text


@dataclass
class Reading:
    """One hit and what the steps have read around it (offsets into the sentence)."""

    hit: Hit
    idx: int
    obj_hi: int  # where the hit's object ends
    trig_lo: int = 0
    lo_subject: int = 0
    subject: Zone | None = None
    objs: list[Zone] = field(default_factory=list)  # one per counterpart when a "respectively" list splits
    split: bool = False
    shared: int | None = None  # the hit whose subject this one shares (a coordinated clause)
    sequel: bool = False  # told as following the event before ("then", "in the afternoon")
    denied: bool = False  # a word around it denies it, makes it hypothetical or calls it off (guards.py)
    named_codes: set[str] = field(default_factory=set)
    status: str = "unknown"
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str = "unknown"
    rank: int = 0
    location: str | None = None
    location_country: str | None = None


def is_setting(s: Sentence, r: Reading) -> bool:
    """A nominal trigger that is the setting of the sentence ("in a phone call", "during talks in Lima")."""
    text, hit = s.text, r.hit
    trig = text[hit.start:hit.end]
    return bool(NOMINAL.match(trig) and _SETTING.search(text, max(0, hit.start - 30), hit.start)
                or re.match(r"(?:during|at|in)\s", trig, re.I))


def setting_of(s: Sentence, hit: Hit) -> list[EventMention]:
    """The encounters a named event is the setting of: those told before it in its sentence ("met X at the Y
    Summit", "on the sidelines of the Z Forum"); none when it is no setting."""
    if hit.trigger is not None or not _NAMED_SETTING.search(s.text, max(0, hit.start - 40), hit.start):
        return []
    return [m for m in s.found if m.rule is not None]
