"""Private: country and organisation vocabularies, lookups and text scanners."""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field

import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from transforms.names.text import (
    ascii_fold,
    case_variants,
    dotted_variants,
    is_word_char,
    name_key,
    surface_variants,
    tidy,
)
from transforms.reference import load
from transforms.reference.patterns import trie_alternation
from transforms.names.types import CountryMention, OrgMention

# Scanners are ONE case-sensitive trie of the surfaces in the casings they appear in (as
# written, UPPER, Title Case): a pattern that starts with a bare trie of upper-case-initial
# words lets the regex engine skip most positions, which a leading look-behind, (?i:) or a
# top-level group alternation would defeat. The left word boundary is checked afterwards.
_RIGHT = r"(?![\w])"
_TOKEN_RX = re.compile(r"[\w'’]+|[^\w\s]")
_THE_RX = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE_RX = re.compile(r"(?:['’]s|(?<=s)['’])$")
_MISS = object()


@dataclass
class _CountryTables:
    names: dict[str, str] = field(default_factory=dict)        # name_key -> ISO3
    demonyms: dict[str, str] = field(default_factory=dict)     # name_key -> ISO3
    abbreviations: dict[str, str] = field(default_factory=dict)  # exact text -> ISO3
    codes: dict[str, str] = field(default_factory=dict)        # ISO3 / ISO2 exact -> ISO3
    combining: dict[str, str] = field(default_factory=dict)    # "Sino" -> CHN
    masks: set[str] = field(default_factory=set)               # name_keys of non-countries
    fuzzy_masks: dict[str, list[tuple[list[str], list[str]]]] = field(default_factory=dict)
    fuzzy_choices: list[str] = field(default_factory=list)
    fuzzy_folded: list[str] = field(default_factory=list)
    fuzzy_codes: list[str | None] = field(default_factory=list)
    scan_rx: re.Pattern | None = None
    combining_rx: re.Pattern | None = None
    scan_abbr: frozenset[str] = frozenset()
    org_abbr: dict[str, str] = field(default_factory=dict)   # exact -> organisation
    memo: dict[str, tuple[str, str, str] | None] = field(default_factory=dict)


def _split_pycountry_name(name: str) -> list[str]:
    """pycountry "Korea, Republic of" -> ["Korea, Republic of", "Korea", "Republic of Korea"]."""
    out = [name]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare != name:
        out.append(bare)
    if "," in bare:
        head, tail = (part.strip() for part in bare.split(",", 1))
        out.append(head)
        # Invert only "..., Republic of" / "..., The ... of the" / "..., British" forms;
        # "Taiwan, Province of China" and "Bonaire, Sint Eustatius and Saba" are lists.
        if re.search(r"\bof(?: the)?$", tail, re.I) or " " not in tail:
            out.append(f"{tail} {head}")
    return out


def _demonym_plurals(demonym: str) -> list[str]:
    """Regular English plurals of a demonym ("Kazakh" -> "Kazakhs"), none for "Swiss"."""
    low = demonym.lower()
    if low.endswith(("ese", "sh", "ch", "ss", "z", "y", "x", "s")) or " and " in low:
        return []
    if low.endswith("man"):
        return [demonym[:-3] + "men"]
    return [demonym + "s"]


@functools.lru_cache(maxsize=1)
def country_tables() -> _CountryTables:
    """Build (once) every country lookup table and the compiled text scanner."""
    data = load("gazetteers/countries.yaml")
    tables = _CountryTables()
    scan_names = _pycountry_names(tables, data)
    scan_abbr = _curated_names(tables, data, scan_names)
    tables.combining = dict(data.combining_forms)
    _masks(tables, data, scan_names)
    _fuzzy_choices(tables)
    _scanners(tables, scan_names, scan_abbr)
    return tables


