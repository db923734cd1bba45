"""Commitments: pledges, agreements, support, proposals and opposition stated by diplomatic actors.

A commitment is a clause "SUBJECT CUE PREDICATE" ("China and Kazakhstan | will | set up
consulates") whose subject resolves to countries: named countries, officials, or
anaphors of the current event ("the two sides", "all parties", "the six countries"), or
to an organization ("NATO will ...": no country party, the organization is the actor).
Choices (documented in reference/commitments/cues.yaml): "condemned" and "welcomed" are
reactions, not commitments; "threatened to" / "warned that ... will" are threats; a
subject that is not a government actor ("police", "protesters", "Chinese modernization")
gives nothing, nor does a forecast ("The Summit will open a new chapter", "expressed
confidence that ... will").

Granularity: one commitment per cue. A modal governing several verbs is one ("should step up
X, and strengthen Y"); a repeated stance verb or a finite verb of another cue starts a new one
("support A, support B, and oppose C" gives three). A coordinated frame ends a predicate
("support X and hold that disputes should be settled ..." gives a support and a proposal of
the same parties). "support" as a noun is a cue only as the subject's own stance ("reaffirmed
their strong support for"), never in "the PRC's support for" or "measures to support".

Parties: an uncounted group ("they", "all parties") is the last counted group its paragraph
named ("the foreign ministers of the five countries said ..."), and loses a counterpart it
names ("They will work with China", "support China's proposal"); "X will work with Y to ..."
commits X.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.extract.document import _MAY_HAVE_DATE_LOW, Doc, Sent
from transforms.extract.lexicon import Cue, commitment_rules, event_rules
from transforms.extract.participants import last_person_before
from transforms.extract.records import CommitmentMention, EventMention, ParticipantMention
from transforms.extract.topics import classify_topic
from transforms.ids import make_id

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "both": 2}
_GOV_NOUN = (r"(?:government|governments|side|sides|delegation|delegations|leadership|leaders?|authorities|"
             r"administration|ministry|foreign ministry|president|prime minister|foreign minister|officials|diplomats|"
             r"state|states|nation|nations|country|countries|people|military|parliament|congress|cabinet|"
             r"team|counterpart|counterparts|envoy|ambassador|embassy|premier|chancellor)")
_ANAPHOR = re.compile(
    r"(?:^|(?<=\band )|(?<=, )|(?<=\bof ))(?:the |both |all (?:the )?|these |those )?(?:(?P<num>two|three|four|five|six|seven|eight|nine|ten|\d+) )?"
    r"(?:(?P<region>(?-i:[A-Z][\w-]*(?: [A-Z][\w-]*)*)) )?"
    r"(?P<noun>sides|parties|countries|nations|states|leaders|ministers|foreign ministers|heads of state|delegations|"
    r"governments|presidents|participants|members|member states|partners|signatories)\b", re.I)
_PRONOUN = re.compile(r"^(?P<p>they|we|he|she|both|both sides|each side|the two)\b", re.I)
_JOINT_TITLE = re.compile(r"\bjoint (?:statement|declaration|communiqu|readout)|\bleaders['’]? (?:statement|declaration)|"
                          r"\bcommuniqu|\bdeclaration\b", re.I)
# A frame of hope or belief: what follows is a prediction ("expressed confidence that ... will").
_HOPE = re.compile(r"hope|confiden|belie|expect|optimis|predict|trust|view", re.I)
# A relative pronoun right before a cue: "a deal that will allow", "leaders who will".
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:\w+ly\s+)?$", re.I)
_HOME_OFFICE = re.compile(r"^(?:the )?(?:President|Vice President|Secretary|Deputy Secretary|Under Secretary|"
                          r"Assistant Secretary|National Security Advisor|Administration|White House|U\.S\. side)\b")
_COORD = re.compile(r"(?:,\s*and\s+|\s+and\s+|,\s+)(?=(?:also\s+|firmly\s+|resolutely\s+|strongly\s+)*"
                    r"(?:support|supports|oppose|opposes|reject|rejects|back|backs)\b)", re.I)
_WORK_WITH = re.compile(r"^(?:work|cooperate|join hands|coordinate|partner)(?:\s+(?:closely|together|jointly))*"
                        r"(?:\s+with\s+(?P<with>.+?))?\s+(?:respectively\s+)?to\s+", re.I)
_EFFORTS = re.compile(r"^(?:making|make|made|take|taking|took) (?:\w+ ){0,2}?(?:efforts|steps|measures) to ", re.I)
_NOUNISH = re.compile(r"^(?:a|an|the|their|its|his|her|our|this|these|that|those|all|any|new|further|more|"
                      r"[\w-]+(?:ness|ity|tion|sion|ship|ment|ance|ence|ism|hood))\b", re.I)
_CUE_SKIP = frozenset("have has had also jointly further unanimously again each are is remain remains were was "
                      "stand stands fully firmly all both will shall".split())
# A cue after which a bare verb follows ("should harness", "need to advance"), never a noun phrase.
_MODAL_CUE = re.compile(r"\b(?:should|must|will|shall|need to|needs to|ought to)\s*$", re.I)
# The head of a subject: its last word before "of ..." or a comma ("Foreign ministers of the five countries").
_HEAD = re.compile(r"([\w-]+)\s*(?:\bof\b.*)?$", re.S)


def _nounish(predicate: str) -> bool:
    """The predicate starts with a noun phrase ("a shared future", "good-neighborliness"), not a verb."""
    m = _NOUNISH.match(predicate)
    return m is not None and m.group(0).lower() not in commitment_rules().noun_like_verbs


def _cue_lemma(cue_text: str) -> str | None:
    """The verb of a cue ("have committed themselves to" -> commit); None for modals."""
    for word in cue_text.lower().split():
        if word not in _CUE_SKIP:
            return _lemma(word) if word not in ("to", "on", "that", "upon", "in") else None
    return None
_TRAILING = re.compile(r"[\s,;:.]+$")
_BULLET_MARK = re.compile(r"^(?:[•▪●◦\-*]|\d{1,2}[.)])\s+")
_CONNECTIVE = re.compile(r"^(?:and|but|while|whereas|so|then)\s+", re.I)
_SECOND_SUBJECT = re.compile(r"(?:,\s*|\s+)and\s+(?=\S)")
# ... and only when what follows is a short actor phrase ("the two leaders", "President Biden", "they").
_SECOND_ACTOR = re.compile(r"(?:(?:the|both|all)\s+\w[^,;]{0,60}?|they|we|he|she|(?-i:[A-Z])[^,;]{0,60}?)"
                           r"(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\btheir)(?<!\bour)(?<!\bits)"
                           r"(?:\s+(?:also|jointly|further))?\s*$", re.I)


@dataclass
class _Context:
    """The event a sentence belongs to, and the countries its anaphors point at."""

    event: EventMention | None
    countries: tuple[str, ...]
    host: str | None


# Stems that lost an "e" to -ing / -ed ("advanc", "continu", "tackl", "urg").
_E_STEMS = ("c", "v", "z", "dg", "ak", "ur", "ir", "at", "us", "in", "ac", "rs", "ag", "rg", "u", "bl", "cl", "dl", "fl",
            "gl", "kl", "pl", "tl", "zl")


def _lemma(word: str) -> str:
    rules = commitment_rules()
    w = word.lower()
    if w in rules.irregular:
        return rules.irregular[w]
    if w in ("agreed", "agrees"):
        return "agree"
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        stem = w[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        if stem.endswith(_E_STEMS) and not stem.endswith(("ain", "oin", "ein")):
            return stem + "e"  # "advancing" -> advance, "continuing" -> continue, "tackled" -> tackle
        return stem
    if len(w) > 4 and w.endswith("ed"):
        stem = w[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        if stem.endswith(_E_STEMS) and not stem.endswith(("ain", "oin", "ein")):
            return stem + "e"  # "advancing" -> advance, "continuing" -> continue, "tackled" -> tackle
        return stem
    if len(w) > 3 and w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _skip_adverbs(text: str) -> str:
    m = commitment_rules().adverb_re.match(text)
    return text[m.end():] if m else text


def _action(predicate: str) -> tuple[str, str, str | None]:
    """(action lemma, cleaned description, 'with' partner text) of a committed predicate."""
    rules = commitment_rules()
    pred = _skip_adverbs(predicate)
    partner = None
    m = _WORK_WITH.match(pred)
    if m:
        partner = m.group("with")
        pred = _skip_adverbs(pred[m.end():])
    for frame in (rules.light_frames, _EFFORTS):
        fm = frame.match(pred)
        if fm:
            pred = _skip_adverbs(pred[fm.end():])
    if pred.lower().startswith("to "):
        pred = _skip_adverbs(pred[3:])
    words = pred.split()
    if words and words[0].lower() == "not" and len(words) > 1:
        words = words[1:]  # "shall not impose taxes": the action is "impose"; the description keeps the "not"
    if not words:
        return "", "", partner
    two = " ".join(w.lower() for w in words[:2])
    lemma2 = f"{_lemma(words[0])} {words[1].lower()}" if len(words) > 1 else ""
    if two in rules.phrasal or lemma2 in rules.phrasal:
        action = lemma2 if lemma2 in rules.phrasal else two
    else:
        action = _lemma(re.sub(r"[^\w-]", "", words[0]))
    description = _TRAILING.sub("", pred)
    return action, description, partner


def _codes_in(doc: Doc, start: int, end: int) -> tuple[set[str], bool]:
    """Countries an actor phrase names: country words, officials, regions. bool: found an actor."""
    codes: set[str] = set()
    actor = False
    text = doc.text
    people = [p for p in doc.people.within(start, doc.limit) if getattr(p, "name_start", p.start) < end]
    spans = []
    for p in people:
        actor = True
        spans.append((p.start, p.end))
        country = getattr(p, "country", None) or (doc.home if doc.home and _HOME_OFFICE.match(
            (getattr(p, "title", "") or "")) else None)
        if country:
            codes.add(country)
    for c in doc.countries.within(start, end):
        if any(s <= c.start < e for s, e in spans) or not getattr(c, "code", None):
            continue
        after = text[c.end:min(end, c.end + 40)]
        if getattr(c, "kind", "name") == "demonym" and not re.match(rf"\s+(?:[\w-]+\s+)?{_GOV_NOUN}\b", after, re.I):
            continue  # "Chinese modernization" is not a party; "the Chinese government" is
        if re.match(r"['’]s?\s", after):
            # "China's proposal": possessive, unless the head is a government noun ("China's government").
            if not re.match(rf"['’]s?\s+(?:[\w-]+\s+)?{_GOV_NOUN}\b", after, re.I):
                continue
        codes.add(c.code)
        actor = True
    for r in doc.regions.within(start, end):
        codes.update(r.value.members)
        actor = True
    for o in doc.orgs.within(start, end):
        if not any(s <= o.start < e for s, e in spans):
            actor = True
    return codes, actor


def _is_forecast_subject(subject: str) -> bool:
    """A subject whose head is a thing ("The China-Kazakhstan Summit", "China's economy"): its "will" forecasts.

    The head is read in the subject's last comma part ("Later this year, China and Mexico"), or in its
    first when the last is an apposition ("China's economy, the world's second largest").
    """
    parts = [p.strip() for p in subject.split(",") if p.strip()]
    if not parts:
        return False
    part = parts[-1]
    if len(parts) > 1 and re.match(r"(?:the|a|an|as|who|which|including|like|such as)\b", part, re.I):
        part = parts[0]
    head = _HEAD.search(part)
    return head is not None and head.group(1).lower() in commitment_rules().forecast_heads


def _anaphor(subject: str) -> re.Match | None:
    """The group anaphor of a subject; a counted one wins ("Foreign ministers of the five countries")."""
    first = None
    for m in _ANAPHOR.finditer(subject):
        if m.group("num") or m.group("region"):
            return m
        first = first or m
    return first


def _resolve_subject(doc: Doc, abs_start: int, abs_end: int, ctx: _Context, sent_events: list[EventMention],
                     speaker_codes: set[str] | None, prev_parties: tuple[str, ...],
                     memory: tuple[str, ...] = ()) -> tuple[tuple[str, ...] | None, bool]:
    """(ISO3 parties of the subject text[abs_start:abs_end], whether they were read from an anaphor of a group).

    Parties are None when the subject is no diplomatic actor. `memory`: the group the paragraph's
    last plural subject named ("The ministers of the five countries said ... All parties ...").
    """
    subject = doc.text[abs_start:abs_end].strip(" ,")
    if not subject:
        return None, False
    low = subject.lower()
    codes, actor = _codes_in(doc, abs_start, abs_end)
    ana = _anaphor(subject)
    ctx_codes = set(ctx.countries)
    own = set(sent_events[0].countries) if sent_events else set()
    if ana is not None:
        num = ana.group("num")
        n = _NUMBERS.get(num.lower(), int(num) if num and num.isdigit() else 0) if num else 0
        noun = ana.group("noun").lower()
        if ana.group("region") and codes - ctx_codes == set() and codes:
            group = codes  # "the five Central Asian countries": the region's members
        else:
            pool = ctx_codes or own
            if n and n == len(pool) - 1:
                host = ctx.host if ctx.host in pool else next(iter(sorted(codes & pool)), None)
                group = pool - ({host} if host else set())
            elif n and n != len(pool) and noun in ("countries", "nations", "states"):
                group = set()
            elif not n and memory and set(memory) < pool and not codes:
                group = set(memory)  # "All parties" after "the five countries said": those five
            else:
                group = pool
        if group or codes:
            # Only an uncounted group ("they", "all parties") may lose a counterpart it names later.
            return tuple(sorted(codes | group)), not codes and not n
    if codes:
        if commitment_rules().non_actors.search(low) and not re.search(rf"\b{_GOV_NOUN}\b", low) and not doc.people.within(abs_start, abs_end):
            # "Chinese modernization", "China's economy": a thing, not a party.
            first = re.match(r"^(?:the\s+)?[\w.'-]+(?:\s+[A-Z][\w.'-]*)*", subject)
            if first is None or first.end() < len(subject.split(",")[0]) and commitment_rules().non_actors.search(
                    subject[first.end():]):
                return None, False
        return tuple(sorted(codes)), False
    if actor:
        return (), False  # an organization: a party without a country
    pm = _PRONOUN.match(subject)
    if pm is not None and len(subject.split()) <= 3:
        p = pm.group("p").lower()
        if p in ("he", "she"):
            if speaker_codes:
                return tuple(sorted(speaker_codes)), False
            person = last_person_before(doc, abs_start)
            country = getattr(person, "country", None) if person is not None else None
            return ((country,) if country else ((doc.home,) if doc.home else None)), False
        if p == "we":
            if len(own) >= 2:
                return tuple(sorted(own)), True
            if len(ctx_codes) >= 2 and _JOINT_TITLE.search(doc.title):
                return tuple(sorted(ctx_codes)), True  # a joint statement's "we": all who issue it
            return ((doc.home,) if doc.home else (tuple(sorted(ctx_codes)) if ctx_codes else None)), False
        if speaker_codes:
            return tuple(sorted(speaker_codes)), False
        if own and len(own) >= 2:
            return tuple(sorted(own)), True
        if prev_parties:
            return prev_parties, True
        return (tuple(sorted(ctx_codes)) if ctx_codes else None), True
    if doc.home and _HOME_OFFICE.match(subject):
        return (doc.home,), False
    return None, False


def _subject_span(text: str, start: int, cue_start: int) -> tuple[int, int]:
    """The subject of a cue: after any leading adverbial, the actor phrase that ends at the cue."""
    bullet = _BULLET_MARK.match(text[start:cue_start])
    if bullet:
        start += bullet.end()
    aux = re.search(r"\s+(?:had|have|has|also|jointly)\s*$", text[start:cue_start])
    if aux:
        cue_start = start + aux.start()
    chunk = text[start:cue_start]
    lead = commitment_rules().leading_adverbial.match(chunk)
    offset = lead.end() if lead else 0
    chunk2 = chunk[offset:]
    cm = _CONNECTIVE.match(chunk2)
    if cm:
        offset += cm.end()
    # A relative "during which they", "in which the two sides": the subject follows it.
    rel = None
    for rel in re.finditer(r"\b(?:during|in|at|under|through|by) which\s+|\bwhere\s+|\bwhile\s+|\bwhich\s+", chunk):
        pass
    if rel is not None and rel.end() > offset:
        offset = rel.end()
    # "X did A, and Y will B": the subject is the short actor phrase of the second clause.
    last = None
    for last in _SECOND_SUBJECT.finditer(chunk, offset):
        pass
    if (last is not None and _SECOND_ACTOR.match(chunk, last.end()) and not re.search(r"(?:\band|,)\s*$", chunk)
            and commitment_rules().first_clause.search(chunk, offset, last.start())):
        offset = last.end()
    return start + offset, cue_start


def _leading_actor(text: str, start: int, stop: int) -> int:
    """End of the actor phrase at text[start:] (the subject before a coordinated predicate)."""
    m = re.match(r"(?:(?:the|all|both|and|of|five|six|two|three|four|seven|eight|nine|ten|[A-Z][\w.'-]*|"
                 r"countries|parties|sides|states|nations|leaders|ministers|governments?|side|delegations?|foreign|"
                 r"prime|deputy|heads?|state|member|officials|representatives|participants|partners|their)"
                 r"\s*,?\s*)+",
                 text[start:stop])
    return start + (m.end() if m else 0)


def _frame_end(text: str, limit: int) -> int:
    """End of the last reporting frame before `limit` ("X said that |", "they said |"); 0 if none."""
    return _frame(text, limit)[1]


_THAT = re.compile(r"\s+that\s+")


@lru_cache(maxsize=1)
def _reporting_end() -> re.Pattern:
    """A reporting verb that ends where " that" starts ("stressed| that", "expressed the hope| that")."""
    return re.compile(rf"\b(?:{commitment_rules().reporting.pattern})$", re.I)


def find_frames(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every reporting frame of a text ("X stressed that |", "they said |"), in order.

    Frames are found from their " that" (few per sentence) rather than by scanning for every
    reporting verb, which is many times slower on long sentences.
    """
    limit = len(text) if limit is None else limit
    out = []
    if "that" in text:
        for m in _THAT.finditer(text, 0, limit):
            r = _reporting_end().search(text, max(0, m.start() - 60), m.start())
            if r is not None:
                out.append((r.start(), m.end()))
    low = text.lower()
    rules = commitment_rules()
    if any(w in low for w in rules.saying_words):
        out += [(m.start(), m.end()) for m in rules.said_frame.finditer(text, 0, limit)]
        out.sort()
    return out


