"""The words around a trigger that say its event did not, or need not, take place (events/triggers.yaml: negation_before,
hypothetical_before, called_off, reception_after, reception_passive), and the other guards of general news that do
not need the trigger's participants: a sitting of one state's own organ (domestic_bodies), and where the subject of a
trigger in a subordinate clause starts (subordinate_clause)."""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache

from transforms.extract.lexicon import event_rules
from transforms.extract.participants import is_diplomatic, joint_act
from transforms.extract.when_where import called_off
from transforms.reference import load


@dataclass(frozen=True)
class GuardRules:
    """The guards' patterns of events/triggers.yaml, compiled (the rest of the file: lexicon.event_rules)."""

    hypothetical_before: re.Pattern  # "if he | travelled to", "was ready to | host": no event
    confirmed_after: re.Pattern  # "the rumoured meeting | took place": an event after all
    recurring_after: re.Pattern  # "agreed to meet | regularly": recurring encounters, no one event
    reception_passive: re.Pattern  # "would be met with", "until their demands are met": no encounter
    domestic_bodies: re.Pattern  # "the security cabinet met": one state's own organ, no event between parties
    chain_of_command: re.Pattern  # "met | his military commanders": the same, in the trigger's object
    subordinate_clause: re.Pattern  # "as | EU leaders met": the trigger's subject starts after it
    non_diplomatic_subjects: re.Pattern  # "Rescue teams from Spain | arrived in": no traveller of a government
    occasion_before: re.Pattern  # "for | talks with": a needs_occasion trigger's occasion
    occasion_after: re.Pattern  # "talks between A and B | resumed": the same, told after it


@lru_cache(maxsize=1)
def guard_rules() -> GuardRules:
    data = load("events/triggers.yaml")
    return GuardRules(**{k: re.compile(getattr(data, k), re.I) for k in GuardRules.__dataclass_fields__})

# How far back the words that deny or condition a trigger are looked for (characters).
_BACK = 120
# What may stand between a denied trigger and a trigger that is its object ("was ready to host | direct negotiations
# between A and B") or the purpose of a denied trip ("would not travel to | Brussels for | the next round of the
# dialogue", "refused to go to Geneva | to meet X"): no clause break, no other course ("would not travel to Brussels but
# to Paris for talks").
_OBJECT_GAP = re.compile(r"^(?:(?!\b(?:but|and|instead|while|whereas|then|later|after|before)\b)[^,;:.]){0,40}$", re.I)
_PURPOSE_GAP = re.compile(r"^(?:(?!\b(?:but|and|instead|while|whereas|then|later|after|before)\b)[^,;:.]){0,80}?"
                          r"\b(?:for|to)\b[^,;:.]{0,40}$", re.I)


def not_taking_place(text: str, start: int, end: int, next_start: int) -> bool:
    """Whether the words around the trigger text[start:end] deny it ("refused on Thursday to | sign"), make it
    hypothetical ("if he | travelled to", "was ready to | host"), call it off ("talks ... | collapsed before they had
    begun") or make it a reception ("the plan was | met with criticism", "would be met with a response")."""
    rules = event_rules()
    lo = max(0, start - _BACK)
    if rules.negation_before.search(text, lo, start) or _hypothetical(text, lo, start, end):
        return True
    if _called_off(text, end, next_start) or rules.reception_after.match(text, end) or guard_rules().recurring_after.match(
            text, end):
        return True
    return any(m.start() < end and start < m.end()
               for m in guard_rules().reception_passive.finditer(text, max(0, start - 40), min(len(text), end + 80)))


def _hypothetical(text: str, lo: int, start: int, end: int) -> bool:
    """Whether the words before a trigger make it hypothetical: a wish only with its infinitive ("hoped to | meet",
    "hoped | to meet"; not "he hoped | talks with X next week would ease tensions": the talks are planned), and a
    speculative adjective unless its event is told as happened or confirmed ("The rumoured meeting between A and B
    took place in Dhaka")."""
    m = guard_rules().hypothetical_before.search(text, lo, start)
    if m is None:
        return False
    if m.group("wish"):
        return _TO_END.search(m.group(0)) is not None or _TO_START.match(text, start) is not None
    if m.group("asked") is not None:  # "Asked whether Chile would | host", "asked if X | would meet Y"; not "asked
        # whether the meeting on Monday had eased tensions": the question presupposes it
        return _MODAL_IN.search(m.group("asked")) is not None or _MODAL_START.match(text, start) is not None
    return not (m.group("speculative") and guard_rules().confirmed_after.match(text, end))


_TO_END = re.compile(r"\bto\s*$", re.I)  # "hoped to | meet"
_TO_START = re.compile(r"to\b", re.I)  # "hoped | to meet"
_MODAL = r"(?:would|will|could|can|might|may|should|shall|(?:is|are|was|were)\s+going\s+to)"
_MODAL_IN = re.compile(rf"\b{_MODAL}\b", re.I)  # "Chile would (still host the next) | summit"
_MODAL_START = re.compile(rf"{_MODAL}\b", re.I)