def _pycountry_names(tables: _CountryTables, data) -> set[str]:
    """1. pycountry names and codes; keys shared by two countries are ambiguous and dropped."""
    scan_names: set[str] = set()
    derived: dict[str, set[str]] = {}
    derived_surfaces: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            for surface in _split_pycountry_name(value):
                key = name_key(surface)
                derived.setdefault(key, set()).add(country.alpha_3)
                derived_surfaces.setdefault(key, set()).add(surface)
        tables.codes[country.alpha_3] = country.alpha_3
        tables.codes[country.alpha_2] = country.alpha_3
    dropped = {name_key(n) for n in data.drop_names}
    for key, codes in derived.items():
        if len(codes) == 1 and key not in dropped:
            tables.names[key] = next(iter(codes))
            scan_names.update(s for s in derived_surfaces[key] if "," not in s)
    for code in data.iso2_exclude:
        tables.codes.pop(code, None)
    return scan_names


def _curated_names(tables: _CountryTables, data, scan_names: set[str]) -> set[str]:
    """2. Curated names, demonyms, abbreviations (override pycountry; must not conflict); the
    abbreviations to scan for."""
    scan_abbr: set[str] = set()
    curated_owner: dict[str, str] = {}

    def claim(key: str, code: str, what: str) -> None:
        owner = curated_owner.setdefault(key, code)
        if owner != code:
            raise ValueError(f"reference/gazetteers/countries.yaml: {what} {key!r} claimed by {owner} and {code}")

    for code, entry in data.countries.items():
        tables.codes.setdefault(code, code)
        for surface in entry.names:
            key = name_key(surface)
            claim(key, code, "name")
            tables.names[key] = code
            scan_names.update(surface_variants(surface))
        for surface in entry.demonyms:
            for form in [surface, *_demonym_plurals(surface)]:
                key = name_key(form)
                claim(key, code, "demonym")
                tables.demonyms[key] = code
                scan_names.update(surface_variants(form))
        for abbreviation in entry.abbreviations:
            for form in dotted_variants(abbreviation):
                tables.abbreviations[form] = code
                if abbreviation not in data.scan_exclude:
                    scan_abbr.add(form)
    # A curated demonym wins over a derived name only if no curated name claims the key.
    for key in list(tables.names):
        if key in tables.demonyms and curated_owner.get(key) != tables.names[key]:
            del tables.names[key]
    return scan_abbr


def _masks(tables: _CountryTables, data, scan_names: set[str]) -> None:
    """3. Masks: regions, plus organisation names (so "Organization of American States" does not yield USA)."""
    mask_surfaces = list(data.regions)
    mask_surfaces += org_tables().surfaces
    for surface in mask_surfaces:
        key = name_key(surface)
        tables.masks.add(key)
        scan_names.update(surface_variants(surface))
    _build_fuzzy_masks(tables, mask_surfaces)


def _fuzzy_choices(tables: _CountryTables) -> None:
    """4. Fuzzy fallback choices: countries compete with regions/organisations."""
    choices: dict[str, str | None] = {}
    for key, code in {**tables.demonyms, **tables.names}.items():
        choices[key] = code
    for key in tables.masks:
        choices[key] = None
    tables.fuzzy_choices = list(choices)
    tables.fuzzy_folded = [fold_spelling(k) for k in tables.fuzzy_choices]
    tables.fuzzy_codes = [choices[k] for k in tables.fuzzy_choices]


def _scanners(tables: _CountryTables, scan_names: set[str], scan_abbr: set[str]) -> None:
    """5. The scanner (see the note on _RIGHT); the "the" of "The Gambia" is not scanned so that the span
    starts at the name. Organisation abbreviations ride along, so one pass finds countries AND organisations."""
    scan = {v for s in scan_names for v in case_variants(_THE_RX.sub("", s)) if v[:1].isupper()}
    tables.org_abbr = {a: n for a, n in org_tables().abbreviations.items() if a not in tables.abbreviations}
    scan_names = scan | scan_abbr | set(tables.org_abbr)
    tables.scan_abbr = frozenset(scan_abbr)
    tables.scan_rx = re.compile("(?:" + trie_alternation(sorted(scan_names)) + ")" + _RIGHT)
    # No leading \b (it would stop the engine skipping to capitals); scan_geo checks it.
    tables.combining_rx = re.compile(
        "(?:" + trie_alternation(sorted(tables.combining)) + r")(?=[-–][^\S\n]?\w)"
    )


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN_RX.findall(ascii_fold(text))]


