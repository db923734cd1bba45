"""The subject of a commitment: its span before the cue and the parties it names or points back to."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from transforms.extract.commitments.groups import country_code, encounter_focus, plural_group
from transforms.extract.commitments.lemmas import is_verb
from transforms.extract.commitments.referents import acts_for_organization, subject_before
from transforms.extract.commitments.states import (
    government_country, own_state, role_parties, title_issuers,
)
from transforms.extract.document import BULLET, Doc, Sent
from transforms.extract.issuer import home_office, opens_with_home_office
from transforms.extract.lexicon import commitment_rules, event_rules
from transforms.extract.participants import JOINT_TITLE
from transforms.extract.records import CommitmentMention, EventMention, ParticipantMention
from transforms.names.office import office_tables
from transforms.reference import load

if TYPE_CHECKING:
    from transforms.extract.commitments.context import Context


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "both": 2}


_GOV_NOUN = (r"(?:government|governments|side|sides|delegation|delegations|leadership|leaders?|authorities|agency|"
             r"administration|ministry|foreign ministry|president|prime minister|foreign minister|officials|diplomats|"
             r"state|states|nation|nations|country|countries|people|military|parliament|congress|cabinet|ministers?|"
             r"team|counterpart|counterparts|envoy|ambassador|embassy|premier|chancellor)")


_ANAPHOR = re.compile(
    r"(?:^|(?<=\band )|(?<=, )|(?<=\bof ))(?:the |both |all (?:the )?|these |those |our )?(?:(?P<num>two|three|four|five|six|seven|eight|nine|ten|\d+) )?"
    r"(?:(?P<region>(?-i:[A-Z][\w-]*(?: [A-Z][\w-]*)*)) )?(?:(?:vice|deputy|first|other|fellow|visiting|senior|"
    # An office's own words before its plural ("the two prime ministers", "the two top diplomats").
    r"delegation|government|cabinet|prime|top|chief|foreign|defen[cs]e|trade|finance|economy|interior) )*"
    r"(?P<noun>sides|parties|countries|nations|states|leaders|ministers|foreign ministers|heads of state|delegations|"
    r"officials|delegates|governments|presidents|participants|members|member states|partners|signatories|heads of government|"
    # Those who met, named by their part in the encounter ("the counterparts", "the two heads of
    # diplomacy"): the encounter's sides as "the two sides" are.
    r"counterparts|diplomats|dignitaries|heads of diplomacy|"
    r"representatives|envoys|co-chairs|co-chairmen|heads of delegation|premiers|chancellors|"
    r"(?:national security |security |foreign policy )?(?:advisors|advisers)|secretaries|foreign secretaries|"
    r"commissioners|negotiators|ambassadors|chiefs of (?:defen[cs]e|staff|general staff))\b", re.I)


_PRONOUN = re.compile(r"^(?P<p>they|we|he|she|it|both|both sides|each side|the two)\b", re.I)


# "his administration", "our government", "their delegations": the government of the pronoun's referent.
_OWN_GOVERNMENT = re.compile(rf"^(?P<p>his|her|its|their|our)\s+(?:[\w-]+\s+)?{_GOV_NOUN}$", re.I)
# An occasion named as the subject of a communique's stances ("The Meeting strongly condemned ...", "The Summit
# called for ...", "The visit saw the signing of ..."): the countries of those who met. A standing organ ("The Assembly", "The Council") speaks for
# its organization instead (body_organization).
_MEETING_SUBJECT = re.compile(r"^the (?:(?:extraordinary|ministerial|joint|special|high-level|bilateral|trilateral)\s+)?"
                              r"(?:meeting|summit|conference|session|consultations|dialogue|talks|visit|negotiations)$", re.I)
# A party named by its part in the encounter ("The guest", "the visiting minister", "The visitors", "the host", "The
# host and her guest"): the guest's or the host's country of a two-sided encounter (role_parties).
_ROLE_SUBJECT = re.compile(r"^the\s+(?:(?P<host>hosts?)|(?P<guest>guests?|visitors?|visiting\s+(?:[\w-]+\s+){0,2}?[\w-]+))"
                           r"(?:\s+and\s+(?:the\s+|his\s+|her\s+|their\s+)?(?P<both>guests?|visitors?|hosts?))?$", re.I)
# A singular anaphor of the speaker's state ("X's ministry said that the country will ...").
_SPEAKER_ANAPHOR = re.compile(r"^(?:the|this) (?:country|government|kingdom|republic|nation|state)$", re.I)
# "the government" with no country: the one country its paragraph names (government_country).
_GOVERNMENT = re.compile(r"^the (?:federal |central |national |new )?government$", re.I)


_OWNER_PRONOUN = {"his": "he", "her": "she", "its": "it", "their": "they", "our": "we"}


# Where a conjunct of a coordinated subject starts ("The President and King Abdullah II", "Minister X of Ghana,
# the Foreign Secretary and ..."), and what after an office makes it no bare one ("the President of Chile", "Secretary
# Jane Roe").
_CONJUNCT = re.compile(r"(?:^|,\s*|\s+and\s+)(?:[Tt]he\s+)?")
_OFFICE_NAMED = re.compile(r"\s+(?:of\b|for\b|(?-i:[A-Z]))")


@functools.lru_cache(maxsize=1)
def _guest_office() -> re.Pattern:
    return re.compile(load("gazetteers/publishers.yaml").issuer.guest_offices, re.I)


def names_home_office(subject: str) -> bool:
    """A conjunct of a coordinated subject is an office of the publisher's named bare ("The President and King
    Abdullah II agreed", "the Foreign Secretary and Minister X of Ghana agreed"): publishers.yaml issuer.home_offices,
    as a bare office opening a sentence is; not a guest's office ("the Ambassador": whose is not told)."""
    conjuncts = list(_CONJUNCT.finditer(subject))
    if len(conjuncts) < 2:
        return False  # a bare office alone is whom coreference read it as ("The Minister" of the guest named before)
    for m in conjuncts:
        office = home_office().match(subject, m.end())
        if (office is not None and not _OFFICE_NAMED.match(subject, office.end())
                and not _guest_office().match(office.group(0))):
            return True
    return False