# A trigger coordinated with the main clause's verb, not the subordinate clause's ("as the host of APEC and | welcomed").
_COORDINATED = re.compile(r"\b(?:and|but|or)\s+(?:(?:\w+ly|also|then|later)\s+)?$", re.I)
# A relative clause after the trigger: its own triggers are no new clause of the sentence ("A special summit | that the
# junta had offered to host in May | has been called off"), and a calling-off inside it set off by commas is of an
# earlier time ("Talks between A and B, which collapsed last year, will resume on Monday").
_RELATIVE_OPEN = re.compile(r"(,\s*)?\b(?:that|which|who)\b", re.I)


def _called_off(text: str, end: int, next_start: int) -> bool:
    """The words after a trigger that call its event off, in its own clause (when_where.called_off), looking past a
    relative clause and its triggers, and not inside one set off by commas."""
    rel = _RELATIVE_OPEN.search(text, end, next_start)
    limit = len(text) if rel is not None else next_start
    if rel is not None and rel.group(1):
        close = text.find(",", rel.end())
        if close == -1:
            return False  # ", which collapsed last year" up to the end: an earlier time
        return called_off(text, close + 1, limit)
    return called_off(text, end, limit)


def denied(text: str, hit, next_start: int, denied_end: int | None) -> bool:
    """Whether a hit (a trigger, or an event name) is denied, hypothetical, called off or a reception, or the object or
    purpose of a trigger so denied that ends at `denied_end`."""
    return (hit.trigger is not None or bool(hit.name)) and (
        not_taking_place(text, hit.start, hit.end, next_start) or follows_denied(text, denied_end, hit.start))


def follows_denied(text: str, denied_end: int | None, start: int) -> bool:
    """A trigger that is the object of a denied trigger told just before it in its clause ("was ready to host direct
    negotiations between A and B") or the purpose of a denied trip ("said he would not travel to Brussels for the next
    round of talks"): denied too."""
    if denied_end is None or denied_end > start:
        return False
    gap = text[denied_end:start]
    return bool(_OBJECT_GAP.match(gap) or _PURPOSE_GAP.match(gap))


def between_parties(text: str, trigger, span: tuple[int, int], clause: tuple[int, int], subject, objs,
                    named: bool = False) -> bool:
    """An event between governments, not general news: somebody takes part (two parties for a reciprocal trigger,
    a joint subject for a joint act), no crowd, police or vehicle as the subject or object, no sitting of one state's
    own organ, and no attack around the trigger unless people meet ("troops attacked ... after talks"); `named`: the
    trigger's object is an event name ("attended the X Summit"), which stands for itself."""
    rules = event_rules()
    (start, end), (lo, hi) = span, clause
    codes = subject.codes | {c for z in objs for c in z.codes}
    orgs = subject.orgs + tuple(o for z in objs for o in z.orgs)
    if _family(trigger.event_type) == _family("meeting") and len(codes) <= 1 and not orgs and (
            guard_rules().domestic_bodies.search(text, lo, hi) or guard_rules().chain_of_command.search(text, end, hi)
            and not any(z.codes for z in objs)):
        return False  # "A meeting of the cabinet chaired by the President decided ...": one state's own organ
    if rules.non_diplomatic.search(text[end:hi][:40]) and not any(z.people or z.countries for z in objs):
        return False  # "met the protesters"
    if not subject.people and guard_rules().non_diplomatic_subjects.match(text, lo, start):
        return False  # "Rescue teams from Spain arrived in Marrakesh", "A Turkish military plane landed in Benghazi"
    if not is_diplomatic(subject, objs, named, trigger.two_sides):
        return False
    if trigger.joint and not joint_act(subject, objs, text[lo:start], text[end:hi]):
        return False  # "Spain announced aid to Sudan": one party's act (a pledge), not a joint one
    if trigger.needs_subject and not (subject.people or subject.countries):
        return False  # "The meeting was in Lima on a visit day": nobody stays
    # Hostile words count in the trigger's own clause only: "met on Tuesday, where they discussed the
    # missile launches" is still a meeting.
    return not (rules.hostile.search(text, lo, hi) and not named and not (subject.people and any(z.people for z in objs)))


def _family(event_type: str) -> str:
    kind = event_rules().types.get(event_type)
    return kind.family if kind is not None else event_type


def an_occasion(text: str, hit, placed: bool) -> bool:
    """Whether a hit is an occasion: any hit but a talks noun told without a verb (needs_occasion), and that one when
    dated or placed (`placed`), or when the words around it set or count it ("for | talks with", "a new round of | talks
    between") or tell it happen ("talks between A and B | resumed in Cairo"), not a process."""
    if hit.trigger is None or not hit.trigger.needs_occasion or hit.name or placed:
        return True
    guards = guard_rules()
    return bool(guards.occasion_before.search(text, max(0, hit.start - 60), hit.start)
                or guards.occasion_after.match(text, hit.end))


def subordinate_subject(text: str, lo: int, start: int) -> int:
    """Where the subject of a trigger at `start` begins when the trigger is in a subordinate clause opened after
    `lo` ("Farmers blocked roads as | EU leaders met"): after its subordinator; else lo."""
    last = None
    for m in guard_rules().subordinate_clause.finditer(text, lo, start):
        last = m
    if last is None or last.end() >= start or _COORDINATED.search(text, last.end(), start):
        return lo  # "congratulated X on Peru's designation as the host of APEC and | welcomed": the main clause's
    return last.end()


__all__ = ["an_occasion", "between_parties", "denied", "follows_denied", "not_taking_place", "subordinate_subject"]
