"""Private: office-title vocabulary and the office-phrase parser."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from transforms.names.geo import cached_geo
from transforms.names.text import is_word_char, lower_same_length, tidy
from transforms.reference import load
from transforms.reference.names import Offices
from transforms.reference.patterns import trie_alternation
from transforms.names.types import CountryMention, Office, OrgMention

# An office phrase never runs past a line break: titles are the article's first paragraph
# and have no final period, so "... travel to Mexico\n\nMinister of Foreign Affairs Joly"
# must not read "Mexico" as the minister's country. Hence [^\S\n] (a space on the same
# line) instead of \s in every gap below.
_SEPARATOR_RX = re.compile(
    r"(?:[^\S\n]*,[^\S\n]*(?:and[^\S\n]+)?|[^\S\n]+and[^\S\n]+|[^\S\n]*&[^\S\n]*"
    r"|[^\S\n]+[-–—][^\S\n]+|[^\S\n]*[–—][^\S\n]*|[^\S\n]+cum[^\S\n]+)"
)
_SUFFIX_RX = re.compile(r"[^\S\n]+(?P<prep>of|to|for)[^\S\n]+(?:the[^\S\n]+)?")
_POSSESSIVE_GAP_RX = re.compile(r"(?:['’]s)?[^\S\n]+$")
_THE_RX = re.compile(r"(?:the|The|THE)[^\S\n]+")
_PREFIX_GAP_RX = re.compile(r"(?:['’]s)?[^\S\n]+")
# Words before an office phrase that make it not the current holder / not definite.
_NOT_CURRENT = frozenset({"former", "late", "then", "ex", "incoming", "outgoing", "next", "future",
                          "previous", "a", "an", "any", "every", "each", "another"})
_LAST_WORDS_RX = re.compile(r"[\w]+")
# "of the Federal Democratic Republic of Ethiopia": a state's long form before its short name.
_STATE_FORM_RX = re.compile(
    r"(?:(?:Federal|Democratic|Islamic|Socialist|People['’]s|Plurinational|Bolivarian|Arab|United|Federative|"
    r"Cooperative|Oriental|Hashemite|Lao)[^\S\n]+)*(?:Republic|Kingdom|State|Sultanate|Emirate|Commonwealth|"
    r"Principality|Grand[^\S\n]+Duchy|Federation|Union)[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")


@dataclass
class _OfficeTables:
    by_surface: dict[str, str] = field(default_factory=dict)   # casefold surface -> title
    abbreviations: dict[str, str] = field(default_factory=dict)
    abbreviation_countries: dict[str, str] = field(default_factory=dict)
    generic: frozenset[str] = frozenset()
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    portfolios: dict[str, str] = field(default_factory=dict)   # lower-case form -> portfolio
    ranks: dict[str, str] = field(default_factory=dict)        # "vice" -> "Deputy"
    leads: dict[str, str] = field(default_factory=dict)        # "minister of " -> kind
    tails: dict[str, str] = field(default_factory=dict)        # " minister" -> kind
    first_words: frozenset[str] = frozenset()                  # lower-case words opening a title
    portfolio_words: frozenset[str] = frozenset()              # "Defense", "Treasury": not names
    portfolio_titles: frozenset[str] = frozenset()             # "for X" is a brief, not a country
    article_countries: frozenset[str] = frozenset()            # single-word names written with "the"
    unit_rx: re.Pattern | None = None


def _ministry_pattern(data: Offices, tables: _OfficeTables) -> str:
    """Regex (lower-case) for ministerial titles: [rank] lead portfolio | [rank] portfolio tail.

    Built from the templates as two tries ("minister of ", "secretary of state for " ... and
    " minister", " secretary") around a portfolio trie; generating every surface instead
    would mean ~10k strings, a slow compile and a slow scan.
    """
    templates = data.ministry_templates
    plain: set[str] = set()
    extended: set[str] = set()
    for portfolio, entry in data.portfolios.items():
        for form in entry.forms:
            for variant in _spellings(form):
                tables.portfolios[variant] = portfolio
                plain.add(variant)
            if form.endswith(("Affairs", "Relations")):
                for ext in entry.extensions:
                    for variant in _spellings(f"{form} {ext}"):
                        tables.portfolios[variant] = portfolio
                        extended.add(variant)
        for rank in ("", "Deputy ", "First Deputy "):
            tables.vocabulary.add(f"{rank}Minister of {portfolio}")
        tables.vocabulary.add(f"Minister of State for {portfolio}")
    for kind in ("minister", "secretary", "state_minister"):
        for template in templates.get(kind, []):
            before, after = (lower_same_length(part) for part in template.split("{}"))
            if before:
                tables.leads[before] = kind
            else:
                tables.tails[after] = kind
    ranks = {}
    for prefixes in (data.deputy_prefixes, data.secretary_deputy_prefixes):
        for prefix, rank in prefixes.items():
            ranks[lower_same_length(prefix.rstrip("-"))] = rank
    tables.ranks.update(ranks)
    # "the Interior" only follows "Minister of": portfolio-first forms never start with "the".
    leading = sorted(p for p in plain if not p.startswith("the "))
    return (
        f"(?:(?P<rank>{trie_alternation(sorted(ranks))})[ -])?"
        f"(?:(?P<lead>{trie_alternation(sorted(tables.leads))})(?P<pa>{trie_alternation(sorted(plain | extended))})"
        f"|(?P<pb>{trie_alternation(leading)})(?P<tail>{trie_alternation(sorted(tables.tails))}))"
    )


def _spellings(surface: str) -> set[str]:
    """Lower-case spellings of a title: "&" for "and", space for hyphen, both apostrophes."""
    forms = {surface}
    if " and " in surface:
        forms.add(surface.replace(" and ", " & "))
    if "-" in surface:
        forms.add(surface.replace("-", " "))
    if "'" in surface or "’" in surface:
        forms |= {surface.replace("’", "'"), surface.replace("'", "’")}
    return {lower_same_length(tidy(form)) if "’" not in form else lower_same_length(form)
            for form in forms}


@functools.lru_cache(maxsize=1)
def office_tables() -> _OfficeTables:
    """Build (once) the office vocabulary and the office-unit regex."""
    data = load("names/offices.yaml")
    tables = _OfficeTables()
    expanded: set[str] = set()
    for title, variants in data.titles.items():
        tables.vocabulary.add(title)
        for variant in variants:
            for form in _spellings(variant):
                tables.by_surface.setdefault(form, title)
                expanded.add(form)
    ministry = _ministry_pattern(data, tables)
    tables.abbreviations = dict(data.abbreviations)
    tables.abbreviation_countries = dict(data.abbreviation_countries)
    # Local titles ("Taoiseach", "Canciller") are read as written, like abbreviations.
    for surface, local in data.local_titles.items():
        tables.abbreviations[surface] = local.title
        if local.country:
            tables.abbreviation_countries[surface] = local.country
    tables.vocabulary.update(tables.abbreviations.values())
    tables.generic = frozenset(data.generic_titles)
    tables.portfolio_titles = frozenset(data.portfolio_titles)
    tables.article_countries = frozenset(name.casefold() for name in data.article_countries)
    tables.overrides = {
        code: {lower_same_length(tidy(k)): v for k, v in mapping.items()}
        for code, mapping in data.country_overrides.items()
    }
    # Office titles are matched case-insensitively (news text writes "foreign minister"):
    # the regex runs over lower_same_length(text); abbreviations ("PM") must then match the
    # original text exactly. Ministries come first: they are the longer readings
    # ("Minister of State for X" before "Minister of State", "Foreign Minister" before ...).
    expanded |= {a.lower() for a in tables.abbreviations}
    # Words that open an office title; inside a candidate name they end it. Words that are
    # also common given names/surnames are left out.
    openers = {form.split()[0] for form in expanded} | {lead.split()[0] for lead in tables.leads}
    openers |= set(tables.ranks) | {"minister", "secretary"}
    tables.first_words = frozenset(openers - {"yang", "white", "grand", "head", "chief", "custodian",
                                              "member", "sovereign", "heir", "department", "the", "mfa"})
    tables.portfolio_words = frozenset(
        word[:1].upper() + word[1:] for form in tables.portfolios for word in form.split()
        if word.isalpha() and word not in ("and", "the", "of", "for")
    )
    modifiers = sorted(lower_same_length(m) for m in data.modifiers)
    modifier = f"(?:(?:{trie_alternation(modifiers)})[ -])?" if modifiers else ""
    # Every unit starts with one of these words. A look-ahead trie of them rejects most word
    # starts at once; without it the engine tries each of the unit's alternatives (modifier,
    # rank, lead, portfolio, title) at every word, which made this scan ~1/3 slower.
    starts = set(expanded) | set(tables.leads) | set(tables.ranks) | set(modifiers)
    starts |= {form for form in tables.portfolios if not form.startswith("the ")}
    first_words = sorted({re.split(r"[ -]", form, maxsplit=1)[0] for form in starts} - {""})
    tables.unit_rx = re.compile(
        r"\b(?=" + trie_alternation(first_words) + ")" + modifier
        + "(?:" + ministry + "|" + trie_alternation(sorted(expanded)) + r")(?![\w])(?!-\w)"
    )
    return tables


def _unit_at(text: str, low: str, pos: int, tables: _OfficeTables) -> tuple[int, str, str | None] | None:
    """(end, title, implied country) of the office unit starting exactly at pos, if any."""
    match = tables.unit_rx.match(low, pos)
    if match is None or (pos and is_word_char(text[pos - 1])):
        return None
    return _unit_from_match(text, match, tables)


def _unit_from_match(text: str, match: re.Match, tables: _OfficeTables) -> tuple[int, str, str | None] | None:
    start, end = match.span()
    lead, portfolio = match.group("lead"), match.group("pa")
    if lead is None and match.group("pb") is not None:
        lead, portfolio = match.group("tail"), match.group("pb")
    if lead is not None:
        kind = tables.leads.get(lead) or tables.tails[lead]
        portfolio = tables.portfolios[portfolio]
        if kind == "state_minister":
            return end, f"Minister of State for {portfolio}", None
        rank = tables.ranks.get(match.group("rank") or "", "")
        return end, f"{rank + ' ' if rank else ''}Minister of {portfolio}", None
    surface = text[start:end]
    if surface in tables.abbreviations:  # case-sensitive: "PM" yes, "pm" no
        return end, tables.abbreviations[surface], tables.abbreviation_countries.get(surface)
    title = tables.by_surface.get(match.group())
    if title is None and " " in surface:
        # "Acting President": the modifier is not part of the title.
        head, rest = match.group().split(" ", 1)
        title = tables.by_surface.get(rest)
        if title is None and text[end - len(rest):end] in tables.abbreviations:
            title = tables.abbreviations[text[end - len(rest):end]]
    return (end, title, None) if title else None


@dataclass
class OfficeParse:
    """An office phrase found in text (private result of the parser)."""

    start: int                 # including a country/organisation prefix, excluding "the"
    end: int                   # including an "of COUNTRY" / "to COUNTRY" suffix
    units_start: int
    units_end: int
    titles: list[str]
    surfaces: list[str]
    country: str | None
    organization: str | None
    definite: bool             # "the ...", a country prefix/suffix: one specific holder
    current: bool              # not "former", "a", "incoming" ...
    brief_end: int = -1        # end of an envoy's "for X" brief ("for Yemen"), if any

    @property
    def title(self) -> str:
        return " and ".join(self.titles)


class MentionIndex:
    """Country/organisation mentions of one text, indexed by start and end offsets."""

    def __init__(self, text: str):
        countries, orgs, masks = cached_geo(text) if text else ((), (), ())
        self.countries: tuple[CountryMention, ...] = countries
        self.orgs: tuple[OrgMention, ...] = orgs
        # Regions such as "Indo-Pacific" (and organisation names): never part of a name.
        self.mask_starts: dict[int, int] = dict(masks)   # start -> end
        # Dicts by offset make the prefix/suffix checks O(1).
        self.country_by_start = {m.start: m for m in countries}
        self.country_by_end = {m.end: m for m in countries}
        self.org_by_start = {m.start: m for m in orgs}
        self.org_by_end = {m.end: m for m in orgs}


_WORD_BEFORE_RX = re.compile(r"[A-Z][a-z]+$")


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Words of titles that stand between a country and an office unit (titles.yaml, offices' portfolios)."""
    data = load("names/titles.yaml")
    return frozenset(data.title_words) | frozenset(data.modifiers) | office_tables().portfolio_words