# The head of a subject: its last word before "of ..." or a comma ("Foreign ministers of the five countries"), or
# before a lower-case infinitive or preposition that starts its modifier ("This initiative to make engines in India",
# "The new corridor between Kenya and Ethiopia").
_HEAD = re.compile(r"([\w-]+)\s*(?:\b(?:of|(?-i:to|in|for|with|between|among|from|on))\b.*)?$", re.S)


BULLET_MARK = BULLET


# A connective or subordinator before a clause's subject ("as the leaders agreed to ...", "because Chile will
# ..."); not "if"/"unless": a condition is no commitment.
_CONNECTIVE = re.compile(r"^(?:and|but|while|whereas|so|then|as|because|since|once|although|though|now that)\s+", re.I)


_SECOND_SUBJECT = re.compile(r"(?:,\s*|\s+)and\s+(?=\S)")

# A subordinate clause after a comma has a subject of its own ("..., as the leaders agreed to ...").
_SUBORDINATE = re.compile(r",\s*(?:as|because|since|while|whereas|now that|so that|once|after|when)\s+(?=\S)", re.I)


# ... and only when what follows is a short actor phrase ("the two leaders", "President Biden", "they"), or a
# demonstrative one that is no actor ("X is a key partner, and this Memorandum will allow ...": no party's).
_SECOND_ACTOR = re.compile(r"(?:(?:the|both|all|this|these|that|those)\s+\w[^,;]{0,60}?|they|we|he|she|(?-i:[A-Z])[^,;]{0,60}?)"
                           r"(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\btheir)(?<!\bour)(?<!\bits)"
                           r"(?:\s+(?:also|jointly|further))?\s*$", re.I)


