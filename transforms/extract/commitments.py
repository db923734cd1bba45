"""Commitments: pledges, agreements, support, proposals and opposition stated by diplomatic actors.

A commitment is a clause "SUBJECT CUE PREDICATE" ("China and Kazakhstan | will | set up
consulates") whose subject resolves to countries: named countries, officials, or
anaphors of the current event ("the two sides", "all parties", "the six countries"), or
to an organization ("NATO will ...": no country party, the organization is the actor).
Choices (documented in reference/commitment_verbs.yaml): "condemned" and "welcomed" are
reactions, not commitments; "threatened to" / "warned that ... will" are threats; a
subject that is not a government actor ("police", "protesters", "Chinese modernization")
gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from transforms.extract.document import _MAY_HAVE_DATE_LOW, Doc, Sent
from transforms.extract.events import family
from transforms.extract.lexicon import commitment_rules
from transforms.extract.participants import last_person_before
from transforms.extract.records import CommitmentMention, EventMention, ParticipantMention
from transforms.extract.topics import classify_topic
from transforms.ids import make_id

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "both": 2}
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:over|since|in|on|at|during|after|before|under|with|taking|noting|as|for|following|based on|through|"
    r"given|last|this|next|currently|meanwhile|moreover|in addition|furthermore|however|therefore|also|together|"
    r"recently|to this end|at the same time|going forward|in this regard|on this basis|first|second|third|"
    r"fourth|fifth|finally|besides|additionally|specifically)\b[^,]{0,160},\s*)+", re.I)
_GOV_NOUN = (r"(?:government|governments|side|sides|delegation|delegations|leadership|leaders?|authorities|"
             r"administration|ministry|foreign ministry|president|prime minister|foreign minister|officials|diplomats|"
             r"state|states|nation|nations|country|countries|people|military|parliament|congress|cabinet|"
             r"team|counterpart|counterparts|envoy|ambassador|embassy|premier|chancellor)")
_ANAPHOR = re.compile(
    r"(?:^|(?<=\band )|(?<=, ))(?:the |both |all (?:the )?|these |those )?(?:(?P<num>two|three|four|five|six|seven|eight|nine|ten|\d+) )?"
    r"(?:(?P<region>(?-i:[A-Z][\w-]*(?: [A-Z][\w-]*)*)) )?"
    r"(?P<noun>sides|parties|countries|nations|states|leaders|ministers|foreign ministers|heads of state|delegations|"
    r"governments|presidents|participants|members|member states|partners|signatories)\b", re.I)
_PRONOUN = re.compile(r"^(?P<p>they|we|he|she|both|both sides|each side|the two)\b", re.I)
_HOME_OFFICE = re.compile(r"^(?:the )?(?:President|Vice President|Secretary|Deputy Secretary|Under Secretary|"
                          r"Assistant Secretary|National Security Advisor|Administration|White House|U\.S\. side)\b")
_NON_ACTOR = re.compile(r"\b(?:police|protesters?|demonstrators?|rioters?|militants?|rebels?|insurgents?|gunmen|"
                        r"troops|soldiers|army|forces|crowds?|students|workers|union|unions|company|companies|firm|"
                        r"investors|fans|residents|witnesses|hospital|doctors|court|judge|prosecutors?|suspects?|"
                        r"critics|analysts|experts|opposition|activists|organizers|organisers|group|gang|militia|"
                        r"modernization|economy|market|markets|prices?|summit|meeting|event|it|this|that|which|"
                        r"position|relations?|cooperation|situation|world)\b", re.I)
_COORD = re.compile(r"(?:,\s*and\s+|\s+and\s+|,\s+)(?=(?:also\s+|firmly\s+|resolutely\s+|strongly\s+)*"
                    r"(?:support|supports|oppose|opposes|reject|rejects|back|backs)\b)", re.I)
_WORK_WITH = re.compile(r"^(?:work|cooperate|join hands|coordinate|partner)(?:\s+(?:closely|together|jointly))*"
                        r"(?:\s+with\s+(?P<with>.+?))?\s+(?:respectively\s+)?to\s+", re.I)
_EFFORTS = re.compile(r"^(?:making|make|made|take|taking|took) (?:\w+ ){0,2}?(?:efforts|steps|measures) to ", re.I)
_NOUNISH = re.compile(r"^(?:a|an|the|their|its|his|her|our|this|these|that|those|all|any|new|further|more|"
                      r"[\w-]+(?:ness|ity|tion|sion|ship|ment|ance|ence|ism|hood))\b", re.I)
_CUE_SKIP = frozenset("have has had also jointly further unanimously again each are is remain remains were was "
                      "stand stands fully firmly all both will shall".split())


def _cue_lemma(cue_text: str) -> str | None:
    """The verb of a cue ("have committed themselves to" -> commit); None for modals."""
    for word in cue_text.lower().split():
        if word not in _CUE_SKIP:
            return _lemma(word) if word not in ("to", "on", "that", "upon", "in") else None
    return None
_TRAILING = re.compile(r"[\s,;:.]+$")
_BULLET_MARK = re.compile(r"^(?:[•▪●◦\-*]|\d{1,2}[.)])\s+")
_CONNECTIVE = re.compile(r"^(?:and|but|while|whereas|so|then)\s+", re.I)


@dataclass
class _Context:
    """The event a sentence belongs to, and the countries its anaphors point at."""

    event: EventMention | None
    countries: tuple[str, ...]
    host: str | None


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
        if stem.endswith(("c", "v", "z", "dg", "ak", "ur", "ir", "at", "us", "in", "ac", "rs", "ag")) and not stem.endswith(("ain", "oin", "ein")):
            return stem + "e"
        return stem
    if len(w) > 4 and w.endswith("ed"):
        stem = w[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        if stem.endswith(("c", "v", "z", "dg", "ak", "ur", "ir", "at", "us", "in", "ac", "rs", "ag")) and not stem.endswith(("ain", "oin", "ein")):
            return stem + "e"
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


def _resolve_subject(doc: Doc, abs_start: int, abs_end: int, ctx: _Context, sent_events: list[EventMention],
                     speaker_codes: set[str] | None, prev_parties: tuple[str, ...]) -> tuple[str, ...] | None:
    """ISO3 parties of the subject text[abs_start:abs_end], or None when it is no diplomatic actor."""
    subject = doc.text[abs_start:abs_end].strip(" ,")
    if not subject:
        return None
    low = subject.lower()
    codes, actor = _codes_in(doc, abs_start, abs_end)
    ana = _ANAPHOR.search(subject)
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
            else:
                group = pool
        if group or codes:
            return tuple(sorted(codes | group))
    if codes:
        if _NON_ACTOR.search(low) and not re.search(rf"\b{_GOV_NOUN}\b", low) and not doc.people.within(abs_start, abs_end):
            # "Chinese modernization", "China's economy": a thing, not a party.
            first = re.match(r"^(?:the\s+)?[\w.'-]+(?:\s+[A-Z][\w.'-]*)*", subject)
            if first is None or first.end() < len(subject.split(",")[0]) and _NON_ACTOR.search(
                    subject[first.end():]):
                return None
        return tuple(sorted(codes))
    if actor:
        return ()  # an organization: a party without a country
    pm = _PRONOUN.match(subject)
    if pm is not None and len(subject.split()) <= 3:
        p = pm.group("p").lower()
        if p in ("he", "she"):
            if speaker_codes:
                return tuple(sorted(speaker_codes))
            person = last_person_before(doc, abs_start)
            country = getattr(person, "country", None) if person is not None else None
            return (country,) if country else ((doc.home,) if doc.home else None)
        if p == "we":
            if len(own) >= 2:
                return tuple(sorted(own))
            return (doc.home,) if doc.home else (tuple(sorted(ctx_codes)) if ctx_codes else None)
        if speaker_codes:
            return tuple(sorted(speaker_codes))
        if own and len(own) >= 2:
            return tuple(sorted(own))
        if prev_parties:
            return prev_parties
        return tuple(sorted(ctx_codes)) if ctx_codes else None
    if doc.home and _HOME_OFFICE.match(subject):
        return (doc.home,)
    return None


def _subject_span(text: str, start: int, cue_start: int) -> tuple[int, int]:
    """The subject of a cue: after any leading adverbial, the actor phrase that ends at the cue."""
    bullet = _BULLET_MARK.match(text[start:cue_start])
    if bullet:
        start += bullet.end()
    aux = re.search(r"\s+(?:had|have|has|also|jointly)\s*$", text[start:cue_start])
    if aux:
        cue_start = start + aux.start()
    chunk = text[start:cue_start]
    lead = _LEADING_ADVERBIAL.match(chunk)
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
    return start + offset, cue_start


def _leading_actor(text: str, start: int, stop: int) -> int:
    """End of the actor phrase at text[start:] (the subject before a coordinated predicate)."""
    m = re.match(r"(?:(?:the|all|both|and|of|five|six|two|three|four|seven|eight|nine|ten|[A-Z][\w.'-]*|"
                 r"countries|parties|sides|states|nations|leaders|ministers|governments?|side|delegations?)\s*,?\s*)+",
                 text[start:stop])
    return start + (m.end() if m else 0)


def _frame_end(text: str, limit: int) -> int:
    """End of the last reporting frame before `limit` ("X said that |", "they said |"); 0 if none."""
    return _frame(text, limit)[1]


@lru_cache(maxsize=1)
def _frame_re() -> re.Pattern:
    return re.compile(rf"\b(?:(?:{commitment_rules().reporting.pattern})\s+that|said|says|stated|added)\s+", re.I)


def _frame(text: str, limit: int) -> tuple[int, int]:
    """(end of the speaker, end of the frame) of the last reporting frame before `limit`; (0, 0) if none."""
    found = (0, 0)
    for m in _frame_re().finditer(text, 0, limit):
        found = (m.start(), m.end())
    return found


def _context_for(doc: Doc, sent: Sent, frames: list[EventMention], all_events: list[EventMention]) -> _Context:
    """The event a sentence's commitments were made at: the latest meeting-like frame before it."""
    before = [e for e in frames if e.char_start <= sent.start]
    pool = before or frames[:1]
    meeting_like = [e for e in pool if family(e.event_type) not in ("press", "announcement", "signing")]
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
          action: str, description: str, due, confidence: float) -> CommitmentMention:
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
    )