def _before_portfolio(text: str, end: int, index: MentionIndex, tables: _OfficeTables) -> int:
    """Where a country or organisation prefix ends: `end`, or before up to three words of titles
    (portfolios, modifiers: titles.yaml) when one stands there ("Japanese Defense Vice Minister": the
    unit is "Vice Minister"; "Norwegian Fisheries State Secretary")."""
    pos = end
    for _ in range(3):
        if pos in index.country_by_end or pos in index.org_by_end:
            return pos
        word = _WORD_BEFORE_RX.search(text, max(0, pos - 24), pos)
        if word is None or word.group() not in _title_words():
            return end
        gap = _POSSESSIVE_GAP_RX.search(text, max(0, word.start() - 4), word.start())
        if gap is None:
            return end
        pos = gap.start()
    return pos if pos in index.country_by_end or pos in index.org_by_end else end


def parse_office_at(text: str, low: str, unit: tuple[int, int, str, str | None],
                    index: MentionIndex) -> OfficeParse:
    """Parse the compound office phrase whose first unit is (start, end, title, country)."""
    tables = office_tables()
    units_start, pos, first, country = unit
    titles, surfaces = [first], [text[units_start:pos]]
    # Further units joined by "and", ",", "–": "Deputy Prime Minister and Minister of ...".
    while True:
        sep = _SEPARATOR_RX.match(text, pos)
        if not sep:
            break
        found = _unit_at(text, low, sep.end(), tables)
        if not found:
            break
        surfaces.append(text[sep.end():found[0]])
        titles.append(found[1])
        country = country or found[2]
        pos = found[0]
    units_end = end = pos
    organization = None
    start = units_start
    definite = False
    # Prefix: "Kazakh ", "Kazakhstan's ", "U.S. ", "UN ", also before a portfolio the unit does not
    # hold ("Japanese Defense Vice Minister", "Philippine Trade Undersecretary").
    gap = _POSSESSIVE_GAP_RX.search(text, max(0, units_start - 4), units_start)
    if gap:
        prefix_end = _before_portfolio(text, gap.start(), index, tables)
        if prefix_end in index.country_by_end:
            mention = index.country_by_end[prefix_end]
            country, start, definite = mention.code, mention.start, True
        elif prefix_end in index.org_by_end:
            mention = index.org_by_end[prefix_end]
            organization, start, definite = mention.name, mention.start, True
    # Suffix: "of Kazakhstan", "of the People's Republic of China", "to the United Nations".
    # Only "of" gives the office its country/organisation. "to X" is a posting ("Ambassador
    # to Mexico") and, for envoys, "for X" a brief ("U.S. Special Envoy for Yemen",
    # "Special Representative for the DPRK"): part of the phrase, not the holder's country.
    brief = not tables.portfolio_titles.isdisjoint(titles)
    brief_end = -1
    for _ in range(2):
        suffix = _SUFFIX_RX.match(text, end)
        if not suffix:
            break
        prep, at = suffix.group("prep"), suffix.end()
        if prep == "for" and not brief:
            break
        place = index.country_by_start.get(at)
        state = _STATE_FORM_RX.match(text, at) if place is None else None
        place = index.country_by_start.get(state.end()) if state else place
        if place is not None and state is None and the_qualifier(suffix.group(), place, tables):
            break  # "President of the Uruguay XXI agency": the country word qualifies a noun
        if place is not None and place.kind != "demonym":
            # "of Kazakhstan", but not "of the Russian Security Council" (a demonym).
            if prep == "of":
                country = place.code
            end = place.end
        elif at in index.org_by_start:
            mention = index.org_by_start[at]
            if prep == "of":
                organization = mention.name
            end = mention.end
        elif brief and prep != "of" and at in index.mask_starts:
            end = index.mask_starts[at]   # "Special Envoy for the Horn of Africa"
        else:
            break
        if prep == "for":
            brief_end = end
        definite = True
    if country and country in tables.overrides:
        overrides = tables.overrides[country]
        titles = [overrides.get(lower_same_length(tidy(s)), t) for s, t in zip(surfaces, titles)]
    window = max(0, start - 30)
    before = text[max(window, text.rfind("\n", window, start) + 1):start]
    if before.endswith(("the ", "The ", "THE ")):
        definite = True
    # "former Foreign Minister", "a foreign minister", "then-President": not the holder.
    last_words = _LAST_WORDS_RX.findall(before.lower())[-2:]
    current = not any(w in _NOT_CURRENT for w in last_words)
    return OfficeParse(start, end, units_start, units_end, titles, surfaces, country,
                       organization, definite, current, brief_end)