def codes_in(doc: Doc, start: int, end: int) -> tuple[set[str], bool]:
    """Countries an actor phrase names: country words, officials, regions. bool: found an actor."""
    codes: set[str] = set()
    actor = False
    text = doc.text
    people = [p for p in doc.people.starting_in(start, end, doc.limit) if getattr(p, "name_start", p.start) < end]
    spans = []
    for p in people:
        actor = True
        spans.append((p.start, p.end))
        if acts_for_organization(p):
            continue  # "NATO Secretary General Mark Rutte": the organization's official, no country's
        country = getattr(p, "country", None) or (doc.home if doc.home and opens_with_home_office(
            getattr(p, "title", "") or "") else None)
        if country:
            codes.add(country)
    for c in doc.countries.within(start, end):
        if any(s <= c.start < e for s, e in spans) or not getattr(c, "code", None):
            continue
        after = text[c.end:min(end, c.end + 40)]
        if getattr(c, "kind", "name") == "demonym" and not re.match(rf"\s+(?:[\w-]+\s+){{0,2}}{_GOV_NOUN}\b", after, re.I):
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


# A body of an organization named by its head noun alone ("The Assembly", "The Humanitarian Summit").
_BODY = re.compile(r"^(?:the\s+)?(?:[A-Z][\w-]+\s+){0,3}(?P<body>Assembly|Council|Summit|Conference|Commission|Committee|"
                   r"Meeting|Session|Parliament|Congress|Agency|Secretariat|Organi[sz]ation|Alliance|Union|Bank|Fund)$")


def body_organization(doc: Doc, abs_start: int, subject: str):
    """The organization whose body a subject names alone ("The Assembly strongly condemned ...", told after
    "The Assembly of Heads of State and Government of the African Union convened"): the organization the
    article names within a few words after that body's name before; None when it names none."""
    m = _BODY.match(subject.strip())
    if m is None:
        return None
    found = None
    for occ in re.finditer(rf"\b{m.group('body')}\b", doc.text[:abs_start]):
        # The organization whose own name ends with the word ("the International Atomic Energy Agency ... the
        # Agency"), else one named just after it ("The Assembly of Heads of State ... of the African Union").
        orgs = [o for o in doc.orgs.within(max(0, occ.start() - 80), occ.end()) if o.start <= occ.start() < o.end]
        orgs = orgs or doc.orgs.within(occ.end(), occ.end() + 120)
        if orgs:
            found = orgs[0]
    if found is None:  # "IAEA ... the Agency": the organization named before whose full name ends with the word
        named = [o for o in doc.orgs.within(0, abs_start) if o.name.endswith(m.group("body"))]
        found = named[-1] if named else None
    return found


_ADVERBIAL_START = re.compile(r"(?:by|in|at|on|during|after|before|following|with|for|since|under|through|ahead of|"
                              r"over|within|until|as part of|in the|at the)\b", re.I)


def is_forecast_subject(subject: str) -> bool:
    """A subject whose head is a thing ("The China-Kazakhstan Summit", "China's economy"): its "will" forecasts.

    The head is read in the subject's last comma part ("Later this year, China and Mexico"), or in its
    first when the last is an apposition ("China's economy, the world's second largest").
    """
    parts = [p.strip() for p in subject.split(",") if p.strip()]
    if not parts:
        return False
    part = parts[-1]
    if len(parts) > 1 and re.match(r"(?:the|a|an|as|who|which|including|like|such as)\b", part, re.I) and not \
            _ADVERBIAL_START.match(parts[0]):
        part = parts[0]  # ("By the G20 Summit in Delhi, the United States and India": an adverbial, no apposition)
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


def _inside_a_name(doc: Doc, pos: int) -> bool:
    """The word at `pos` is part of a country's or an organization's name ("States" of "The United States")."""
    return any(x.start < pos < x.end for x in (*doc.countries.within(max(0, pos - 40), pos + 40),
                                               *doc.orgs.within(max(0, pos - 80), pos + 80)))


def _names_a_place(doc: Doc, offset: int, ana: re.Match) -> bool:
    """The capitalised words before an anaphor's noun name a region or a country ("the five Central Asian
    countries", "the two Korean leaders", "The United States"), not an office ("the Foreign Ministers")."""
    lo, hi = offset + ana.start("region"), offset + ana.end("region")
    return any(x.start < hi for x in (*doc.regions.within(lo, hi + 40), *doc.countries.within(lo, hi + 40)))