def _build_fuzzy_masks(tables: _CountryTables, mask_surfaces: list[str]) -> None:
    """Index mask phrases by the country word inside them, for typo-tolerant masking."""
    for surface in mask_surfaces:
        tokens = _tokens(surface)
        for i, token in enumerate(tokens):
            key = name_key(token)
            if key in tables.names or key in tables.demonyms:
                tables.fuzzy_masks.setdefault(key, []).append((tokens[:i], tokens[i + 1:]))


def _token_close(seen: str, expected: str) -> bool:
    """A one-typo match for words of 4+ letters (two for 8+); punctuation must be equal."""
    if seen == expected or seen == expected + "s":
        return True
    if not expected[0].isalnum() or len(expected) < 4:
        return False
    limit = 2 if len(expected) >= 8 else 1
    return OSA.distance(seen, expected, score_cutoff=limit) <= limit


def _fuzzy_masked(text: str, start: int, end: int, key: str, tables: _CountryTables) -> bool:
    """True when the country word at [start, end) sits inside a misspelt mask phrase."""
    before_text = after_text = None
    for before, after in tables.fuzzy_masks.get(key, ()):
        # Cheap gate first: the adjacent character must be able to start/end the phrase
        # word next to the country word (typos rarely hit a word's first/last letter).
        if before:
            if start < 2:
                continue
            previous = text[text.rfind(" ", 0, start - 1) + 1:start - 1]
            if previous[:1].casefold() != before[-1][0]:
                continue
            if before_text is None:
                # A mask phrase does not run over a line break (titles end without a period).
                window = max(0, start - 80)
                before_text = _tokens(text[max(window, text.rfind("\n", window, start) + 1):start])
            seen = before_text[-len(before):]
            if len(seen) != len(before) or not all(map(_token_close, seen, before)):
                continue
        if after:
            if end + 1 >= len(text) or text[end + 1].casefold() != after[0][0]:
                continue
            if after_text is None:
                line_end = text.find("\n", end, end + 80)
                after_text = _tokens(text[end:line_end if line_end >= 0 else end + 80])
            seen = after_text[:len(after)]
            if len(seen) != len(after) or not all(map(_token_close, seen, after)):
                continue
        return True
    return False


def _classify(surface: str, tables: _CountryTables) -> tuple[str, str, str] | None:
    """(code, kind, key) of a scanned surface; kind "mask" (code = organisation or "") and
    "org" (code = organisation) for non-countries; memoised per surface."""
    try:
        return tables.memo[surface]
    except KeyError:
        pass
    result: tuple[str, str, str] | None = None
    if surface in tables.scan_abbr:
        result = (tables.abbreviations[surface], "abbreviation", "")
    elif surface in tables.org_abbr:
        result = (tables.org_abbr[surface], "org", "")
    else:
        key = name_key(surface)
        if key in tables.masks:
            result = (org_tables().keys.get(key, ""), "mask", key)
        elif key in tables.names:
            result = (tables.names[key], "name", key)
        elif key in tables.demonyms:
            result = (tables.demonyms[key], "demonym", key)
    if len(tables.memo) > 100_000:
        tables.memo.clear()
    tables.memo[surface] = result
    return result


def scan_geo(text: str) -> tuple[list[CountryMention], list[OrgMention], list[tuple[int, int]]]:
    """Country and organisation mentions of a text, in one pass of the scanner."""
    tables = country_tables()
    countries: list[CountryMention] = []
    orgs: list[OrgMention] = []
    masked: list[tuple[int, int]] = []
    memo = tables.memo
    for match in tables.scan_rx.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # \w before it
            continue
        surface = match.group()
        found = memo.get(surface, _MISS)
        if found is _MISS:
            found = _classify(surface, tables)
        if found is None:
            continue
        code, kind, key = found
        if kind == "mask" or kind == "org":
            if code:
                orgs.append(OrgMention(start, end, surface, code))
            masked.append((start, end))
            continue
        if key in tables.fuzzy_masks and _fuzzy_masked(text, start, end, key, tables):
            continue
        countries.append(CountryMention(start, end, surface, code, kind))
    if "-" in text or "–" in text:
        added = False
        for match in tables.combining_rx.finditer(text):
            start = match.start()
            if start and is_word_char(text[start - 1]):
                continue
            # "Indo-Pacific": inside a masked span (spans are sorted and disjoint: one look-up,
            # not a scan of all of them per match, which grew with the square of the text).
            i = bisect.bisect_right(masked, (start, math.inf)) - 1
            if i >= 0 and masked[i][0] <= start < masked[i][1]:
                continue
            countries.append(CountryMention(start, match.end(), match.group(),
                                            tables.combining[match.group()], "demonym"))
            added = True
        if added:
            countries.sort(key=lambda m: m.start)
    return countries, orgs, masked


