"""Which event the people of an attendance cue join ("The Minister was accompanied by ...", "Participants:"),
and that event with them."""

from __future__ import annotations

from dataclasses import replace

from transforms.extract.anaphora import State
from transforms.extract.document import Doc, Sent
from transforms.extract.participants import Zone, joins_own_event
from transforms.extract.records import EventMention


def attendance_target(doc: Doc, sent: Sent, here: list[EventMention], prev: list[EventMention], listing: str | None,
                      state: State, out: list[EventMention]) -> EventMention | None:
    """The event a sentence's attendees join: one told in the sentence, the list's (by mention id),
    the sentence before's, else the release's own event or the last one told."""
    if here:
        return here[0]
    if out and joins_own_event(doc, sent):
        # "Participants: ..." at the end of a communiqué: the release's own event, told first.
        return next((m for m in out if m.frame), out[0])
    if listing is not None and sent.bullet:
        return next((m for m in reversed(out) if m.mention_id == listing), None)
    if prev:
        return prev[-1]
    return state.last_frame or (out[-1] if out else None)


def add_attendance(z: Zone, target: EventMention, here: list[EventMention], out: list[EventMention],
                   prev: list[EventMention]):
    """The target event with the zone's people (those it does not hold yet) and their countries."""
    held = {(p.entity_type, p.name) for p in target.participants}
    new = tuple(p for p in z.people + z.countries + z.orgs if (p.entity_type, p.name) not in held)
    if not new:
        return here, out, prev
    updated = replace(target, participants=target.participants + new,
                      countries=tuple(sorted(set(target.countries) | z.codes)), weak=False)
    swap = lambda ms: [updated if m.mention_id == target.mention_id else m for m in ms]  # noqa: E731
    return swap(here), swap(out), swap(prev)


__all__ = ["add_attendance", "attendance_target"]