def resolve_subject(doc: Doc, abs_start: int, abs_end: int, ctx: Context, sent_events: list[EventMention],
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
    codes, actor = codes_in(doc, abs_start, abs_end)
    if codes and doc.home and names_home_office(subject):
        codes.add(doc.home)
    lead = abs_start + len(doc.text[abs_start:abs_end]) - len(doc.text[abs_start:abs_end].lstrip(" ,"))
    ana = _anaphor(subject)
    if ana is not None and _inside_a_name(doc, lead + ana.start("noun")):
        ana = None  # "The United States", "the United Nations": a name, no anaphor of "the states" or "the nations"
    ctx_codes = set(ctx.countries)
    own = set(sent_events[0].countries) if sent_events else set()
    if ana is not None:
        num = ana.group("num")
        n = _NUMBERS.get(num.lower(), int(num) if num and num.isdigit() else 0) if num else 0
        noun = ana.group("noun").lower()
        if ana.group("region") and codes - ctx_codes == set() and codes and _names_a_place(doc, lead, ana):
            group = codes  # "the five Central Asian countries": the region's members ("Foreign Ministers": no region)
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
            group = encounter_focus(doc, group, n, abs_start, ctx.host or doc.home)
            if noun not in _SINGLE_SIDE_NOUNS:
                group = plural_group(doc, group, n, abs_start)
        if group or codes:
            # Only an uncounted group ("they", "all parties") may lose a counterpart it names later.
            return tuple(sorted(codes | group)), not codes and not n and not ana.group(0).lower().startswith("both")
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
    role = _ROLE_SUBJECT.match(subject)
    if role is not None and len(ctx.countries) == 2 and ctx.host in ctx.countries:
        return role_parties(role, ctx), bool(role.group("both"))
    if _MEETING_SUBJECT.match(subject) and len(ctx.countries) >= 2:
        return tuple(sorted(ctx.countries)), True  # "The Meeting condemned ...": those who met
    if _SPEAKER_ANAPHOR.match(subject) and (speaker_codes or own_state(doc)) and not _GOVERNMENT.match(subject):
        # "Brazil's foreign ministry said the country would ..."; "the Kingdom will ..." in the Kingdom's release
        return tuple(sorted(speaker_codes or {own_state(doc)})), False
    if _GOVERNMENT.match(subject):
        found = government_country(doc, abs_start, prev_parties)
        return ((found,) if found else None), False  # "Sri Lanka reached a deal ... the government has committed"
    owner = _OWN_GOVERNMENT.match(subject)
    if owner is not None:
        subject = _OWNER_PRONOUN[owner.group("p").lower()]  # "his administration intends to": his = he
    elif low in _OWNER_PRONOUN:
        subject = _OWNER_PRONOUN[low]  # the owner of a goal told as a noun ("Our goal is to ...": we)
    pm = _PRONOUN.match(subject)
    if pm is not None and len(subject.split()) <= 3:
        return _pronoun_parties(doc, abs_start, pm.group("p").lower(), ctx, own, speaker_codes, prev_parties)
    if doc.home and (opens_with_home_office(subject) or _home_body(subject)):
        return (doc.home,), False
    return None, False


# A ministry, department or embassy named with no country ("The State Department intends to provide ...", "the
# Ministry of Health will ..."): the release's own government's; its head words and the words that may stand before
# them besides a portfolio's are names/offices.yaml body_heads and body_words.
@functools.lru_cache(maxsize=1)
def _home_body_rules() -> tuple[re.Pattern, frozenset[str]]:
    """(the pattern of a body named bare, the words that may name its portfolio before its head word)."""
    data = load("names/offices.yaml")
    heads = "|".join(re.escape(h) for h in sorted(data.body_heads, key=len, reverse=True))
    pattern = re.compile(rf"^(?:[Tt]he\s+)?(?P<words>(?:(?-i:[A-Z])[\w&-]*\s+|&\s+){{0,3}}?)(?-i:{heads})"
                         r"(?:\s+(?-i:of)\s+(?-i:[A-Z])[^,;]{0,60})?$")
    return pattern, office_tables().portfolio_words | frozenset(data.body_words)


def _home_body(subject: str) -> bool:
    """A government body named with no country, whose words before its head are a portfolio's ("Health Ministry",
    "Foreign Office", "State Department"), not another's ("The Taliban Ministry of ...")."""
    pattern, words = _home_body_rules()
    m = pattern.match(subject)
    return m is not None and all(word in words for word in m.group("words").split())


def both_sides(parties: tuple[str, ...] | None, subject: str, ctx: Context) -> tuple[str, ...] | None:
    """An agreement whose subject coordinates two actors of whom one country is read ("Minister X and the Deputy
    Minister of Foreign Affairs of Azerbaijan signed", "Park and Japanese Vice Minister Funakoshi agreed"): the two
    countries of its event, when the event has two and the one read is among them."""
    if parties is None or len(parties) != 1 or len(ctx.countries) != 2 or parties[0] not in ctx.countries:
        return parties
    return tuple(sorted(ctx.countries)) if re.search(r"\S\s+and\s+\S", subject) else parties


# "... with his Japanese counterpart B on Wednesday and | agreed": a predicate coordinated after the clause.
_AND_BEFORE_CUE = re.compile(r"\band\s+(?:(?:also|then|jointly|further)\s+)?$")
_ENCOUNTERS = frozenset({"meeting", "talks", "phone_call", "summit", "visit"})


def encounter_sides(parties: tuple[str, ...] | None, text: str, subj_end: int, cue_start: int,
                    sent_events: list[EventMention]) -> tuple[str, ...] | None:
    """An agreement its subject reached at an encounter told just before in its sentence is both sides' ("A
    held phone talks with his Japanese counterpart B on Wednesday and agreed to X": A and B agreed), as
    "both sides agreed" is (ANNOTATION.md): the encounter's countries, when they hold the subject's."""
    if not parties or not _AND_BEFORE_CUE.search(text, subj_end, cue_start):
        return parties
    for e in sent_events:
        if e.event_type in _ENCOUNTERS and len(e.countries) >= 2 and set(parties) < set(e.countries):
            return tuple(sorted(e.countries))
    return parties


def _pronoun_parties(doc: Doc, abs_start: int, p: str, ctx: Context, own: set[str], speaker_codes: set[str] | None,
                     prev_parties: tuple[str, ...]) -> tuple[tuple[str, ...] | None, bool]:
    """The parties of a pronoun subject ("it", "he", "we", "they", "both sides") and whether they are a group."""
    if p == "it":
        # "Brazil said it would ...": the speaker; any other "it" is no actor ("it will rain").
        return (tuple(sorted(speaker_codes)), False) if speaker_codes else (None, False)
    if p in ("he", "she"):
        if speaker_codes:
            return tuple(sorted(speaker_codes)), False
        country = subject_before(doc, abs_start)
        return ((country,) if country else ((doc.home,) if doc.home else None)), False
    if p == "we":
        if ctx.we:
            return ctx.we, True  # "We, the Foreign Ministers of A, B and C, ...": the communique's "we"
        issuers = title_issuers(doc) if JOINT_TITLE.search(doc.title) else ()
        if issuers:
            # A joint statement's "we" is those who issue it, named by its title ("U.S.-EU Summit Joint Statement"),
            # never the countries of a war or a meeting it tells of ("Russia's war against Ukraine ... We will ...").
            return issuers, len(issuers) > 1
        if len(own) >= 2:
            return tuple(sorted(own)), True
        if len(ctx.countries) >= 2 and JOINT_TITLE.search(doc.title):
            return tuple(sorted(ctx.countries)), True  # a joint statement's "we": all who issue it
        return ((doc.home,) if doc.home else (tuple(sorted(ctx.countries)) if ctx.countries else None)), False
    if speaker_codes:
        return tuple(sorted(speaker_codes)), False
    if own and len(own) >= 2:
        return tuple(sorted(own)), True
    # A plural "they" points back to a group: one country's stance told just before is no referent when the
    # event holds it and others ("X expressed Morocco's readiness ... They committed to ...": both sides).
    single = len(prev_parties) == 1 and p != "it" and set(prev_parties) < set(ctx.countries)
    group = set(prev_parties) if prev_parties and not single else set(ctx.countries)
    if not group:
        # No event and no group told in the paragraph (a joint statement's later paragraph): the country the
        # article names most seeds the group, and plural_group adds the next.
        counts = doc.countries.counts(country_code)
        ranked = sorted(counts, key=lambda k: (-counts[k], k))
        group = {ranked[0]} if ranked and (len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]) else set()
    if p != "we" and group:
        n = 2 if p in ("both", "both sides", "the two") else 0
        group = plural_group(doc, encounter_focus(doc, group, n, abs_start, ctx.host or doc.home), n, abs_start)
    # Only an uncounted "they" may lose a counterpart it names later; "both sides" are the two, whoever they work with.
    return (tuple(sorted(group)) if group else None), p not in ("both", "both sides", "the two", "each side")


