"""Transcripts: what journalists and moderators say states no commitment (ANNOTATION.md).

A press-conference transcript is a run of turns, each opened by a speaker's label at the start
of a line ("SECRETARY BLINKEN:", "Q:", "LAURA MÉNDEZ (El Universal):"). A turn whose speaker is
a questioner (cues.yaml question_speakers: "Q", "QUESTION", "MODERATOR", ...) or a journalist (a
label naming an outlet in brackets) whose turn asks something is a question turn: none of its
sentences is read for commitments. Any sentence that ends with a question mark is a question too.
In the other turns "we" is the speaker's country (an organization's, no country, when the speaker is
an official of one: "CHAIRPERSON X:" of a commission) ("we will continue to receive migrants"), with
the event's other countries when "we agreed"; a speaker whose country the release does not write (a
host's own minister) speaks for the side of the two-country events no other speaker holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.extract.document import Doc
from transforms.extract.issuer import home_office
from transforms.extract.lexicon import commitment_rules
from transforms.extract.records import EventMention


@dataclass
class Turns:
    """The questions of a transcript, and the country of the speaker of each answered sentence."""

    asked: set[int] = field(default_factory=set)
    speaker: dict[int, tuple[str, ...]] = field(default_factory=dict)  # sentence index -> speaker's country
    unplaced: set[int] = field(default_factory=set)  # sentences of an official whose country is not written
    placed: set[str] = field(default_factory=set)  # the countries of the speakers whose country is written
    organization: dict[int, object] = field(default_factory=dict)  # sentence -> its speaker, an official of
    # an organization (a PersonSpan)


def read_turns(doc: Doc) -> Turns:
    """The sentences of question turns and every sentence that asks something; the speaker's country of
    the sentences of the other turns ("we will continue to receive ..." said by Mexico's Secretary)."""
    out = Turns()
    if "?" not in doc.text and ":" not in doc.text:
        return out
    rules = commitment_rules()
    turn: list[int] = []
    questioner = outlet = False
    codes: tuple[str, ...] = ()
    official = None
    titled = -1  # the paragraph of a label in title case: a question it opens ends with its paragraph
    for sent in doc.sentences:
        at_line_start = not doc.text[doc.text.rfind("\n", 0, sent.start) + 1:sent.start].strip()
        label = rules.speaker_label.match(sent.text) if at_line_start else None
        if label is None and at_line_start:
            label = _titled_label(doc, sent.start, sent.text)  # "Spokesperson Mao Ning: ...", "Minister Vogt: ..."
            titled = sent.paragraph if label is not None else titled
        if label is None and titled >= 0 and sent.paragraph != titled and questioner:
            # An answer whose label this reader does not know ends a title-case question's turn at its paragraph.
            out.asked.update(turn)
            turn, questioner, codes, official, titled = [], False, (), None, -1
        if label is not None:
            if questioner:
                out.asked.update(turn)
            turn = []
            questioner = bool(rules.question_speakers.fullmatch(label.group("name").strip(" *")))
            outlet = label.group("outlet") is not None
            codes = _speaker_countries(doc, sent.start, sent.start + label.end())
            official = None if codes else _speaker_official(doc, sent.start, sent.start + label.end(), label.group("name"))
        turn.append(sent.index)
        if official is not None:
            out.organization[sent.index] = official  # "CHAIRPERSON X:" of a commission: "we" is the organization
        elif codes:
            out.speaker[sent.index] = codes
            out.placed.update(codes)
        elif label is not None or turn[0] in out.unplaced:
            out.unplaced.add(sent.index)
        if sent.text.rstrip(" *\"'”’)").endswith("?"):
            out.asked.add(sent.index)
            questioner = questioner or outlet  # a journalist: a speaker named with an outlet who asks
    if questioner:
        out.asked.update(turn)
    out.unplaced -= out.asked
    return out


def other_side(turns: Turns, events: list[EventMention]) -> tuple[str, ...]:
    """The country of a speaker whose release does not write it (a host's own minister): the side of the
    article's two-country events that no other speaker holds ("joint press conference" of Mexico and Belize,
    Belize's minister named with his country: the Secretary speaks for Mexico); () when that is not one."""
    pairs = [set(e.countries) for e in events if len(e.countries) == 2 and set(e.countries) & turns.placed]
    sides = {c for pair in pairs for c in pair} - turns.placed
    return (sides.pop(),) if len(sides) == 1 else ()


# A speaker's label written in title case: a person named at the start of a line, then a colon.
_TITLED = re.compile(r"[*_]{0,2}(?P<name>(?-i:[A-Z])[^:\n]{0,90}?)(?:\s*\((?P<outlet>[^)]{1,80})\))?[*_]{0,2}:[*_]{0,2}\s")


def _titled_label(doc: Doc, start: int, text: str) -> re.Match | None:
    """A label in title case ("Spokesperson Mao Ning:", "Foreign Minister Albares:", "Question (Daily News):",
    "Spokesperson:"): a person the article names, a questioner, a journalist named with an outlet or a bare
    office, so that "Note:" or "Venue:" open no turn."""
    m = _TITLED.match(text)
    if m is None:
        return None
    name = m.group("name").strip(" *")
    if m.group("outlet") or commitment_rules().question_speakers.fullmatch(name):
        return m
    if home_office().fullmatch(name) or home_office().fullmatch(re.sub(r"^(?:the|The)\s+", "", name)):
        return m
    people = [p for p in doc.people.starting_in(start, start + m.end("name"), doc.limit) if p.end <= start + m.end()]
    return m if people else None  # ("Secretary (East), Shri X:": the office, then the person)


def _speaker_countries(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The country of the person a speaker label names."""
    people = doc.people.starting_in(start, end, doc.limit)
    return tuple(sorted({p.country for p in people if getattr(p, "country", None)}))


def _speaker_official(doc: Doc, start: int, end: int, name: str):
    """The person a speaker label names when an official of an organization, with no country (else None):
    found in the label, else the article's person whose surname the label writes ("CHAIRPERSON FAKI:")."""
    people = doc.people.starting_in(start, end, doc.limit)
    if not people:
        last = name.split()[-1].casefold() if name.split() else ""
        people = [p for p in doc.people.items if last and last in p.name.casefold().split()]
    officials = [p for p in people if getattr(p, "organization", None) and not getattr(p, "country", None)]
    return officials[0] if officials and len(officials) == len(people) else None
