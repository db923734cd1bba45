"""Where a sentence tells an event: the triggers and event names it holds (with the spans they take),
and the names a trigger's object is ("chaired the X Meeting")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.extract.document import Doc
from transforms.extract.lexicon import Trigger, event_rules


# Where the object phrase of a trigger ends: a topic, a purpose, a new clause.
# ("on Tuesday with X", "on 9 January with X": a day told before the counterpart ends nothing.)
_OBJECT_END = re.compile(
    r"\s+to\s+(?!the\b|[A-Z])[a-z]+|\s+(?:on(?! the (?:sidelines|margins)\b)(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d)[\w ,]{0,20}?\s+with\b)|about|regarding|concerning|amid|over|"
    r"following|after|before|during|ahead of|as part of|where|when|which|who|whose|because|since|while|that|"
    r"for (?:talks|discussions) on)\s+"
    r"|,\s+(?=[a-z])(?!respectively\b|and\s+(?:[A-Z]|(?:the|his|her|other|senior|several|deputy|vice)\b))"
    r"|(?:,\s*|\s+)and\s+(?=[a-z])(?!the\b|his\b|her\b|their\b|other\b|senior\b|several\b|deputy\b|vice\b|"
    r"high-level\b|minister\b|foreign\b)|;|:|\s[\u2013\u2014-]\s")
_GENERIC_NAME = re.compile(r"^(?:The|This|That|A|An|Its|Their|His|Her|Our|Next|Last|Each|Every)$")
# A name after these is where the trigger's event took place, not its object ("met X at the Y Summit").
_SETTING_BEFORE = re.compile(r"\b(?:at|during|on the (?:sidelines|margins) of|in the margins of)\s+(?:the\s+)?$", re.I)
_WORD = re.compile(r"\S+")
# A place told before the name it is the venue of ("in Singapore for the Shangri-La Dialogue", "arrived in Geneva for
# the Conference on Disarmament"): the name starts after "for".
_PLACE_BEFORE = re.compile(r"\b(?:in|to|from|into)\s+$", re.I)
# Generic nouns that make a named mention a category, not an event ("a Belt and Road forum").
_INDEFINITE = re.compile(r"\b(?:a|an|any|such|every|each|regular|annual|future)\s+$", re.I)


@dataclass
class Hit:
    """A trigger or an event name found in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    trigger: Trigger | None
    event_type: str
    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None


def clean_name(match: re.Match) -> tuple[str | None, int, int]:
    """The event name of a name-pattern match (None for a bare head: "the Summit"), and its span: without
    the words before it that only place it ("At the", "Following the"), the dates told with it ("the June
    28-30 NATO Summit", "the G7 Summit on June 12") or the events listed before it ("Berlin May 14-15 and
    the X Summit")."""
    rules = event_rules()
    body = match.group("body")
    tail = match.group("tail") or ""
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(body)]
    dated = [i for i, (_, w) in enumerate(words[:-1]) if rules.name_date_words.match(w)]
    if dated:
        words = words[dated[-1] + 1:]
    purpose = [i for i, (_, w) in enumerate(words[1:4], 1) if w == "for"]
    if purpose and _PLACE_BEFORE.search(match.string, 0, match.start("body") + words[0][0]):
        words = words[purpose[0] + 1:]  # "gathered in | Singapore for the | Shangri-La Dialogue": a place, then the name
    while len(words) > 1 and (_GENERIC_NAME.match(words[0][1]) or rules.name_date_words.match(words[0][1])
                              or rules.name_lead_words.match(words[0][1])):
        words.pop(0)
    start = match.start("body") + words[0][0] if match.group("ord") is None else match.start()
    tail_words = [w for w in tail.split()[1:] if w.lower() != "the"]
    if tail_words and rules.name_date_words.match(tail_words[0]):
        tail = ""  # "the G7 Summit on June 12": a date, not a topic
    if len(words) <= 1:
        return None, start, match.end()
    name = " ".join(w for _, w in words) + tail
    ordinal = match.group("ord")
    if ordinal:
        name = f"{ordinal} {name}"
    name = name[0].upper() + name[1:]
    return name, start, match.end()


