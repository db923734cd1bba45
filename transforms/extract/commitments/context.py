"""The event a sentence's commitments were made at, and the group its "they" / "all parties" are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.extract.commitments.subject import resolve_subject
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import commitment_rules, event_rules
from transforms.extract.records import EventMention


@dataclass
class Context:
    """The event a sentence belongs to, and the countries its anaphors point at."""

    event: EventMention | None
    countries: tuple[str, ...]
    host: str | None
    we: tuple[str, ...] = ()  # who "we" are in the article ("We, the Foreign Ministers of A, B and C")
    speaker: tuple[str, ...] = ()  # the country of the transcript turn's speaker (turns.py)
    official: object = None  # the turn's speaker when an official of an organization: "we" is it, no country
    body: object = None  # the organization the last stance of the text was an act of ("The Assembly ..."): "It" is it


class FrameIndex:
    """The frames of an article, read as the sentences advance: a look-up costs no scan of all frames.

    Exactly the choice of a scan over all frames (the last frame in list order, meeting-like
    first, among those starting at or before the sentence), made incremental: such a scan per
    sentence made extraction quadratic in the length of the article.
    """

    def __init__(self, frames: list[EventMention], events: list[EventMention]) -> None:
        self.frames = frames
        self.order = sorted(range(len(frames)), key=lambda i: frames[i].char_start)
        self.seen = 0  # frames[order[:seen]] start at or before the last position asked for
        self.last = -1  # highest list index among them
        self.last_meeting = -1  # highest list index among them that frames commitments
        self.groups: dict[str, list[EventMention]] = {}
        for e in events:
            if e.group:
                self.groups.setdefault(e.group, []).append(e)

    def pick(self, position: int) -> EventMention | None:
        """The latest meeting-like frame before `position` (else the latest frame, else the first)."""
        types = event_rules().types
        while self.seen < len(self.order) and self.frames[self.order[self.seen]].char_start <= position:
            i = self.order[self.seen]
            self.last = max(self.last, i)
            if types[self.frames[i].event_type].frames_commitments:
                self.last_meeting = max(self.last_meeting, i)
            self.seen += 1
        if self.last < 0:
            return self.frames[0] if self.frames else None
        return self.frames[self.last_meeting if self.last_meeting >= 0 else self.last]


def context_for(doc: Doc, sent: Sent, index: FrameIndex) -> Context:
    """The event a sentence's commitments were made at: the latest meeting-like frame before it."""
    pick = index.pick(sent.start)
    if pick is None:
        return Context(None, (), None)
    siblings = index.groups.get(pick.group, []) if pick.group else []
    if len(siblings) > 1:
        union = tuple(sorted({c for e in siblings for c in e.countries}))
        common = set.intersection(*(set(e.countries) for e in siblings))
        host = next(iter(sorted(common)), None)
        # The paragraph's own country picks the counterpart ("China and Kyrgyzstan ... The two sides").
        focus_sent = {c.code for c in doc.countries.within(sent.start, sent.end)} - common
        para_start = doc.paragraph_start(sent)
        focus_para = {c.code for c in doc.countries.within(para_start, sent.end)} - common
        for focus in (focus_sent, focus_para):
            match = [e for e in siblings if set(e.countries) - common and set(e.countries) - common <= focus]
            if len(match) == 1 and len(focus) == 1:
                return Context(match[0], match[0].countries, host)
            if focus:
                break
        return Context(None, union, host)
    host = None
    for p in pick.participants:
        if p.role in ("host", "chair") and p.country:
            host = p.country
            break
    if host is None:
        subj = [p for p in pick.participants if p.entity_type == "person" and p.country]
        host = subj[0].country if subj else doc.home
    return Context(pick, pick.countries, host)


def document_sides(doc: Doc, encounter_title: bool = False) -> tuple[str, ...]:
    """The countries a release is between when no event of its text gives them: those its title names when it
    names two or more ("Joint Communiqué between the Republic of Tajikistan and the Kyrgyz Republic": "The
    Parties agreed ..." of its numbered paragraphs are both), or the one its title names besides the
    publisher's own ("Minister Holds Talks with Slovenian Counterpart" of a Croatian release); () otherwise.
    Only a title of a document between parties (`joint_title`) or of an encounter (`encounter_title`: the title
    tells an event) has sides: "Statement on Russia's Attack on Ukraine" names what a statement is about."""
    if not doc.headline_end:
        return ()
    if not encounter_title and not commitment_rules().joint_title.search(doc.text, 0, doc.headline_end):
        return ()
    named = {c.code for c in doc.countries.within(0, doc.headline_end) if getattr(c, "code", None)}
    for r in doc.regions.within(0, doc.headline_end):
        named.update(r.value.members)
    if len(named) == 1 and doc.home and doc.home not in named:
        named.add(doc.home)
    return tuple(sorted(named)) if len(named) >= 2 else ()


# A sentence that starts with a counted group ("The foreign ministers of the five countries said ...",
# "The five Central Asian countries support ..."): later "they" / "all parties" of the paragraph are that group.
_GROUP_LEAD = re.compile(
    r"(?:the |all (?:the )?)?(?:(?:[\w-]+ ){0,2}?(?:ministers|leaders|heads of state|delegations|representatives) of "
    r"(?:the )?)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+) (?:(?-i:[A-Z][\w-]*) )*"
    r"(?:countries|nations|states|sides|parties)\b", re.I)


def group_memory(doc: Doc, sent: Sent, ctx: Context, own: list[EventMention]) -> tuple[str, ...]:
    """The counted group that the last sentence of the paragraph starting with one names (this sentence
    included), when it is a narrower part of the event's parties; () when there is none."""
    i = sent.index
    while i >= 0 and doc.sentences[i].paragraph == sent.paragraph:
        text = doc.sentences[i].text
        comma = text.find(", ", 0, 120)
        m = _GROUP_LEAD.match(text)
        off = 0
        if m is None and comma > 0:
            m, off = _GROUP_LEAD.match(text, comma + 2), comma + 2
        if m is not None:
            start = doc.sentences[i].start
            parties, _ = resolve_subject(doc, start + off, start + m.end(), ctx, own, None, ())
            return parties if parties and len(parties) > 1 and set(parties) < set(ctx.countries) else ()
        i -= 1
    return ()


# "We, the G7 Foreign Ministers of Canada, France ..., met": a statement that names its own "we".
_WE_INTRO = re.compile(r"^(?:\d{1,2}[.)]\s*)?We,\s+")
_WE_END = re.compile(r"\b(?:met|meet|have|has|gathered|convened|held|are|reaffirm\w*|declare\w*|adopt\w*|issue\w*|"
                     r"express\w*|affirm\w*|agree\w*|hereby)\b")


def we_group(doc: Doc) -> tuple[str, ...]:
    """The parties a statement names as its "we" in its first sentences ("We, the Leaders of A, B and C, ..."):
    every country and group member named in that apposition; () when there is none."""
    for sent in doc.sentences[:12]:
        m = _WE_INTRO.match(sent.text)
        if m is None:
            continue
        end = _WE_END.search(sent.text, m.end())
        stop = sent.start + (end.start() if end else len(sent.text))
        codes = {c.code for c in doc.countries.within(sent.start + m.end(), stop) if getattr(c, "code", None)}
        for r in doc.regions.within(sent.start + m.end(), stop):
            codes.update(r.value.members)
        return tuple(sorted(codes)) if len(codes) >= 2 else ()
    return ()