# Group nouns that may name one side only ("the Kenyan delegation" is one country).
_SINGLE_SIDE_NOUNS = frozenset({"delegations", "governments", "members", "member states", "partners"})


# A colon or semicolon ends the clause before it: the subject of a later cue starts after it.
_CLAUSE_BREAK = re.compile(r"[:;][*_]{0,2}\s+")


def subject_span(text: str, start: int, cue_start: int) -> tuple[int, int]:
    """The subject of a cue: after any leading adverbial, the actor phrase that ends at the cue."""
    bullet = BULLET_MARK.match(text[start:cue_start])
    if bullet:
        start += bullet.end()
    head = event_rules().dateline.match(text, start, cue_start) if start == 0 else None
    if head is not None and re.search(r"\w[-–]$", head.group(0)) and re.match(r"\w", text[head.end():head.end() + 1]):
        head = None  # "WHO Director-General X urged ...": a hyphenated title, no dateline's dash
    if head is not None and re.search(r"(?-i:[A-Z]{3,})|\(", head.group(0)):
        start = head.end()  # "ASTANA. KAZINFORM - Kazakh President X ...": the wire's dateline is no subject
    clause = None
    for clause in _CLAUSE_BREAK.finditer(text, start, cue_start):
        pass
    if clause is not None:
        start = clause.end()  # "Our position has not changed: we will ...", "MINISTER X: Mexico supports ..."
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
    bare = commitment_rules().bare_lead.match(chunk[offset:])
    if bare:
        offset += bare.end()  # "Together we will ...", "In this spirit the two governments remain committed to ..."
    # A relative "during which they", "in which the two sides", "a trial that rights groups (condemned)": the
    # subject follows it ("the work that we are doing should ...": a relative whose verb came is no subject).
    rel = None
    for rel in re.finditer(r"\b(?:during|in|at|under|through|by) which\s+|\bwhere\s+|\bwhile\s+|\bwhich\s+|"
                           r"(?<=\w )that\s+", chunk):
        pass
    if rel is not None and rel.end() > offset and (rel.group(0).strip() != "that" or not (
            _has_verb(chunk[rel.end():]) or _COORDINATED_END.search(chunk, rel.end()))):
        offset = rel.end()
    # "X did A, and Y will B": the subject is the short actor phrase of the second clause.
    last = None
    for last in _SECOND_SUBJECT.finditer(chunk, offset):
        pass
    if (last is not None and _SECOND_ACTOR.match(chunk, last.end()) and not re.search(r"(?:\band|,)\s*$", chunk)
            and commitment_rules().first_clause.search(chunk, offset, last.start())):
        offset = last.end()
    sub = None
    for sub in _SUBORDINATE.finditer(chunk, offset):
        pass
    if sub is not None and _SECOND_ACTOR.match(chunk, sub.end()):
        offset = sub.end()  # "The talks confirmed the bond, as the ministers agreed to ...": the second clause's
    quote = _OPEN_QUOTE.match(chunk, offset)
    if quote:
        offset = quote.end()  # '"We will ...," the minister said': the quotation mark is no part of the subject
    return start + offset, cue_start