def _frame(text: str, limit: int, frames: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """(end of the speaker, end of the frame) of the last reporting frame before `limit`; (0, 0) if none.

    frames: every frame of the text, when already found (a sentence with several cues reads them once).
    """
    found = (0, 0)
    for f in find_frames(text, limit) if frames is None else frames:
        if f[1] > limit:
            break
        found = f
    return found


def _context_for(doc: Doc, sent: Sent, frames: list[EventMention], all_events: list[EventMention]) -> _Context:
    """The event a sentence's commitments were made at: the latest meeting-like frame before it."""
    before = [e for e in frames if e.char_start <= sent.start]
    pool = before or frames[:1]
    meeting_like = [e for e in pool if event_rules().types[e.event_type].frames_commitments]
    pick = (meeting_like or pool)[-1] if (meeting_like or pool) else None
    if pick is None:
        return _Context(None, (), None)
    siblings = [e for e in all_events if pick.group and e.group == pick.group]
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
                return _Context(match[0], match[0].countries, host)
            if focus:
                break
        return _Context(None, union, host)
    host = None
    for p in pick.participants:
        if p.role in ("host", "chair") and p.country:
            host = p.country
            break
    if host is None:
        subj = [p for p in pick.participants if p.entity_type == "person" and p.country]
        host = subj[0].country if subj else doc.home
    return _Context(pick, pick.countries, host)


def _due(doc: Doc, sent: Sent, abs_start: int, abs_end: int):
    if not _MAY_HAVE_DATE_LOW.search(doc.low, abs_start, abs_end):
        return None, None
    for d in doc.dates_in(sent):
        if not (abs_start <= d.start and d.end <= abs_end):
            continue
        value = getattr(d, "value", None)
        if value is None:
            continue
        before = doc.text[max(abs_start, d.start - 12):d.start].lower()
        if re.search(r"\b(?:since|over|past|ago)\s*$", before):
            continue
        return value.start, value.precision
    return None, None


def _actor_people(doc: Doc, start: int, end: int) -> tuple[ParticipantMention, ...]:
    """The officials named in a commitment's subject ("President X and President Y have agreed")."""
    return tuple(ParticipantMention("person", p.name, p.name_as_written, p.title, p.country, "participant",
                                    p.name_start, p.name_end)
                 for p in doc.people.within(start, doc.limit) if p.name_start < end)


# What may stand beside the organization in a subject that is the organization ("the European Union",
# "NATO's Parliamentary Assembly", "The EU and its Member States").
_ORG_FILLER = re.compile(r"\b(?:the|and|its|their|both|also|other|all|member|states|['’]s?)\b|['’]s?|[,&]", re.I)


def _actor_orgs(doc: Doc, start: int, end: int) -> tuple[ParticipantMention, ...]:
    """The organizations a subject is ("NATO will ...", "The European Commission has proposed ..."),
    not those it merely names ("the efforts made by the United Nations Mission")."""
    orgs = [o for o in doc.orgs.within(start, end)]
    if not orgs:
        return ()
    rest = list(doc.text[start:end])
    for span in [*orgs, *doc.countries.within(start, end), *doc.people.within(start, end)]:
        rest[span.start - start:span.end - start] = " " * (span.end - span.start)
    others = _ORG_FILLER.sub(" ", "".join(rest)).split()
    if len(others) > 3 or any(not w[:1].isupper() for w in others):
        return ()  # only more of the organization's name may stand beside it ("NATO's Parliamentary Assembly")
    return tuple(ParticipantMention("organization", o.name, o.text, None, None, "participant", o.start, o.end)
                 for o in orgs)


def _make(doc: Doc, sent: Sent, idx: int, ctx: _Context, parties: tuple[str, ...], actor: str, modality: str,
          action: str, description: str, due, confidence: float, actor_people: tuple = (),
          actor_orgs: tuple = (), rule: str | None = None) -> CommitmentMention:
    event_id = ctx.event.mention_id if ctx.event is not None else None
    return CommitmentMention(
        commitment_id=make_id("cmt", doc.article_id, sent.start, idx, modality),
        event_mention_id=event_id,
        parties=tuple(sorted(set(p for p in parties if p))),
        actor_text=actor,
        modality=modality,
        action=action,
        description=description,
        topic=classify_topic(description),
        due_date=due[0],
        due_precision=due[1],
        article_id=doc.article_id,
        source_path=doc.source_path,
        evidence=sent.text,
        char_start=sent.start,
        char_end=sent.end,
        confidence=confidence,
        actor_people=actor_people,
        actor_orgs=actor_orgs,
        authority=int(doc.published_source in ("dateline", "metadata")),
        rule=rule,
    )


def _list_item(doc: Doc, sent: Sent, idx: int, ctx: _Context, parties: tuple[str, ...], actor: str,
               body_offset: int) -> CommitmentMention | None:
    body = sent.text[body_offset:]
    action, description, _ = _action(body)
    if not action:
        return None
    due = _due(doc, sent, sent.start + body_offset, sent.end)
    return _make(doc, sent, idx, ctx, parties, actor, "agreement", action, description, due, 0.8)


def _counterparts(doc: Doc, start: int, end: int, support: bool) -> set[str]:
    """Countries a predicate names as the other side ("with China", "China's proposal", "support Kyrgyzstan in")."""
    rules = commitment_rules()
    text = doc.text
    out = set()
    for c in doc.countries.within(start, end):
        code = getattr(c, "code", None)
        if not code:
            continue
        before = text[max(start, c.start - 12):c.start]
        if (re.search(r"\bwith\s+(?:the\s+)?$", before) or rules.counterpart_re.match(text, c.end, end)
                or support and not text[start:c.start].strip(" ,").removeprefix("the").strip()):
            out.add(code)
    return out


def _passive_proposal(doc: Doc, sent: Sent, text: str, subj_lo: int, subj_hi: int, end: int,
                      speaker: tuple | None) -> tuple[str, str] | None:
    """(action, description) of "NOUN should be VERBed ..." said by a speaker ("hold that conflicts should be
    resolved through dialogue" -> resolve conflicts through dialogue); None when it is not one."""
    if speaker is None:
        return None
    m = commitment_rules().passive_proposal.match(text, end)
    subject = text[subj_lo:subj_hi].strip(" ,")
    if m is None or not subject or len(subject) > 80:
        return None
    action = _lemma(m.group("verb"))
    if action in commitment_rules().hostile_actions:
        return None  # "the suspects should be punished": law enforcement, not diplomacy
    if not doc.countries.within(sent.start + subj_lo, sent.start + subj_lo + len(subject.split()[0])):
        subject = subject[:1].lower() + subject[1:]  # "Conflicts should be ..." -> "resolve conflicts ..."
    return action, f"{action} {subject}{_TRAILING.sub('', text[m.end():])}".strip()


def _stance_infinitive(text: str, start: int) -> bool:
    """False for a verb cue that is a purpose infinitive ("measures to support", "efforts to urge Russia"):
    after "to", only a stance word may govern it ("ready to support", "the commitment of X to support")."""
    before = text[max(0, start - 120):start]
    words = before.lower().split()
    if not words or words[-1] != "to":
        return True
    # A coordinated "..., and to support" looks further back for the governing word.
    window = words[-16:-1] if len(words) > 1 and words[-2] == "and" else words[-7:-1]
    return any(w.strip(",") in commitment_rules().stance_to for w in window)


_TOKEN = re.compile(r"[\w.'’-]+")
# Words that end the modifiers of a noun "support" ("the importance of ... support" is no stance).
_NOT_MODIFIER = frozenset("of to for about in on with by from against regarding over that which".split())


def _stance_before(before: str) -> int | None:
    """Offset in `before` where a stance ending right before a noun "support" starts: a stance verb and up
    to six modifiers ("reaffirmed their strong", "confirmed unwavering U.S."), a possessive of the subject
    ("their steadfast"), or "steadfast in (their)"; None when there is none."""
    rules = commitment_rules()
    tokens = list(_TOKEN.finditer(before))[-8:]
    for back, m in enumerate(reversed(tokens)):
        word = m.group(0).lower()
        if word in rules.stance_verbs:
            return m.start()
        if word in rules.own_support_words and back <= 3:
            return m.start()
        if word == "in" and back <= 1 and len(tokens) > back + 1:
            prev = tokens[-back - 2]
            if prev.group(0).lower() in rules.steadfast_in:
                return prev.start()
        if word in _NOT_MODIFIER or back >= 6:
            return None
    return None


def _support_subject_end(text: str, start: int, end: int) -> int | None:
    """Where the subject of a "support" cue ends; None when "support" is a noun that states no stance.

    A verb ("The five countries support", "to support"): the cue's start. A noun right after a stance
    ("confirmed unwavering U.S. support for", "their steadfast support"): the stance's start. Any other
    noun ("the PRC's support for", "military support to") is no cue.
    """
    rules = commitment_rules()
    if text[start:end].split()[0].lower() != "support":
        return start if _stance_infinitive(text, start) else None  # "supports", "will support": a verb
    lo = max(0, start - 100)
    before = text[lo:start]
    prev = re.search(r"([\w.'’-]+)\s*$", before)
    if prev is None:
        return start
    word = prev.group(1)
    low = word.lower()
    if low == "to":
        return start if _stance_infinitive(text, start) else None
    if low in rules.verb_support_before or (word[:1].isupper() and not re.search(r"['’]s?$|^[A-Z.]+$", word)) or (
            low.endswith("s") and not low.endswith(("ss", "us")) and low.isalpha()):
        return start  # the end of a subject: "Kenya and Norway support", "the countries support", "we support"
    stance = _stance_before(before)
    return lo + stance if stance is not None else None  # "the PRC's support", "military support": a noun


def _speaker_parties(doc: Doc, sent: Sent, text: str, speaker_end: int, frame_start: int, ctx: _Context,
                     sent_events: list[EventMention], speaker_codes: set[str] | None, prev_parties: tuple[str, ...],
                     memory: tuple[str, ...], earlier: list[CommitmentMention]) -> tuple[tuple[str, ...], str] | None:
    """(parties, subject as written) of a reporting frame's speaker; a frame coordinated with a clause of
    this sentence ("All parties support X and hold that ...") shares that clause's subject."""
    if earlier and re.search(r"\band\s+(?:also\s+)?$", text[:frame_start]):
        return earlier[-1].parties, earlier[-1].actor_text
    lo, hi = _subject_span(text, 0, speaker_end)
    hi = max(_leading_actor(text, lo, hi), lo)
    actor = text[lo:hi].strip(" ,")
    if speaker_codes:
        return tuple(sorted(speaker_codes)), actor or text[:speaker_end].strip(" ,")
    if not actor:
        return None
    parties, _ = _resolve_subject(doc, sent.start + lo, sent.start + hi, ctx, sent_events, None, prev_parties, memory)
    return (parties, actor) if parties is not None else None


def _cue_matches(text: str, cue_ids: set[int], low: str | None = None) -> tuple[list[tuple[int, int, Cue]], bool]:
    """Every cue of a sentence, in order (the longer first at one place), and whether it has a passive
    commitment ("Efforts will be made to ..."). low: the sentence lower-cased, same offsets (faster)."""
    rules = commitment_rules()
    matches = []
    for k in sorted(cue_ids):
        cue = rules.cues[k]
        regex, scanned = (cue.low_regex, low) if low is not None and cue.low_regex is not None else (cue.regex, text)
        for m in regex.finditer(scanned):
            matches.append((m.start(), m.end(), cue))
    matches.sort(key=lambda x: (x[0], -x[1]))
    has_passive = " be " in text and rules.passive.search(rules.leading_adverbial.sub("", text)) is not None
    return matches, has_passive


def _clauses(doc: Doc, sent: Sent, ctx: _Context, sent_events: list[EventMention],
             prev_parties: tuple[str, ...], cue_ids: set[int], memory: tuple[str, ...] = (),
             cues: tuple[list, bool] | None = None) -> list[CommitmentMention]:
    """Commitments of one ordinary sentence; cues: its _cue_matches when already found."""
    rules = commitment_rules()
    text = sent.text
    out: list[CommitmentMention] = []
    matches, has_passive = cues if cues is not None else _cue_matches(text, cue_ids)
    if not matches and not has_passive:
        return out
    used_until = -1
    if has_passive and ctx.countries:
        lead = commitment_rules().leading_adverbial.match(text)
        off = lead.end() if lead else 0
        pm = rules.passive.match(text[off:])
        if pm:
            modality = "proposal" if re.search(r"\b(?:should|must)\b", pm.group(0)) else "pledge"
            action, description, _ = _action(text[off + pm.end():])
            if action and action not in rules.hostile_actions:
                due = _due(doc, sent, sent.start + off + pm.end(), sent.end)
                out.append(_make(doc, sent, 0, ctx, ctx.countries, text[off:off + pm.end()].split()[0], modality,
                                 action, description, due, 0.7))
                return out
    # Predicates end before a coordinated reporting frame ("support X and hold that ...").
    frames = find_frames(text)
    frame_cuts = []
    if frames and "that" in text:
        for m in _THAT.finditer(text):
            c = rules.coordinated_frame.search(text, max(0, m.start() - 50), m.end())
            if c is not None:
                frame_cuts.append(c.start())
    clause_idx = 0
    for start, end, cue in matches:
        if start < used_until:
            continue
        frame_start, frame_stop = _frame(text, start, frames)
        speaker_end = frame_start
        speaker_codes = None
        if frame_stop:
            speaker_text = text[:speaker_end]
            if rules.threat.search(speaker_text):
                continue  # "X warned that it will ...": a threat, not a pledge
            sp_codes, sp_actor = _codes_in(doc, sent.start, sent.start + speaker_end)
            if sp_codes:
                speaker_codes = sp_codes
            elif commitment_rules().non_actors.search(speaker_text) and not sp_actor and not (
                    out and re.search(r"\band\s+(?:also\s+)?$", speaker_text)):
                continue  # "police said they will investigate" (a frame coordinated with a clause is that clause's)
        if rules.threat.search(text[max(0, start - 40):start]):
            continue
        modal = _MODAL_CUE.search(text, start, end) is not None
        if modal and cue.modality == "pledge" and frame_stop and _HOPE.search(text, frame_start, frame_stop):
            continue  # "expressed confidence that the Summit will ...": a prediction, not a pledge
        if _RELATIVE_BEFORE.search(text, max(frame_stop, start - 40), start):
            continue  # "a deal that will allow ...": the relative clause's subject is its antecedent
        subj_end = start
        if cue.modality in ("agreement", "pledge", "proposal") and not _MODAL_CUE.search(text, start, end) and (
                not _stance_infinitive(text, start)):
            continue  # "efforts to urge Russia to ...": a purpose, not the subject's proposal
        if cue.modality in ("support", "opposition"):
            if re.match(r"\s*by\b", text[end:end + 5]) and text[start:end].endswith("ed"):
                continue  # "groups backed by outside powers": a passive participle
            subj_end = _support_subject_end(text, start, end)
            if subj_end is None or subj_end < frame_stop:
                continue
        subj_lo, subj_hi = _subject_span(text, frame_stop, subj_end)
        subj_text = text[subj_lo:subj_hi]
        if re.search(r"(?:,\s*|\s)and\s*$|,\s*$", subj_text) or commitment_rules().first_clause.search(subj_text):
            # "X share the same positions, and will keep ...": the subject is the clause's first actor.
            actor_end = _leading_actor(text, subj_lo, subj_hi)
            if actor_end > subj_lo:
                subj_hi = actor_end
                subj_text = text[subj_lo:subj_hi]
        if len(subj_text) > 200:
            continue
        parties, grouped = _resolve_subject(doc, sent.start + subj_lo, sent.start + subj_hi, ctx, sent_events,
                                            speaker_codes, prev_parties, memory)
        if parties is None and subj_end < start:
            # "The Secretary reaffirmed U.S. support for": the country of the support's own modifier.
            codes, _ = _codes_in(doc, sent.start + subj_end, sent.start + start)
            parties = tuple(sorted(codes)) if codes else None
        # The predicate runs to a coordinated reporting frame, to the next stance verb (support and
        # opposition: every repeated verb is a commitment of its own; a modal: a finite verb of its
        # own), or to the sentence end.
        pred_end = next((c for c in frame_cuts if c >= end), len(text))
        if cue.modality in ("support", "opposition"):
            for cm in _COORD.finditer(text, end, pred_end):
                pred_end = cm.start()
                break
        elif _MODAL_CUE.search(text, start, end):
            fs = rules.finite_stance.search(text, end, pred_end)
            if fs:
                pred_end = fs.start()
        predicate = text[end:pred_end]
        if parties is None:
            if frame_stop and cue.modality == "proposal" and not cue.verb:
                speaker = _speaker_parties(doc, sent, text, speaker_end, frame_start, ctx, sent_events,
                                           speaker_codes, prev_parties, memory, out)
                found = _passive_proposal(doc, sent, text, subj_lo, subj_hi, end, speaker)
                if found:
                    made = _make(doc, sent, clause_idx, ctx, speaker[0], speaker[1], "proposal",
                                 found[0], found[1], _due(doc, sent, sent.start + end, sent.start + pred_end), 0.7,
                                 rule=cue.name)
                    out.append(made)
                    clause_idx += 1
                    used_until = pred_end
            continue
        if text[start:end].endswith("that"):
            # "agreed that the two sides will ...": a decision only when the clause has a modal of its own.
            modal = re.search(r"\b(?:will|shall|should|must|would)\b", predicate)
            if modal is None:
                continue
            action, _, _ = _action(predicate[modal.end():])
            description = _TRAILING.sub("", predicate.strip())
        elif cue.verb:
            action = cue.verb  # the cue is the verb: "call for a ceasefire", "reach consensus on X"
            description = f"{action} {_TRAILING.sub('', _skip_adverbs(predicate))}".strip()
        else:
            action, description, _ = _action(predicate)
            bare = _skip_adverbs(predicate).lstrip()
            if not action or not _MODAL_CUE.search(text, start, end) and (_nounish(bare) or bare[:1].isupper()):
                # "agreed to a shared future", "committed themselves to good-neighborliness": the cue is the verb.
                action = _cue_lemma(text[start:end]) or action
        if not action or action in rules.hostile_actions:
            continue
        if cue.modality == "pledge" and re.match(r"\s*(?:be|been|become|bring|have|remain)\b", predicate):
            continue  # "will be a success", "will bring opportunities": a forecast, not a pledge
        if cue.modality == "pledge" and _MODAL_CUE.search(text, start, end) and _is_forecast_subject(subj_text):
            continue  # "The China-Kazakhstan Summit will open a new chapter": a forecast
        if grouped and len(parties) > 1:
            # "They will work with China": an anaphor of a group that names China as the other side means
            # the group without China ("X will work with China to ..." gives X, not X and China).
            others = _counterparts(doc, sent.start + end, sent.start + pred_end, cue.modality == "support")
            if others and set(parties) - others:
                parties = tuple(p for p in parties if p not in others)
        due = _due(doc, sent, sent.start + end, sent.start + pred_end) if cue.modality != "support" else (None, None)
        confidence = 0.85 if parties else 0.6
        out.append(_make(doc, sent, clause_idx, ctx, parties, subj_text.strip(" ,"), cue.modality, action,
                         description, due, confidence,
                         _actor_people(doc, sent.start + subj_lo, sent.start + subj_hi),
                         _actor_orgs(doc, sent.start + subj_lo, sent.start + subj_hi), rule=cue.name))
        clause_idx += 1
        used_until = pred_end
        prev_parties = parties
    return out


# A sentence that starts with a counted group ("The foreign ministers of the five countries said ...",
# "The five Central Asian countries support ..."): later "they" / "all parties" of the paragraph are that group.
_GROUP_LEAD = re.compile(
    r"(?:the |all (?:the )?)?(?:(?:[\w-]+ ){0,2}?(?:ministers|leaders|heads of state|delegations|representatives) of "
    r"(?:the )?)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+) (?:(?-i:[A-Z][\w-]*) )*"
    r"(?:countries|nations|states|sides|parties)\b", re.I)


def _group_memory(doc: Doc, sent: Sent, ctx: _Context, own: list[EventMention]) -> tuple[str, ...]:
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
            parties, _ = _resolve_subject(doc, start + off, start + m.end(), ctx, own, None, ())
            return parties if parties and len(parties) > 1 and set(parties) < set(ctx.countries) else ()
        i -= 1
    return ()


def find_commitments(doc: Doc, events: list[EventMention]) -> list[CommitmentMention]:
    """Every commitment stated in the article, linked to the event mention it was made at."""
    rules = commitment_rules()
    kinds = event_rules().types
    frames = [e for e in events if e.frame]
    by_sentence: dict[int, list[EventMention]] = {}
    for e in events:
        by_sentence.setdefault(e.char_start, []).append(e)
    out: list[CommitmentMention] = []
    list_parties: tuple[str, ...] | None = None
    list_actor = ""
    prev_parties: tuple[str, ...] = ()
    wanted = doc.cue_keys
    for sent in doc.sentences:
        if sent.start < doc.headline_end:
            continue  # a headline states events; its commitments are told again in the body
        cue_ids = wanted.get(sent.index, set())
        listy = (sent.bullet and list_parties is not None) or sent.index in doc.listish
        low = doc.low[sent.start:sent.end] if doc.low is not doc.text else None
        cues = _cue_matches(sent.text, cue_ids, low) if cue_ids else ([], False)
        if not listy and cues == ([], False):
            list_parties = None
            continue  # no cue matched: the event context need not be found
        ctx = _context_for(doc, sent, frames, events)
        own = by_sentence.get(sent.start, [])
        own_ctx = [e for e in own if e.status != "planned" and not e.frame and kinds[e.event_type].holds_commitments]
        if own_ctx:
            # "they had a meeting, during which they reached ...": the recalled event is the context.
            ctx = _Context(own_ctx[0], own_ctx[0].countries, None)
        text = sent.text
        # Only a sentence that says "they" or "all parties" needs the group its paragraph named.
        memory = _group_memory(doc, sent, ctx, own) if "hey " in text or "parties" in text else ()
        if sent.bullet and list_parties is not None:
            body = _BULLET_MARK.match(text)
            c = _list_item(doc, sent, 0, ctx, list_parties, list_actor, body.end() if body else 0)
            if c is not None:
                out.append(c)
            continue
        list_parties = None
        intro = rules.list_intro.search(text) if text.rstrip().endswith(":") else None
        if intro:
            # "reached consensus on five key points:" -> the bullets that follow are the agreements.
            subj_lo, subj_hi = _subject_span(text, _frame_end(text, intro.start()), intro.start())
            parties, _ = _resolve_subject(doc, sent.start + subj_lo, sent.start + subj_hi, ctx, own, None,
                                          prev_parties, memory)
            list_parties = parties if parties else ctx.countries
            list_actor = text[subj_lo:subj_hi].strip(" ,") or "all parties"
            continue
        om = rules.ordinal_items.match(text)
        if om and ctx.countries:
            c = _list_item(doc, sent, 0, ctx, ctx.countries, "all parties", om.end())
            if c is not None:
                out.append(c)
            continue
        found = _clauses(doc, sent, ctx, own, memory or prev_parties, cue_ids, memory, cues)
        if found:
            prev_parties = found[-1].parties
        out.extend(found)
    return out