@functools.lru_cache(maxsize=32)
def cached_geo(text: str) -> tuple[tuple[CountryMention, ...], tuple[OrgMention, ...], tuple[tuple[int, int], ...]]:
    """scan_geo memoised (the pipeline scans one text for countries, people, orgs); the
    third item is the (start, end) spans of masked regions/organisation names."""
    countries, orgs, masked = scan_geo(text)
    return tuple(countries), tuple(orgs), tuple(masked)


def find_countries(text: str) -> list[CountryMention]:
    """All country mentions in text (regions and organisation names masked)."""
    if not text or not isinstance(text, str):
        return []
    return list(cached_geo(text)[0])


_PAREN_RX = re.compile(r"^(?P<outer>[^()]*?)\s*\((?P<inner>[^()]*)\)\s*$")
# Abbreviations of statistical tables ("Korea, Rep.", "Congo, Dem. Rep.", "Venezuela, RB").
_LOOSE_WORDS = {"rep": "republic", "dem": "democratic", "sts": "states", "is": "islands",
                "isl": "islands", "utd": "united", "pdr": "peoples democratic republic",
                "rb": "bolivarian republic", "fed": "federal", "terr": "territory"}


def _loose_key(key: str) -> str:
    words = key.replace("fed sts", "federated states").split()
    return " ".join(_LOOSE_WORDS.get(w, w) for w in words)


def _exact_code(candidate: str, tables: _CountryTables) -> object:
    """ISO3 for one spelling, None for a known non-country (region, organisation), else _MISS."""
    candidate = _THE_RX.sub("", candidate.strip())
    forms = [candidate]
    unpossessed = _POSSESSIVE_RX.sub("", candidate)
    if unpossessed != candidate:
        forms.append(unpossessed)
    if candidate.endswith(("-", "–")):  # "Sino-"
        forms.append(candidate[:-1].strip())
    for form in forms:
        if form in tables.abbreviations:
            return tables.abbreviations[form]
        if form in tables.codes:
            return tables.codes[form]
        if form in tables.combining and form is not candidate:
            return tables.combining[form]
        key = name_key(form)
        if not key:
            continue
        for variant in dict.fromkeys((key, _loose_key(key))):
            if variant in tables.masks:
                return None
            if variant in tables.names:
                return tables.names[variant]
            if variant in tables.demonyms:
                return tables.demonyms[variant]
    return _MISS


def country_code(text: str) -> str | None:
    """ISO3 code for a country name/abbreviation/demonym, None for anything else."""
    if not isinstance(text, str):
        return None
    cleaned = tidy(text).strip(" \t\"'[]{},;:!?")
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = cleaned[1:-1].strip()
    if not cleaned:
        return None
    tables = country_tables()
    found = _exact_code(cleaned, tables)
    if found is not _MISS:
        return found  # type: ignore[return-value]
    candidates: list[str] = []
    paren = _PAREN_RX.match(cleaned)
    if paren:
        # "Virgin Islands (U.S.)", "Congo (DRC)", "Republic of China (Taiwan)".
        outer, inner = paren.group("outer").strip(), paren.group("inner").strip()
        candidates += [f"{inner} {outer}", inner, outer]
    elif "," in cleaned:
        # "Korea, Rep.", "Congo, Dem. Rep.", "Gambia, The", "Hong Kong SAR, China".
        head, tail = (part.strip() for part in cleaned.split(",", 1))
        candidates += [f"{tail} of {head}", f"{tail} {head}", head]
    for candidate in candidates:
        found = _exact_code(candidate, tables)
        if found is not _MISS:
            return found  # type: ignore[return-value]
    return _fuzzy_country(name_key(_POSSESSIVE_RX.sub("", cleaned)), tables)