_OPEN_QUOTE = re.compile(r"\s*[\"“‘«]\s*")
# A "that" clause closed by ", and" before the cue is complete: the cue is coordinated with the verb before "that"
# ("We emphasize that our positions remain unchanged, and reiterate ...": We).
_COORDINATED_END = re.compile(r"\S\s+\S.*,\s*and\s*$", re.S)


_AUXILIARIES = frozenset("is are was were be been being has have had do does did will would can could should may might "
                         "must".split())


def _has_verb(words: str) -> bool:
    """A verb among the words after a relative "that": its clause is complete before the cue."""
    return any(w in _AUXILIARIES or w.endswith(("ed", "ing")) and is_verb(w) for w in words.lower().split())


def leading_actor(text: str, start: int, stop: int) -> int:
    """End of the actor phrase at text[start:] (the subject before a coordinated predicate)."""
    m = re.match(r"(?:(?:the|all|both|and|of|five|six|two|three|four|seven|eight|nine|ten|[A-Z][\w.'’-]*|"
                 r"[a-z]{1,3}['’][A-Z][\w.'’-]*|"  # a name particle: "Côte d'Ivoire"
                 r"countries|parties|sides|states|nations|leaders|ministers|governments?|side|delegations?|foreign|"
                 r"prime|deputy|heads?|state|member|officials|representatives|participants|partners|their|"
                 # "X and his Panamanian counterpart, Y, signed": an apposed counterpart is part of the actor
                 r"his|her|counterparts?|colleagues?|minister|"
                 # particles inside a name ("Luiz Inacio Lula da Silva", "Alberto van Klaveren", "Faisal bin Farhan")
                 r"da|de|do|dos|das|di|del|della|van|von|der|den|bin|binti|ibn|al|el|la|le|du|af|ter)"
                 r"\s*,?\s*)+",
                 text[start:stop])
    return start + (m.end() if m else 0)