_STATE_WORDS = frozenset({"republic", "united", "kingdom", "states", "islands", "emirates", "federation", "union"})


def the_qualifier(gap: str, place: CountryMention, tables: _OfficeTables) -> bool:
    """"of the Uruguay ...": a country name that is not written with "the" after "the" qualifies a noun
    (an agency, a company), and is not the office's country (offices.yaml article_countries)."""
    if not gap.rstrip().endswith(("the", "The")) or place.kind != "name":
        return False
    words = place.text.split()
    written = place.text.casefold()
    return not (written.endswith("s") or written in tables.article_countries or place.text.isupper()
                or _STATE_WORDS.intersection(w.casefold() for w in words))


def find_offices(text: str, low: str | None = None,
                 index: MentionIndex | None = None) -> list[OfficeParse]:
    """All office phrases in text, left to right, non-overlapping."""
    if not text:
        return []
    low = lower_same_length(text) if low is None else low
    index = index or MentionIndex(text)
    tables = office_tables()
    out: list[OfficeParse] = []
    consumed = -1
    for match in tables.unit_rx.finditer(low):
        start = match.start()
        if start < consumed:  # the pattern's \b already guarantees a word start
            continue
        unit = _unit_from_match(text, match, tables)
        if unit is None:
            continue
        parsed = parse_office_at(text, low, (start, *unit), index)
        out.append(parsed)
        consumed = parsed.end
    return out


