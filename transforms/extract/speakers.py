"""Speakers of transcripts: the people a speaker label names ("Question (Jane Doe, Daily News): ...",
"JANE DOE (Channel 5): ...", "DEPUTY MINISTER JANE DOE: ...") are speakers of the press briefing
the release tells (reference/names/participation.yaml, speaker_labels), and an event a speaker tells in the
first person ("On Wednesday I spoke by telephone with ...") is one of the speaker's country."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace

from transforms.extract.commitments.turns import Turns, other_side, read_turns
from transforms.extract.document import Doc
from transforms.extract.lexicon import places
from transforms.extract.participants import country_participant
from transforms.extract.records import EventMention, ParticipantMention
from transforms.names import canonical_person, find_countries, find_organizations, find_people
from transforms.names.people import particles
from transforms.names.titled import title_words
from transforms.reference import load

_LINE_START = re.compile(r"^[*_\-•\s]*", re.M)
_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
_MAX_WORDS = 8
_JOINING = frozenset({"of", "for", "and", "the", "to", "on"})


@functools.lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern, ...]:
    """The label patterns, case-sensitive (capitals tell a label from a sentence)."""
    return tuple(re.compile(label.pattern) for label in load("names/participation.yaml").speaker_labels)


def label_name(line: str) -> str | None:
    """The canonical name of the person a speaker label at the start of `line` names, or None."""
    for regex in _labels():
        m = regex.match(line)
        if m is None:
            continue
        name = _name_in(m.group("name"), bare=m.end("name") < m.end() - 2)
        if name:
            return name
    return None


def _name_in(label: str, bare: bool) -> str | None:
    """The name in a label: a person find_people reads there, else its capitalised words after the
    title words and honorifics, when two or more remain and none is a place, country or stop word.

    A label is short and has no lower-case word but joining words and particles ("The below is
    attributable to ..." is a sentence). Unless the pattern marks the name itself (`bare`: in
    parentheses, or before an affiliation), an unknown name needs a title or honorific before it
    ("SECRETARY JANE DOE"), so that section headings ("Fact Sheet:", "Article II:") give nobody."""
    outside = re.sub(r"\([^)]*\)", " ", label)
    tokens = _TOKEN.findall(outside)
    if any(ch.isdigit() for ch in label) or not tokens or len(tokens) > _MAX_WORDS \
            or any(t.islower() and t not in _JOINING and t not in particles().particles for t in tokens):
        return None
    found = [p for p in find_people(label) if p.end >= len(outside.rstrip(" ,"))]
    if found:  # the label ends with the name ("Official Spokesperson, Shri Jane Doe")
        return found[-1].name
    words, p = title_words(), particles()
    titled = False
    while tokens and (_cased(tokens[0]) in words.heads or _cased(tokens[0]) in words.modifiers
                      or _cased(tokens[0]) in words.words or p.honorific_rx.fullmatch(_cased(tokens[0]) + " ")):
        titled = titled or _cased(tokens[0]) in words.heads or bool(p.honorific_rx.fullmatch(_cased(tokens[0]) + " "))
        tokens = tokens[1:]
    if not (bare or titled) or len(tokens) < 2 or any(
            not t[:1].isupper() or _cased(t) in p.stop_tokens or _cased(t) in words.words for t in tokens):
        return None
    written = " ".join(tokens)
    if find_countries(written) or find_organizations(written) or _is_place(written):
        return None
    return canonical_person(written) or None


def _cased(token: str) -> str:
    """"SECRETARY" -> "Secretary": capitals compared with the Title Case word lists."""
    bare = token.rstrip(".,")
    return bare.title() if bare.isupper() and len(bare) > 1 else bare


def _is_place(text: str) -> bool:
    regex, _ = places()
    m = regex.fullmatch(text) or regex.fullmatch(text.title())
    return m is not None


def transcript_speakers(doc: Doc) -> list[ParticipantMention]:
    """One speaker per distinct person a label of the article names, in text order."""
    out: list[ParticipantMention] = []
    seen: set[str] = set()
    text = doc.text[:doc.limit]
    for m in _LINE_START.finditer(text):
        line_end = text.find("\n", m.end())
        line = text[m.end():line_end if line_end >= 0 else len(text)]
        if ":" not in line[:120]:
            continue
        name = label_name(line)
        if name and " " not in name:
            # "AMBASSADOR DOE": the one person of the article with that surname, else nobody.
            name = next((p.name for p in doc.people.items if p.name.split()[-1:] == [name]
                         and len(p.name.split()) > 1), None)
        if name and name not in seen:
            seen.add(name)
            known = next((p for p in doc.people.items if p.name == name), None)
            out.append(ParticipantMention("person", name, line.split(":", 1)[0].strip(" *"),
                                          getattr(known, "title", None), getattr(known, "country", None),
                                          "speaker", m.end(), m.end() + len(line.split(":", 1)[0])))
    return out


def add_speakers(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """The release's press briefing (its own if it tells one, else the first) with the transcript's speakers;
    the events a speaker tells in the first person ("On Wednesday I spoke by telephone with ...") with the
    speaker's country."""
    speakers = transcript_speakers(doc)
    if not speakers:
        return events
    # A speaker whose country the release does not write (the host's own minister) is of the side of its
    # two-country events no other speaker holds (turns.other_side).
    turns = read_turns(doc)
    side = other_side(Turns(placed=turns.placed | {p.country for p in speakers if p.country}), events)
    speakers = [replace(p, country=side[0]) if p.country is None and side else p for p in speakers]
    events = _first_person(doc, events, turns, speakers)
    briefings = [m for m in events if m.event_type == "press_briefing"]
    if not briefings:
        return events
    target = next((m for m in briefings if m.frame), briefings[0])
    held = {p.name for p in target.participants if p.entity_type == "person"}
    new = tuple(p for p in speakers if p.name not in held)
    codes = tuple(sorted(set(target.countries) | {p.country for p in speakers if p.country}))
    if not new and codes == target.countries:
        return events
    updated = replace(target, participants=target.participants + new, countries=codes)
    return [updated if m.mention_id == target.mention_id else m for m in events]