def _list_item(doc: Doc, sent: Sent, idx: int, ctx: _Context, parties: tuple[str, ...], actor: str,
               body_offset: int) -> CommitmentMention | None:
    body = sent.text[body_offset:]
    action, description, _ = _action(body)
    if not action:
        return None
    due = _due(doc, sent, sent.start + body_offset, sent.end)
    return _make(doc, sent, idx, ctx, parties, actor, "agreement", action, description, due, 0.8)


def _clauses(doc: Doc, sent: Sent, ctx: _Context, sent_events: list[EventMention],
             prev_parties: tuple[str, ...], cue_ids: set[int]) -> list[CommitmentMention]:
    """Commitments of one ordinary sentence."""
    rules = commitment_rules()
    text = sent.text
    out: list[CommitmentMention] = []
    matches = []
    for k in sorted(cue_ids):
        cue = rules.cues[k]
        for m in cue.regex.finditer(text):
            matches.append((m.start(), m.end(), cue))
    has_passive = " be " in text and rules.passive.search(_LEADING_ADVERBIAL.sub("", text))
    if not matches and not has_passive:
        return out
    matches.sort(key=lambda x: (x[0], -x[1]))
    used_until = -1
    if has_passive and ctx.countries:
        lead = _LEADING_ADVERBIAL.match(text)
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
    clause_idx = 0
    for start, end, cue in matches:
        if start < used_until:
            continue
        speaker_end, frame_stop = _frame(text, start)
        speaker_codes = None
        if frame_stop:
            speaker_text = text[:speaker_end]
            if rules.threat.search(speaker_text):
                continue  # "X warned that it will ...": a threat, not a pledge
            sp_codes, sp_actor = _codes_in(doc, sent.start, sent.start + speaker_end)
            if sp_codes:
                speaker_codes = sp_codes
            elif _NON_ACTOR.search(speaker_text) and not sp_actor:
                continue  # "police said they will investigate"
        if rules.threat.search(text[max(0, start - 40):start]):
            continue
        subj_lo, subj_hi = _subject_span(text, frame_stop, start)
        subj_text = text[subj_lo:subj_hi]
        if re.search(r"(?:,\s*|\s)and\s*$|,\s*$", subj_text) or re.search(
                r"\b(?:is|are|was|were|has|have|share|shares|spoke|held|expressed|reiterated|noted)\b", subj_text):
            # "X share the same positions, and will keep ...": the subject is the clause's first actor.
            actor_end = _leading_actor(text, subj_lo, subj_hi)
            if actor_end > subj_lo:
                subj_hi = actor_end
                subj_text = text[subj_lo:subj_hi]
        if len(subj_text) > 200:
            continue
        parties = _resolve_subject(doc, sent.start + subj_lo, sent.start + subj_hi, ctx, sent_events,
                                   speaker_codes, prev_parties)
        if parties is None:
            continue
        # The predicate runs to the next coordinated stance verb of another kind, or the sentence end.
        pred_end = len(text)
        if cue.modality in ("support", "opposition"):
            for cm in _COORD.finditer(text, end):
                nxt = re.match(r"(?:also\s+|firmly\s+|resolutely\s+|strongly\s+)*(\w+)", text[cm.end():])
                word = nxt.group(1).lower() if nxt else ""
                kind = "opposition" if word.startswith(("oppos", "reject")) else "support"
                if kind != cue.modality:
                    pred_end = cm.start()
                    break
        predicate = text[end:pred_end]
        if cue.verb:
            action = cue.verb
            description = _TRAILING.sub("", _skip_adverbs(predicate))
            partner = None
            if cue.modality in ("support", "opposition"):
                description = f"{action} {description}".strip()
        else:
            action, description, partner = _action(predicate)
            if not action or _NOUNISH.match(_skip_adverbs(predicate)):
                # "agreed to a shared future", "committed themselves to good-neighborliness": the cue is the verb.
                action = _cue_lemma(text[start:end]) or action
        if not action or action in rules.hostile_actions:
            continue
        if cue.modality == "pledge" and re.match(r"\s*(?:be|been|become|bring|have|remain)\b", predicate):
            continue  # "will be a success", "will bring opportunities": a forecast, not a pledge
        if partner and len(partner) < 120:
            p_lo = sent.start + text.find(partner, end)
            p_codes, _ = _codes_in(doc, p_lo, p_lo + len(partner))
            parties = tuple(sorted(set(parties) | p_codes))
        due = _due(doc, sent, sent.start + end, sent.start + pred_end) if cue.modality != "support" else (None, None)
        confidence = 0.85 if parties else 0.6
        made = _make(doc, sent, clause_idx, ctx, parties, subj_text.strip(" ,"), cue.modality, action,
                     description, due, confidence)
        out.append(replace(made, actor_people=_actor_people(doc, sent.start + subj_lo, sent.start + subj_hi),
                           actor_orgs=_actor_orgs(doc, sent.start + subj_lo, sent.start + subj_hi)))
        clause_idx += 1
        used_until = pred_end
        prev_parties = parties
    return out