def office_at_start(text: str, index: MentionIndex | None = None) -> OfficeParse | None:
    """The office phrase at the very start of text (after "the" / a country prefix), if any."""
    low = lower_same_length(text)
    tables = office_tables()
    # Cheap exit for the common case (a plain name): no office word anywhere.
    if tables.unit_rx.search(low) is None:
        return None
    index = index or MentionIndex(text)
    offset = 0
    the = _THE_RX.match(text)
    if the:
        offset = the.end()
    prefix = index.country_by_start.get(offset) or index.org_by_start.get(offset)
    if prefix is not None:
        gap = _PREFIX_GAP_RX.match(text, prefix.end)
        if gap:
            offset = gap.end()
    unit = _unit_at(text, low, offset, tables)
    if unit is None:
        return None
    return parse_office_at(text, low, (offset, *unit), index)


def normalize_office(text: str) -> Office | None:
    """Normalised office (title, country ISO3, organisation) for an office phrase."""
    if not isinstance(text, str):
        return None
    cleaned = tidy(text).strip(" \t,;:.")
    if not cleaned:
        return None
    parsed = office_at_start(cleaned)
    if parsed is None:
        return None
    return Office(parsed.title, parsed.country, parsed.organization)


def split_title(title: str | None) -> list[str]:
    """Parts of a compound title ("Deputy Prime Minister and Minister of ...")."""
    if not title:
        return []
    vocabulary = office_tables().vocabulary
    if title in vocabulary:
        return [title]
    out: list[str] = []
    for part in title.split(" and "):
        # "Minister of State for X and Y" style pieces that are not titles stay joined.
        if out and part not in vocabulary:
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out