# A sentence told in the first person ("On Wednesday I spoke by telephone with ...", "This morning we held ..."):
# the subject after at most a short opening phrase.
_FIRST_PERSON = re.compile(r"^(?:[^,.]{0,40},\s*|(?:[A-Z]?[a-z]+\s+){0,3})(?:I|[Ww]e)\s")


def _first_person(doc: Doc, events: list[EventMention], turns: Turns,
                  speakers: list[ParticipantMention]) -> list[EventMention]:
    """Events a transcript's speaker tells in the first person, in an answered turn, take the speaker's country."""
    index = {s.start: s.index for s in doc.sentences}
    starts = [p.char_start for p in speakers]
    out = []
    for m in events:
        i = index.get(m.char_start)
        k = bisect.bisect_right(starts, m.char_start) - 1
        code = speakers[k].country if k >= 0 else None
        if (code and i is not None and i not in turns.asked and code not in m.countries
                and _FIRST_PERSON.match(m.evidence)):
            # The speaker's "we", not the release's: a home country read from that "we" alone makes way.
            kept = tuple(p for p in m.participants if not _home_from_we(doc, p, m))
            m = replace(m, countries=tuple(sorted({p.country for p in kept if p.country} | {code})),
                        participants=kept + (country_participant(code, "participant"),))
        out.append(m)
    return out


def _home_from_we(doc: Doc, p: ParticipantMention, m: EventMention) -> bool:
    """The release's country added to an event for its "we" (no place in the text, no person of it)."""
    return (p.entity_type == "country" and p.country == doc.home and p.char_start is None
            and not any(q.entity_type == "person" and q.country == doc.home for q in m.participants))


__all__ = ["add_speakers", "label_name", "transcript_speakers"]