def find_commitments(doc: Doc, events: list[EventMention]) -> list[CommitmentMention]:
    """Every commitment stated in the article, linked to the event mention it was made at."""
    rules = commitment_rules()
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
        if not cue_ids and not (sent.bullet and list_parties is not None) and sent.index not in doc.listish:
            list_parties = None
            continue
        ctx = _context_for(doc, sent, frames, events)
        own = by_sentence.get(sent.start, [])
        own_ctx = [e for e in own if e.status != "planned" and not e.frame and family(e.event_type) in ("meet", "call")]
        if own_ctx:
            # "they had a meeting, during which they reached ...": the recalled event is the context.
            ctx = _Context(own_ctx[0], own_ctx[0].countries, None)
        text = sent.text
        if sent.bullet and list_parties is not None:
            body = _BULLET_MARK.match(text)
            c = _list_item(doc, sent, 0, ctx, list_parties, list_actor, body.end() if body else 0)
            if c is not None:
                out.append(c)
            continue
        list_parties = None
        intro = rules.list_intro.search(text)
        if intro:
            # "reached consensus on five key points:" -> the bullets that follow are the agreements.
            subj_lo, subj_hi = _subject_span(text, _frame_end(text, intro.start()), intro.start())
            parties = _resolve_subject(doc, sent.start + subj_lo, sent.start + subj_hi, ctx, own, None,
                                       prev_parties)
            list_parties = parties if parties else ctx.countries
            list_actor = text[subj_lo:subj_hi].strip(" ,") or "all parties"
            continue
        om = rules.ordinal_items.match(text)
        if om and ctx.countries:
            c = _list_item(doc, sent, 0, ctx, ctx.countries, "all parties", om.end())
            if c is not None:
                out.append(c)
            continue
        found = _clauses(doc, sent, ctx, own, prev_parties, cue_ids)
        if found:
            prev_parties = found[-1].parties
        out.extend(found)
    return out