def speaker_parties(doc: Doc, sent: Sent, text: str, speaker_end: int, frame_start: int, ctx: Context,
                    sent_events: list[EventMention], speaker_codes: set[str] | None, prev_parties: tuple[str, ...],
                    memory: tuple[str, ...], earlier: list[CommitmentMention]) -> tuple[tuple[str, ...], str] | None:
    """(parties, subject as written) of a reporting frame's speaker; a frame coordinated with a clause of
    this sentence ("All parties support X and hold that ...") shares that clause's subject."""
    if earlier and re.search(r"\band\s+(?:also\s+)?$", text[:frame_start]):
        return earlier[-1].parties, earlier[-1].actor_text
    lo, hi = subject_span(text, 0, speaker_end)
    hi = max(leading_actor(text, lo, hi), lo)
    actor = text[lo:hi].strip(" ,")
    if speaker_codes:
        return tuple(sorted(speaker_codes)), actor or text[:speaker_end].strip(" ,")
    if not actor:
        return None
    parties, _ = resolve_subject(doc, sent.start + lo, sent.start + hi, ctx, sent_events, None, prev_parties, memory)
    return (parties, actor) if parties is not None else None


def counterparts(doc: Doc, start: int, end: int, support: bool) -> set[str]:
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


def actor_people(doc: Doc, start: int, end: int) -> tuple[ParticipantMention, ...]:
    """The officials named in a commitment's subject ("President X and President Y have agreed")."""
    return tuple(ParticipantMention("person", p.name, p.name_as_written, p.title, p.country, "participant",
                                    p.name_start, p.name_end)
                 for p in doc.people.starting_in(start, end, doc.limit) if p.name_start < end)


# What may stand beside the organization in a subject that is the organization ("the European Union",
# "NATO's Parliamentary Assembly", "The EU and its Member States").
_ORG_FILLER = re.compile(r"\b(?:the|and|its|their|both|also|other|all|member|states|['’]s?)\b|['’]s?|[,&]", re.I)


def actor_orgs(doc: Doc, start: int, end: int) -> tuple[ParticipantMention, ...]:
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