_FOLD_PAIRS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("ph", "f"), ("w", "v"), ("y", "i"))
_DOUBLE_RX = re.compile(r"(.)\1+")


def fold_spelling(key: str) -> str:
    """Transliteration-insensitive form: "Kirgizstan", "Kyrgyzstan" and "Kyrghyzstan" agree."""
    for old, new in _FOLD_PAIRS:
        key = key.replace(old, new)
    return _DOUBLE_RX.sub(r"\1", key)


def _fuzzy_country(key: str, tables: _CountryTables) -> str | None:
    """Misspelling fallback: a close, same-initial country; regions/organisations compete and
    win as None ("Centra Asia")."""
    if len(key) < 5 or not key[0].isalpha():
        return None
    cutoff = 90 if len(key) <= 6 else 85
    folded = fold_spelling(key)
    best = process.extractOne(folded, tables.fuzzy_folded, scorer=fuzz.ratio, score_cutoff=cutoff)
    # Typos rarely hit the first letter: "Iberia" is not "Liberia".
    if best is not None and tables.fuzzy_folded[best[2]][0] == folded[0]:
        return tables.fuzzy_codes[best[2]]
    if " " in key:
        # Word order: "Kazakhstan Republic" ~ "Republic of Kazakhstan".
        best = process.extractOne(key, tables.fuzzy_choices, scorer=fuzz.token_sort_ratio,
                                  processor=lambda k: k.replace(" of ", " "), score_cutoff=92)
        if best is not None:
            return tables.fuzzy_codes[best[2]]
    return None


# --------------------------------------------------------------------------- organisations


@dataclass
class _OrgTables:
    keys: dict[str, str] = field(default_factory=dict)          # name_key -> canonical
    abbreviations: dict[str, str] = field(default_factory=dict)  # exact -> canonical
    parents: dict[str, str] = field(default_factory=dict)
    surfaces: list[str] = field(default_factory=list)           # names as written (scanned by the
    #                                                              country scanner, see scan_geo)


@functools.lru_cache(maxsize=1)
def org_tables() -> _OrgTables:
    """Build (once) the organisation lookup tables (scanned together with countries)."""
    data = load("gazetteers/organizations.yaml").organizations
    tables = _OrgTables()
    for canonical, entry in data.items():
        if entry.parent:
            tables.parents[canonical] = entry.parent
        for surface in [canonical, *entry.names]:
            for form in surface_variants(surface):
                tables.keys[name_key(form)] = canonical
            tables.surfaces.append(surface)
        for abbreviation in entry.abbreviations:
            for form in dotted_variants(abbreviation):
                tables.abbreviations[form] = canonical
    return tables


def find_organizations(text: str) -> list[OrgMention]:
    """All international-organisation mentions in text, with canonical names."""
    if not text or not isinstance(text, str):
        return []
    return list(cached_geo(text)[1])


def organization_name(text: str) -> str | None:
    """Canonical organisation name for a name or abbreviation, None when unknown."""
    if not isinstance(text, str):
        return None
    cleaned = tidy(text).strip(" \t\"'()[],;:")
    if not cleaned:
        return None
    tables = org_tables()
    bare = _THE_RX.sub("", cleaned)
    if bare in tables.abbreviations:
        return tables.abbreviations[bare]
    return tables.keys.get(name_key(bare))


@functools.lru_cache(maxsize=1)
def _lookalike_groups() -> dict[str, frozenset[str]]:
    groups = load("gazetteers/countries.yaml").lookalikes
    return {code: frozenset(group) for group in groups for code in group}


def lookalike(written: str | None, known: str | None) -> bool:
    """True when a written country and a gazetteer's differ but are words writers use for each other ("Congolese"
    read as COG for a person the gazetteer knows as COD): the gazetteer's is the one meant."""
    return bool(written and known and written != known and known in _lookalike_groups().get(written, ()))