def all_hits(doc: Doc) -> dict[int, list[Hit]]:
    """Triggers and names per sentence index, sentence-relative, in order, without overlaps.

    Each pattern runs once over the article (cheaper than once per sentence); names win
    over triggers, earlier triggers over later ones.
    """
    rules = event_rules()
    sents = doc.sentences
    found: dict[int, list[tuple[int, int, Hit]]] = {}
    # Pre-filter (Doc.event_keys): a pattern runs only on sentences holding one of its key words.
    n_trig = len(rules.triggers)
    wanted = doc.event_keys
    taken: dict[int, list[tuple[int, int]]] = {}
    for i, rule_ids in wanted.items():
        sent = sents[i]
        if sent.start < doc.headline_end:
            continue  # the title is read with headline grammar (titles.py)
        spans = taken.setdefault(i, [])
        hits = found.setdefault(i, [])
        if n_trig in rule_ids:
            for m in rules.name_re.finditer(sent.text):
                name, s, e = clean_name(m)
                head_type = rules.name_heads[m.group("head")]
                if name is None:
                    # "The Summit": a mention of an event named before; typed, unnamed.
                    if m.group("head") in ("Summit", "Forum") and re.search(r"\bthe\s+$", sent.text[max(0, s - 5):s],
                                                                            re.I):
                        hits.append((s, e, Hit(s, e, None, head_type)))
                        spans.append((s, e))
                    continue
                if _INDEFINITE.search(sent.text[max(0, s - 12):s]):
                    continue
                hits.append((s, e, Hit(s, e, None, head_type, name, s, e)))
                spans.append((s, e))
        for k in sorted(r for r in rule_ids if r < n_trig):
            trig = rules.triggers[k]
            for m in trig.regex.finditer(sent.text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in spans):
                    _take_name(hits, spans, trig, s, e)
                    continue
                hits.append((s, e, Hit(s, e, trig, _medium(trig, sent.text))))
                spans.append((s, e))
    return {i: [h for _, _, h in sorted(v, key=lambda x: x[0])] for i, v in found.items() if v}


def _take_name(hits: list[tuple[int, int, Hit]], spans: list[tuple[int, int]], trig: Trigger, s: int, e: int) -> None:
    """A trigger whose match ends with an event name ("held | Foreign Office Consultations | with X", "co-chaired
    the | Joint Commission Meeting"): the trigger with that name as its object, as attach_names joins a name right
    after a trigger; nothing when it overlaps anything else."""
    overlapping = [i for i, (ts, te, _) in enumerate(hits) if s < te and ts < e]
    if len(overlapping) != 1 or len([1 for ts, te in spans if s < te and ts < e]) != 1:
        return
    i = overlapping[0]
    ns, ne, name = hits[i]
    if name.trigger is not None or not name.name or not s < ns or ne > e or not event_rules().types[trig.event_type].takes_name:
        return
    kind = trig.event_type if event_rules().types[trig.event_type].keeps_type else name.event_type
    hits[i] = (s, e, Hit(s, e, trig, kind, name.name, name.name_start, name.name_end))
    spans[spans.index((ns, ne))] = (s, e)


def _medium(trig: Trigger, text: str) -> str:
    """The event type a trigger tells in this sentence: an encounter verb that says nothing of the medium
    ("exchanged views with") tells the call in a call's setting ("During the telephone conversation, ...")."""
    if trig.in_person and event_rules().remote_setting.search(text):
        return "phone_call"
    return trig.event_type


def object_end(text: str, start: int) -> int:
    """Where the object phrase of a trigger that ends at `start` ends (a topic, a purpose, a new clause)."""
    m = _OBJECT_END.search(text, start)
    return m.start() if m else len(text)


def attach_names(hits: list[Hit], text: str) -> list[Hit]:
    """A trigger whose object is an event name becomes that named event ("chaired the X Meeting")."""
    kinds = event_rules().types
    out: list[Hit] = []
    for h in hits:
        if (h.trigger is None and h.name and out and out[-1].trigger is not None and out[-1].name is None
                and kinds[out[-1].event_type].takes_name and not _SETTING_BEFORE.search(text, 0, h.start)
                and h.start - out[-1].end <= 60 and object_end(text, out[-1].end) >= h.start):
            prev = out[-1]
            # "attended / held / chaired the X Summit": the name gives the type; "visit to the X Forum" stays a visit.
            kind = prev.event_type if kinds[prev.event_type].keeps_type else h.event_type
            out[-1] = Hit(prev.start, h.end, prev.trigger, kind, h.name, h.name_start, h.name_end)
            continue
        out.append(h)
    return out
