"""The rule-based person finder: office + name, honorific + name, gazetteer aliases, appositions, surnames."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from transforms.names.office import MentionIndex, OfficeParse, find_offices, office_tables
from transforms.names.gazetteer import Gazetteer, as_date, default_gazetteer
from transforms.names.geo import lookalike
from transforms.names.people import canonical_cached, particles, person_key, surname_of
from transforms.names.text import is_word_char, lower_same_length, upper_class
from transforms.names.name_words import demonym_inside, numeral, place_end, two_name_words
from transforms.names.shapes import country_tagged_spans, listed_spans, retitle
from transforms.names.titled import title_case_line, title_words, titled_spans
from transforms.names.same_office import title_compatible
from transforms.names.types import PersonMention
from transforms.reference.patterns import trie_alternation

_UP = upper_class()
_LET = r"[^\W\d_]"
_SP = r"[^\S\n]+"                         # spaces that stay on the same line
_NAME_END = r"(?![\w])(?!['’](?![sS](?![\w]))\w)(?!-\w)"  # not "Xi'an", "Lee Jae-myung"
_OF_RX = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")
_COMMA_RX = re.compile(r",[^\S\n]+")
_APPOSED_END_RX = re.compile(r",[^\S\n]")
_ONE_NAME_RX = re.compile(rf"{_UP}[^\W\d_]+(?:-{_UP}[^\W\d_]+)*")
_ABBREVIATED_RX = re.compile(r"\.[^\S\n]+")
_TO_THE_RX = re.compile(r"(?P<word>[\w'’\-]+)[^\S\n]+(?:to|for|of) the[^\S\n]+$", re.IGNORECASE)
_APPOSITION_BEFORE_RX = re.compile(r",[^\S\n]+(?:(?:the|The)[^\S\n]+)?$")
_WS_RX = re.compile(r"[^\S\n]+")
_TOKEN_RX = re.compile(r"\S+")


@functools.lru_cache(maxsize=1)
def _name_rx() -> tuple[re.Pattern, re.Pattern]:
    """Regexes for a capitalised person name (and the same anchored at the end of a window)."""
    p = particles()
    word = rf"{_UP}(?:{_LET}|['’](?={_LET}))*(?:-{_LET}+(?:['’]{_LET}+)?)*"
    # "S.", "J.R.", "K.Ch." (a digraph after the first initial), "Ts." (a digraph initial of name_particles.yaml)
    initial = rf"(?:{_UP}|{trie_alternation(sorted(p.initial_digraphs))})\.(?:-?{_UP}[a-z]?\.)*"
    glued = rf"(?:(?:{trie_alternation(sorted(p.hyphen_particles))})-|(?:{trie_alternation(sorted(p.apostrophe_particles))})['’]){_UP}{_LET}*"
    token = rf"(?:{initial}|{word}|{glued})"
    # A patronymic word joins a name or ends it ("Elchin Ilham oglu Amirbayov", "Mammadov Elnur Ramiz oglu").
    patronymic = rf"(?:{trie_alternation(sorted(p.patronymic_words_as_written))})"
    particle = rf"(?:{trie_alternation(sorted(p.particles))}|{patronymic})"
    name = rf"{token}(?:{_SP}(?:{particle}{_SP})*{token}){{0,6}}(?:{_SP}{patronymic}(?!{_SP}{_UP}))?"
    suffix = rf"(?:,?{_SP}(?:Jr|Sr)\b\.?|,?{_SP}(?:II|III|IV)\b)?"
    return re.compile(name + suffix + _NAME_END), re.compile(rf"(?:{name})$")


_NO_ONE = Gazetteer()


@dataclass
class _Scan:
    """Per-text state of find_people."""

    text: str
    low: str
    index: MentionIndex
    gazetteer: Gazetteer
    on_date: date | None
    occupied: bytearray

    def free(self, start: int, end: int) -> bool:
        """True when no earlier mention covers any character of [start, end)."""
        return self.occupied.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        """Mark [start, end) as covered by a mention."""
        self.occupied[start:end] = b"\x01" * (end - start)


def _trim_name(scan: _Scan, start: int, end: int) -> tuple[int, int] | None:
    """Cut a regex-matched name at stop words, places, organisations, office words."""
    text = scan.text
    p = particles()
    tokens = [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN_RX.finditer(text[start:end])]
    kept: list[tuple[int, int, str]] = []
    tables = office_tables()
    words = title_words()
    index = scan.index
    cut = None
    for i, (ts, te, tok) in enumerate(tokens):
        bare = tok.rstrip(",.")
        # Headings in capitals: "CONCLUDES" is the stop word "Concludes".
        cased = bare.title() if bare.isupper() and len(bare) > 1 else bare
        initial = len(bare) == 1 and tok.endswith(".")          # "A." in "Barbara A. Leaf"
        stop = not initial and (cased in p.stop_tokens or bare in tables.portfolio_words
                                or (i == 0 and (words.blocks_name(cased)   # "Minister Delegate"
                                                or numeral(bare)))  # "Foreign Minister II Dato X"
                                or (bare == "May" and re.match(r"\s*\d", text[te:te + 3])))
        if stop and i == 0 and cased in p.calendar_given_names and two_name_words(tokens[1:3], p):
            stop = False  # "Foreign Minister Monday Semaya Kumba": a given name, not the weekday
        place = ts in index.country_by_start or ts in index.org_by_start or ts in index.mask_starts
        # A second office ("President Xi Jinping President Tokayev", "... Jane Doe Deputy ...") ends the name.
        # ... unless it follows "bin": the father's name ("Hamad bin Sultan Al Busaidi").
        office = i > 0 and (bare.lower() in tables.first_words or words.ends_name(bare)) \
            and tokens[i - 1][2] not in p.father_connectors
        if place and i > 0 and demonym_inside(index, ts, tokens, i):
            place = False  # "Pham Thai Giang": a demonym between two words of a name
        if place and i > 0 and not office and not stop:
            # "Luis Montenegro", "Israel Katz": a country word that completes a known name.
            place = canonical_cached(text[tokens[0][0]:te], None, scan.gazetteer) not in scan.gazetteer.people
        if stop or office or (place and i > 0):
            cut = i
            break
        kept.append((ts, te, tok))
        if tok.endswith(("'s", "’s")):  # "President Biden's Indo-Pacific strategy"
            break
    if cut:
        # A known name may contain a stop word ("Alain Claude Bilie By Nze"): longest wins.
        for j in range(len(tokens) - 1, cut - 1, -1):
            if scan.gazetteer.exact(text[tokens[0][0]:tokens[j][1]]):
                return tokens[0][0], tokens[j][1]
    if not kept:
        return None
    # Trailing particles ("... bin") and a lone country word ("President Kazakhstan").
    while kept and kept[-1][2].islower() and kept[-1][2] not in p.patronymic_words_as_written:
        kept.pop()
    if not kept:
        return None
    if place_end(index, kept[0][0]) >= kept[-1][1] - (2 if kept[-1][2].endswith(("'s", "’s")) else 0):
        return None  # the whole run is a place ("Kazakhstan", "Solomon Islands"), not "Israel Katz"
    start, end = kept[0][0], kept[-1][1]
    if text[end - 2:end] in ("'s", "’s"):
        end -= 2
    while end > start and text[end - 1] in ",":
        end -= 1
    return (start, end) if end > start else None


def _name_at(scan: _Scan, pos: int) -> tuple[int, int] | None:
    """Span of the person name starting at pos (after optional honorifics), trimmed."""
    text = scan.text
    p = particles()
    for _ in range(4):
        if p.keep_rx is not None and p.keep_rx.match(text, pos):
            break
        honorific = p.honorific_rx.match(text, pos)
        if not honorific or honorific.end() == pos:
            break
        pos = honorific.end()
    match = _name_rx()[0].match(text, pos)
    if match is None:
        return None
    return _trim_name(scan, pos, match.end())


def _weak_honorific_ok(scan: _Scan, honorific: str, name_span: tuple[int, int]) -> bool:
    """"General Halevi" but not "General Motors": a rank that is also an ordinary word needs
    a two-word name or a name the gazetteer knows."""
    if honorific.rstrip(". ") not in particles().weak_honorifics:
        return True
    written = scan.text[name_span[0]:name_span[1]]
    if len(written.split()) >= 2:
        return True
    return canonical_cached(written, None, scan.gazetteer) in scan.gazetteer.people


def _mention(scan: _Scan, start: int, end: int, name_span: tuple[int, int], title: str | None,
             country: str | None, organization: str | None) -> PersonMention | None:
    """Build a PersonMention: canonical name, gazetteer-refined title and country."""
    g = scan.gazetteer
    ns, ne = name_span
    written = scan.text[ns:ne]
    # "PM Lee", "Prime Minister Kishida": the holder of that office whose surname this is
    # (stronger evidence than a spelling match, which would turn Haiti's "Henry" into "Henri").
    name = None
    if title and len(written.split()) == 1:
        token = person_key(written.rstrip("."))
        if country and scan.on_date:
            # "Malaysian King Abdullah": the holder on that date, if the word is in his name.
            holder = g.holder(country, title, scan.on_date)
            if holder and token in person_key(holder).split():
                name = holder
        name = name or g.holder_by_surname(token, title, scan.on_date, country)
    name = name or canonical_cached(written, country, g)
    if title and g.royal_mismatch(name, title):
        name = canonical_cached(written, country, _NO_ONE)  # "Sultan Ibrahim": not PM Anwar Ibrahim
    if not name:
        return None
    record = g.people.get(name)
    if record is None and title_case_line(scan.text, ns):
        return None  # "Deputy Minister Lauds Progress On Trade Deal": a heading's words, not a name
    if record is not None:
        country = record.country if lookalike(country, record.country) else country or record.country
        organization = organization or record.organization
        title = _refine_title(title, name, g, scan.on_date)
    return PersonMention(start, end, ns, ne, written, name, title, country, organization)


def _refine_title(title: str | None, person: str, g: Gazetteer, on_date: date | None) -> str | None:
    """A bare "Secretary"/"Minister" becomes the office the gazetteer says the person holds."""
    generic = office_tables().generic
    if title is None or title not in generic:
        return title
    terms = (on_date and g.offices_of(person, on_date)) or g.offices_of(person)
    for term in terms:
        if title_compatible(title, term.office):
            return term.office
    return title


def _office_mentions(scan: _Scan, offices: list[OfficeParse]) -> tuple[list[PersonMention], list[OfficeParse]]:
    """(a) office phrase + name; returns the mentions and the offices with no name after them."""
    out, bare = [], []
    text = scan.text
    for office in offices:
        if not scan.free(office.start, office.end) or _after_father_connector(text, office.start):
            continue  # inside the name of an earlier mention ("... Minister Amir Khan Muttaqi", "bin Sultan")
        gap = _WS_RX.match(text, office.end)
        name_span = _name_at(scan, gap.end()) if gap else None
        if name_span is None and office.definite:
            # "Kazakhstan's Foreign Minister, Murat Nurtleu, said": a comma, then a full name.
            comma = _COMMA_RX.match(text, office.end)
            if comma:
                candidate = _name_at(scan, comma.end())
                if candidate and (len(text[candidate[0]:candidate[1]].split()) >= 2
                                  or office.country and _APPOSED_END_RX.match(text, candidate[1])
                                  and _ONE_NAME_RX.fullmatch(text, candidate[0], candidate[1])):
                    # One word only set off by commas after a state's office: "the Indonesian
                    # Ambassador to Malaysia, Hermono, called on ..." (single-name officials).
                    name_span = candidate
        if name_span is not None and office.brief_end == office.end \
                and not _known_after_brief(scan, name_span, office):
            name_span = None
        if name_span is None:
            bare.append(office)
            continue
        if office.start == office.units_start and len(office.titles) == 1 \
                and scan.gazetteer.exact(text[office.start:name_span[1]]):
            # "Amir Khan Muttaqi": a known name that begins with a title word.
            name_span = (office.start, name_span[1])
            built = _mention(scan, office.start, name_span[1], name_span, None, None, None)
            if built:
                out.append(built)
                scan.take(built.start, built.end)
            continue
        joint = _OF_RX.match(text, name_span[1])
        if joint is None and name_span[1] - text.rfind(" ", name_span[0], name_span[1]) <= 4:
            joint = _ABBREVIATED_RX.match(text, name_span[1])  # only after a short word: "Th."
        if joint:
            # "King Abdullah of Pahang", "Guðni Th. Jóhannesson": names the gazetteer knows
            # that run past where the name pattern stops.
            extended = _name_at(scan, joint.end())
            if extended and scan.gazetteer.exact(text[name_span[0]:extended[1]]):
                name_span = (name_span[0], extended[1])
        end = name_span[1]
        country = office.country
        title, organization = office.title, office.organization
        if _staff_of(text, office.start):
            # "Senior Advisor to the President Amos Hochstein": not his office.
            title = organization = country = None
        suffix = _OF_RX.match(text, end)
        if suffix and suffix.end() in scan.index.country_by_start:
            mention = scan.index.country_by_start[suffix.end()]
            country = country or mention.code
            end = mention.end
        start = office.start if title else name_span[0]
        built = _mention(scan, start, end, name_span, title, country, organization)
        if built:
            out.append(built)
            scan.take(built.start, built.end)
    return out, bare


def _staff_of(text: str, pos: int) -> bool:
    """An office after "<title> to/of the" is whom the person serves, not theirs ("Senior Advisor to the
    President Amos Hochstein"); after another word it is theirs ("at the invitation of the Minister X")."""
    before = _TO_THE_RX.search(text, max(0, pos - 40), pos)
    if before is None:
        return False
    word = before.group("word")
    words = title_words()
    return words.blocks_name(word.capitalize()) or word.lower() in words.lowercase_heads


_WORD_BEFORE_RX = re.compile(r"(\w+)[^\S\n]+$")


def _after_father_connector(text: str, pos: int) -> bool:
    """A title word right after "bin"/"ibn" is the father's name ("Hamad bin Sultan Al Busaidi")."""
    word = _WORD_BEFORE_RX.search(text, max(0, pos - 12), pos)
    return bool(word) and word.group(1) in particles().father_connectors


def _titled_mentions(scan: _Scan) -> tuple[list[PersonMention], list]:
    """(a') titles offices.yaml does not know, read by their grammar (titles.yaml): "Khokim of
    Samarkand Region Erkin Rashidov"; returns the mentions and the titles with no name after them."""
    out = []
    spans, bare = titled_spans(scan, _name_rx()[0], _trim_name)
    for title, (ns, ne), label in spans:
        start = title.start if scan.free(title.start, ne) else ns
        if not scan.free(start, ne):
            continue
        built = _mention(scan, start, ne, (ns, ne), label if start == title.start else None,
                         title.country, title.organization)
        if built:
            out.append(built)
            scan.take(built.start, built.end)
    return out, bare


def _listed_mentions(scan: _Scan, found: list[PersonMention]) -> list[PersonMention]:
    """(a'') the further names after a plural title ("Deputy Prime Ministers Jane Doe and John Roe")."""
    out = []
    for first, (ns, ne) in listed_spans(scan, found, _name_at):
        built = _mention(scan, ns, ne, (ns, ne), first.title, None, first.organization)
        if built:
            out.append(built)
            scan.take(ns, ne)
    return out


def _country_tagged_mentions(scan: _Scan) -> list[PersonMention]:
    """(b') "Jane Doe (Kenya)": a name with its country in parentheses (lists of participants)."""
    out = []
    for (ns, ne), code, org in country_tagged_spans(scan, _name_rx()[0], _trim_name):
        built = _mention(scan, ns, ne, (ns, ne), None, code, org)
        if built:
            out.append(built)
            scan.take(built.start, built.end)
    return out


def _known_after_brief(scan: _Scan, name_span: tuple[int, int], office: OfficeParse) -> bool:
    """A brief may run on past its place ("Special Representative for Korean Peninsula Peace
    and Security ..."): one capitalised word after it is a name only if the gazetteer knows it."""
    written = scan.text[name_span[0]:name_span[1]]
    if len(written.split()) >= 2:
        return True
    g = scan.gazetteer
    if g.holder_by_surname(person_key(written.rstrip(".")), office.title, scan.on_date, office.country):
        return True
    return canonical_cached(written, office.country, g) in g.people


def _bare_office_mentions(scan: _Scan, offices: list[OfficeParse], anaphora: bool,
                          named: list[PersonMention]) -> list[PersonMention]:
    """A definite, current office with no name: the person the text itself names with that office and country
    ("Foreign Minister Javier Soto of Peru ... the Foreign Minister of Peru"), else its holder on the date in the
    gazetteer (or an anaphor)."""
    told = {(m.country, m.title.lower()): m.name for m in named if m.name and m.country and m.title}
    out = []
    for office in offices:
        if not (office.current and office.definite) or not scan.free(office.start, office.end):
            continue
        holder = told.get((office.country, (office.title or "").lower()))
        if holder is None and scan.on_date and office.country:
            holder = scan.gazetteer.holder(office.country, office.title, scan.on_date)
        if holder or anaphora:
            written = scan.text[office.start:office.end]
            record = scan.gazetteer.people.get(holder or "")
            country = office.country or (record.country if record else None)
            out.append(PersonMention(office.start, office.end, office.start, office.end, written,
                                     holder or "", office.title, country, office.organization))
            scan.take(office.start, office.end)
    return out


def _honorific_mentions(scan: _Scan) -> list[PersonMention]:
    """Honorific + name without an office: "H.E. Mr. Wang Yi", "Dr Vivian Balakrishnan"."""
    out = []
    text = scan.text
    p = particles()
    for match in p.scan_honorific_rx.finditer(text):
        start = match.start()
        if (start and is_word_char(text[start - 1])) or not scan.free(start, match.end()):
            continue
        keep = p.keep_rx.match(text, start) if p.keep_rx is not None else None
        name_span = _name_at(scan, start if keep else match.end())
        if name_span is None or not scan.free(start, name_span[1]):
            continue
        if not keep and not _weak_honorific_ok(scan, match.group(), name_span):
            continue
        built = _mention(scan, start, name_span[1], name_span, None, None, None)
        if built:
            out.append(built)
            scan.take(built.start, built.end)
    return out


@functools.lru_cache(maxsize=8)
def _alias_rx(gazetteer: Gazetteer) -> re.Pattern | None:
    """One case-sensitive trie of every gazetteer name and alias (built once per gazetteer)."""
    # As written only (plus a capitalised first letter for "von der Leyen"): names in body
    # text are mixed case, and every extra casing doubles the (slow) regex compile.
    surfaces = set()
    for surface in gazetteer.surfaces:
        if len(surface) <= 2 and surface.isupper():
            continue  # "HH": far more often "His Highness" than a person
        if len(surface) >= 2:
            surfaces.add(surface[:1].upper() + surface[1:])
    if not surfaces:
        return None
    return re.compile("(?:" + trie_alternation(sorted(surfaces)) + ")" + _NAME_END)


def _alias_mentions(scan: _Scan) -> list[PersonMention]:
    """(b) any gazetteer name or alias appearing in the text."""
    rx = _alias_rx(scan.gazetteer)
    if rx is None:
        return []
    return _bare_mentions(scan, ((m.start(), m.end(), " " not in m.group()) for m in rx.finditer(scan.text)))


def _bare_mentions(scan: _Scan, spans) -> list[PersonMention]:
    """Mentions for names found without an office, from (start, end, single_word) spans in text order."""
    out = []
    for start, end, single_word in spans:
        if not _bare_name_ok(scan, scan.text, start, end, single_word=single_word):
            continue
        built = _mention(scan, start, end, (start, end), None, None, None)
        if built:
            out.append(built)
            scan.take(start, end)
    return out


def _bare_name_ok(scan, text: str, start: int, end: int, single_word: bool) -> bool:
    """A name found without an office: whole word, not taken, not a country, organisation or
    region ("Montenegro" the country, not Luís Montenegro), and not part of a longer name."""
    if (start and (is_word_char(text[start - 1]) or text[start - 1] in "-'’")) or not scan.free(start, end):
        return False
    index = scan.index
    if start in index.country_by_start or start in index.org_by_start or start in index.mask_starts:
        return False
    return not (single_word and _inside_longer_name(scan, start, end))


_NEXT_WORD_RX = re.compile(r"[^\S\n]+([\w'’.-]+)")
_PREV_WORD_RX = re.compile(r"([\w'’.-]+)[^\S\n]+$")


def _inside_longer_name(scan: _Scan, start: int, end: int) -> bool:
    """A bare alias/surname next to another capitalised word is part of a different name
    ("Carlos Alvarado", "Juan Carlos", "Qin Shihuang")."""
    p = particles()
    after = _NEXT_WORD_RX.match(scan.text, end)
    if after and after.group(1)[:1].isupper() and after.group(1).rstrip(".,") not in p.stop_tokens \
            and after.start(1) not in scan.index.country_by_start and after.start(1) not in scan.index.org_by_start:
        return True
    before = _PREV_WORD_RX.search(scan.text, max(0, start - 40), start)
    if before and before.group(1)[:1].isupper() and before.group(1).rstrip(".,") not in p.stop_tokens \
            and not before.group(1).endswith(".") and before.start(1) not in scan.index.country_by_start:
        # Sentence-initial adverbs ("Later Qin said") are stop tokens, so they do not get here.
        return True
    return False


def _apposition_mentions(scan: _Scan, offices: list[OfficeParse]) -> list[PersonMention]:
    """(c) "Murat Nurtleu, Deputy Prime Minister ... of Kazakhstan," (name, then office)."""
    out = []
    text = scan.text
    tail_rx = _name_rx()[1]
    for office in offices:
        if not scan.free(office.start, office.end):
            continue
        lead = _APPOSITION_BEFORE_RX.search(text, max(0, office.start - 8), office.start)
        if not lead:
            continue
        window_start = max(0, lead.start() - 80)
        match = tail_rx.search(text, window_start, lead.start())
        if not match:
            continue
        span = _trim_leading(scan, match.start(), match.end())
        if span is None or span[1] != match.end() or not scan.free(span[0], office.end):
            continue  # the name must end right at the comma ("... Organization, the Secretary")
        if len(text[span[0]:span[1]].split()) < 2:
            continue
        if not office.definite and canonical_cached(text[span[0]:span[1]], None, scan.gazetteer) \
                not in scan.gazetteer.people:
            continue  # "Founding Partner, Chairman and CEO": needs "the"/a country, or a known name
        built = _mention(scan, span[0], office.end, span, office.title, office.country, office.organization)
        if built:
            out.append(built)
            scan.take(built.start, built.end)
    return out


def _trim_leading(scan: _Scan, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading stop words ("On Monday, ..."), then validate like a forward name."""
    p = particles()
    for m in _TOKEN_RX.finditer(scan.text, start, end):
        tok = m.group().rstrip(",.")
        if tok in p.stop_tokens or m.start() in scan.index.country_by_start or tok.islower():
            start = m.end()
            continue
        start = m.start()
        break
    else:
        return None
    return _trim_name(scan, start, end)


def _surname_mentions(scan: _Scan, found: list[PersonMention]) -> list[PersonMention]:
    """(d) bare surnames of people already found in this text ("Blinken said", "Qin noted")."""
    g = scan.gazetteer
    p = particles()
    owners: dict[str, set[str]] = {}
    for mention in found:
        tokens = mention.name.split()
        if len(tokens) < 2 or any(t.islower() for t in tokens):  # skip "bin"/"al" names
            continue
        record = g.people.get(mention.name)
        surname = g.surnames.get(mention.name) or surname_of(mention.name, record.name_order if record else None)
        if not surname or len(surname) < 2 or surname in p.stop_tokens or not surname[0].isupper():
            continue
        owners.setdefault(surname, set()).add(mention.name)
        if len(tokens) >= 3 and surname == tokens[-1] and tokens[-2][:1].isupper():
            # "Ingrid Solheim Berg" is "Solheim Berg", "Alejandra Ruiz Cárdenas" "Ruiz Cárdenas".
            owners.setdefault(" ".join(tokens[-2:]), set()).add(mention.name)
    surnames = [s for s, names in owners.items() if len(names) == 1]
    if not surnames:
        return []
    spans = _literal_spans(scan.text, surnames)
    return _bare_mentions(scan, ((start, end, " " not in scan.text[start:end]) for start, end in spans))


_NAME_END_RX = re.compile(_NAME_END)


_MAX_FIND_WORDS = 64


def _literal_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Spans where one of words occurs followed by a name end, left to right, not overlapping
    (the longer word first at one position), as finditer over their trie would give.

    str.find per word instead of a regex: the word set differs in every article, and
    compiling a pattern for each (~1 ms) cost more than the whole scan. Past _MAX_FIND_WORDS
    words one trie pattern is compiled instead: a pass over the text per word grew with the
    square of a text naming thousands of people.
    """
    if len(words) > _MAX_FIND_WORDS:
        return [m.span() for m in re.finditer(f"(?:{trie_alternation(words)}){_NAME_END}", text)]
    hits = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if _NAME_END_RX.match(text, end):
                hits.append((at, -end))
            at = text.find(word, at + 1)
    hits.sort()
    out, last = [], -1
    for start, neg_end in hits:
        if start >= last:
            out.append((start, -neg_end))
            last = -neg_end
    return out


def find_people(text: str, on_date: date | None = None, *, gazetteer: Gazetteer | None = None,
                anaphora: bool = False) -> list[PersonMention]:
    """Person mentions in text (see transforms.names.find_people)."""
    if not text or not isinstance(text, str):
        return []
    scan = _Scan(text, lower_same_length(text), MentionIndex(text), gazetteer or default_gazetteer(),
                 as_date(on_date), bytearray(len(text)))
    offices = find_offices(text, scan.low, scan.index)
    found, bare = _office_mentions(scan, offices)
    titled, open_bare = _titled_mentions(scan)
    found += titled
    found += _listed_mentions(scan, found)
    found += _honorific_mentions(scan)
    found += _country_tagged_mentions(scan)
    found += _apposition_mentions(scan, bare + open_bare)
    found = retitle(scan, found, bare + open_bare)
    found += _bare_office_mentions(scan, bare, anaphora, found)
    found += _alias_mentions(scan)
    found += _surname_mentions(scan, found)
    found.sort(key=lambda m: (m.start, m.end))
    return found


# --------------------------------------------------------------------------- coreference
