"""Private: person-name cleaning, the people/office-holder gazetteer, canonical names."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process

from transforms.names.geo import country_code
from transforms.names.office import normalize_office, office_at_start, office_tables, split_title
from transforms.names.text import ascii_fold, tidy
from transforms.reference import load, rows
from transforms.reference.gazetteers import NAME_ORDERS
from transforms.reference.patterns import trie_alternation


_PARENS_RX = re.compile(r"\s*\([^)]*\)")
_NICKNAME_RX = re.compile(r'\s"[^"]{1,40}"(?=\s)')
_OF_COUNTRY_RX = re.compile(r"\s+of\s+(?:the\s+)?(?P<country>[^,]+)$")
_POSSESSIVE_RX = re.compile(r"['’]s$")
_GLUED_INITIAL_RX = re.compile(r"^((?:[A-Z]\.)+)([A-Z][a-z].*)$")
_ROMAN_RX = re.compile(r"^[IVX]+$")
_INITIAL_RX = re.compile(r"^(?:[A-Z]\.-?)+$|^[A-Z]$")
_KEY_DROP_RX = re.compile(r"[.'’`]")
_KEY_SPACE_RX = re.compile(r"[^0-9a-z]+")
_Y_BETWEEN_VOWELS_RX = re.compile(r"(?<=[aeiou])y(?=[aeiou])")
_DOUBLE_RX = re.compile(r"(.)\1+")
_SKELETON_DIGRAPHS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("ph", "f"),
                      ("w", "v"), ("y", "i"), ("q", "k"), ("ck", "k"))


# --------------------------------------------------------------------------- particles


@dataclass
class _Particles:
    honorific_rx: re.Pattern
    scan_honorific_rx: re.Pattern
    keep_rx: re.Pattern | None
    generational: frozenset[str]
    regnal: frozenset[str]
    postnominals: frozenset[str]
    particles: frozenset[str]
    hyphen_particles: frozenset[str]
    patronymic_endings: tuple[str, ...]
    patronymic_words: frozenset[str]
    family_first: frozenset[str]
    stop_tokens: frozenset[str]
    common_surnames: frozenset[str]
    weak_honorifics: frozenset[str]


@functools.lru_cache(maxsize=1)
def particles() -> _Particles:
    """Load (once) reference/names/name_particles.yaml into matchers and sets."""
    data = load("names/name_particles.yaml")
    honorifics = {h.rstrip(".") for h in data.honorifics}
    # Bare two-letter capitals ("HE", "HM") are honorifics in a name string but in running
    # text they are mostly ordinary upper-case words ("HE SAID").
    scan = {h for h in honorifics if not (len(h) <= 2 and h.isupper())}

    def rx(words: set[str]) -> re.Pattern:
        # Same line only: an honorific ending a title line is not the next paragraph's.
        return re.compile("(?:" + trie_alternation(sorted(words)) + r")\.?(?:[^\S\n]+|$)")

    keep = [tidy(k) for k in data.keep_with_name]
    fold = lambda s: ascii_fold(s).casefold()  # noqa: E731
    return _Particles(
        honorific_rx=rx(honorifics),
        scan_honorific_rx=rx(scan),
        keep_rx=re.compile(trie_alternation(sorted(keep)) + r"(?![\w])") if keep else None,
        generational=frozenset(s.rstrip(".") for s in data.generational_suffixes),
        regnal=frozenset(data.regnal_numbers),
        postnominals=frozenset(s.replace(".", "") for s in data.postnominals),
        particles=frozenset(data.particles),
        hyphen_particles=frozenset(data.hyphen_particles),
        patronymic_endings=tuple(sorted({fold(e).replace("’", "'") for e in data.patronymic_endings},
                                        key=len, reverse=True)),
        patronymic_words=frozenset(fold(w).replace("’", "'") for w in data.patronymic_words),
        family_first=frozenset(
            s.casefold() for group in data.family_first_surnames.values() for s in group
        ),
        stop_tokens=frozenset(data.stop_tokens),
        common_surnames=frozenset(person_key(s) for s in data.common_surnames),
        weak_honorifics=frozenset(h.rstrip(".") for h in data.weak_honorifics),
    )


# --------------------------------------------------------------------------- keys


def person_key(name: str) -> str:
    """Id key for a person name: ASCII-folded, casefolded, dots/apostrophes dropped, single spaces."""
    if not isinstance(name, str):
        return ""
    return _person_key(name)


@functools.lru_cache(maxsize=65536)
def _person_key(name: str) -> str:
    # Memoised: the scanner, the resolver and the id builder key the same names many times.
    text = _KEY_DROP_RX.sub("", ascii_fold(tidy(name)).casefold())
    return _KEY_SPACE_RX.sub(" ", text).strip()


def _no_initials(name: str) -> str:
    """Key of a name without its middle/leading initials ("Retno L.P. Marsudi" -> "retno marsudi")."""
    tokens = name.split()
    kept = [t for t in tokens if not _INITIAL_RX.match(t) and len(t.strip(".")) > 1]
    return person_key(" ".join(kept)) if len(kept) >= 2 else person_key(name)


def _skeleton(key: str) -> str:
    """Transliteration-insensitive key: Zelenskyy/Zelensky/Zelenskiy, Tokayev/Tokaev agree."""
    text = _Y_BETWEEN_VOWELS_RX.sub("", key)
    for old, new in _SKELETON_DIGRAPHS:
        text = text.replace(old, new)
    return _DOUBLE_RX.sub(r"\1", text)


def _sorted_tokens(key: str) -> str:
    return " ".join(sorted(key.split()))


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class CleanName:
    """A person name with titles, honorifics and suffixes removed (private result)."""

    name: str                  # cleaned, given name first, patronymic dropped
    stripped: str              # titles/honorifics removed, otherwise as written
    title: str | None
    country: str | None
    organization: str | None
    stages: tuple[str, ...] = ()   # the text after each title/honorific removal, in order


def _title_case_token(token: str) -> str:
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[:1].upper() + m.group()[1:].lower(), token)


def _is_patronymic(token: str, endings: tuple[str, ...]) -> bool:
    folded = ascii_fold(token).casefold().replace("’", "'")
    return any(folded.endswith(e) and len(folded) >= len(e) + 3 for e in endings)


def _fix_patronymic(tokens: list[str], p: _Particles) -> list[str]:
    """Drop a patronymic and put the given name first (see name_particles.yaml)."""
    folded = [ascii_fold(t).casefold().replace("’", "'") for t in tokens]
    # Separate-word markers: "Ilham Heydar oglu Aliyev", "Aliyev Ilham Heydar oglu".
    for i in range(1, len(tokens)):
        if folded[i] in p.patronymic_words:
            rest = tokens[:i - 1] + tokens[i + 1:]
            if len(rest) < 2:
                return tokens
            if i == len(tokens) - 1:  # marker at the end: surname came first
                rest = rest[1:] + rest[:1]
            return rest
    if len(tokens) < 3:
        return tokens
    ends = p.patronymic_endings
    if _is_patronymic(tokens[-1], ends):
        # Official post-Soviet order "Surname Given Patronymic".
        return tokens[1:-1] + tokens[:1]
    for i in range(1, len(tokens) - 1):
        if _is_patronymic(tokens[i], ends):
            # "Given Patronymic Surname": "Vladimir Vladimirovich Putin".
            return tokens[:i] + tokens[i + 1:]
    return tokens


def _strip_suffixes(tokens: list[str], p: _Particles) -> list[str]:
    """Drop trailing post-nominals and generational suffixes ("Jr.", "III", "KCMG")."""
    while len(tokens) > 1:
        last = tokens[-1]
        bare = last.replace(".", "")
        if bare in p.postnominals:
            tokens = tokens[:-1]
            continue
        if _ROMAN_RX.match(bare):
            # A regnal number after a single given name is part of the name: "Charles III".
            if len(tokens) == 2 and bare in p.regnal:
                break
            if bare in p.generational:
                tokens = tokens[:-1]
                continue
            break
        if bare in p.generational:
            tokens = tokens[:-1]
            continue
        break
    return tokens


@functools.lru_cache(maxsize=65536)
def clean_name(text: str) -> CleanName:
    """Remove titles, honorifics, suffixes; fix patronymic order and capitalisation."""
    p = particles()
    s = _NICKNAME_RX.sub(" ", _PARENS_RX.sub(" ", f" {tidy(text)} "))
    s = " ".join(s.split()).strip(" ,;:\"")
    title = country = organization = None
    # Every intermediate form is kept: the gazetteer may know a name that starts with a
    # title-like word ("Amir Khan Muttaqi", "Sheikh Hasina"), see Gazetteer.lookup.
    stages = [s]
    for _ in range(8):
        if not s or (p.keep_rx and p.keep_rx.match(s)):
            break
        parsed = office_at_start(s)
        if parsed is not None:
            title = title or parsed.title
            country = country or parsed.country
            organization = organization or parsed.organization
            s = s[parsed.end:].lstrip(" ,")
            if s.startswith("of "):
                # "Chairman of the Cabinet of Ministers Akylbek Japarov": the name is the
                # capitalised run at the end, after the body the office belongs to.
                s = _trailing_name_run(s, p)
            stages.append(s)
            continue
        honorific = p.honorific_rx.match(s)
        if honorific and honorific.end() < len(s):
            s = s[honorific.end():]
            stages.append(s)
            continue
        break
    # Trailing apposition "..., Foreign Minister of X" and "... of Japan".
    if ", " in s:
        head, tail = s.split(", ", 1)
        office = office_at_start(tail)
        if office is not None and head:
            title = title or office.title
            country = country or office.country
            s = head
    of_country = _OF_COUNTRY_RX.search(s)
    if of_country:
        code = country_code(of_country.group("country"))
        if code:
            country = country or code
            s = s[:of_country.start()]
    s = _POSSESSIVE_RX.sub("", s).strip(" ,")
    return CleanName(normalise_tokens(s), s, title, country, organization,
                     tuple(_POSSESSIVE_RX.sub("", x).strip(" ,") for x in stages[:-1] if x))


def _trailing_name_run(s: str, p: _Particles) -> str:
    """The last run of capitalised, non-stop-word tokens of s ("" when there is none)."""
    run: list[str] = []
    for token in reversed(s.split()):
        bare = token.rstrip(",.")
        if not bare[:1].isupper() or bare in p.stop_tokens or bare in office_tables().portfolio_words:
            break
        run.insert(0, token)
    return " ".join(run)


def normalise_tokens(s: str) -> str:
    """Suffixes off, capitalisation and patronymic order fixed (no title parsing)."""
    p = particles()
    tokens = []
    for token in s.replace(",", " ").split():
        glued = _GLUED_INITIAL_RX.match(token)
        tokens += [glued.group(1), glued.group(2)] if glued else [token]
    tokens = _strip_suffixes(tokens, p)
    letters = [t for t in tokens if any(ch.isalpha() for ch in t)]
    all_caps = letters and all(t.isupper() for t in letters)
    fixed = []
    for i, token in enumerate(tokens):
        plain = token.replace(".", "")
        # A final roman numeral ("Charles III") stays; "XI JINPING" is not a numeral.
        numeral = i == len(tokens) - 1 and i > 0 and _ROMAN_RX.match(plain)
        if token.isupper() and len(plain) > 1 and not numeral and (all_caps or len(plain) > 2):
            # "KULUBAEV Zheenbek", "XI JINPING": upper-case surname conventions.
            token = _title_case_token(token)
        fixed.append(token)
    return " ".join(_fix_patronymic(fixed, p))


def surname_of(name: str, name_order: str | None = None) -> str | None:
    """The family name of a canonical name (first token for family-name-first names)."""
    tokens = name.split()
    if not tokens:
        return None
    if len(tokens) == 1:
        return tokens[0]
    p = particles()
    if name_order == "family_first" or (
        name_order in (None, "") and tokens[0].casefold() in p.family_first and len(tokens) <= 3
    ):
        return tokens[0]
    last = [t for t in tokens if not (_ROMAN_RX.match(t) or t.rstrip(".") in p.generational)]
    return (last or tokens)[-1]


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class PersonRecord:
    """One row of people.csv: canonical name, ISO3 country, organisation, name order, aliases."""

    person: str
    country: str | None = None
    organization: str | None = None
    name_order: str = "given_first"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfficeTerm:
    """One row of office_holders.csv: who held which office of which country, when."""

    person: str
    country: str
    office: str
    start: date | None = None
    end: date | None = None      # None: ongoing
    source_note: str = ""

    def covers(self, on_date: date) -> bool:
        """True when on_date falls within the term (open ends are unbounded)."""
        return (self.start is None or self.start <= on_date) and (self.end is None or on_date <= self.end)


def _parse_date(value: str | None, end: bool = False) -> date | None:
    """ISO date; "2023" / "2023-04" widen to the first (or, for ends, last) day."""
    if not value:
        return None
    parts = value.strip()[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        if end:
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(year, month, 1)
    except (ValueError, IndexError):
        return None


def as_date(value: object) -> date | None:
    """A date from a date, datetime or ISO string (None when it is none of those)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


@functools.lru_cache(maxsize=4096)
def _normalise_office_value(office: str) -> str:
    """Office column value in the normalised vocabulary (tolerates "Foreign Minister")."""
    office = tidy(office)
    if office in office_tables().vocabulary:
        return office
    parsed = normalize_office(office)
    return parsed.title if parsed else office


def _normalise_country_value(value: str) -> str | None:
    value = tidy(value or "")
    if not value:
        return None
    if len(value) == 3 and value.isupper():
        return value
    return country_code(value) or value


class Gazetteer:
    """People and office holders with lookup indexes (inline fixtures or reference CSVs)."""

    def __init__(self, people: Iterable[PersonRecord] = (), terms: Iterable[OfficeTerm] = ()):
        self.people: dict[str, PersonRecord] = {}
        for record in people:
            self._add_person(record)
        self.terms: dict[tuple[str, str], list[OfficeTerm]] = {}
        self.terms_by_person: dict[str, list[OfficeTerm]] = {}
        for term in terms:
            self.terms.setdefault((term.country, term.office), []).append(term)
            self.terms_by_person.setdefault(term.person, []).append(term)
            if term.person not in self.people:
                order = "family_first" if surname_of(term.person) == term.person.split()[0] \
                    and len(term.person.split()) > 1 else "given_first"
                self._add_person(PersonRecord(term.person, term.country, None, order, ()))
        for bucket in (*self.terms.values(), *self.terms_by_person.values()):
            bucket.sort(key=lambda t: t.start or date.min)
        self._build_indexes()

    # ---- construction

    @classmethod
    def from_rows(cls, people_rows: Iterable[dict] = (), holder_rows: Iterable[dict] = ()) -> "Gazetteer":
        """Gazetteer from CSV-shaped dict rows (people.csv / office_holders.csv columns)."""
        people = []
        for row in people_rows:
            name = tidy(row.get("person") or "")
            if not name:
                continue
            order = (row.get("name_order") or "given_first").strip()
            aliases = tuple(a for a in (tidy(x) for x in (row.get("aliases") or "").split("|")) if a)
            people.append(PersonRecord(name, _normalise_country_value(row.get("country") or ""),
                                       tidy(row.get("organization") or "") or None,
                                       order if order in NAME_ORDERS else "given_first", aliases))
        terms = []
        for row in holder_rows:
            name, office = tidy(row.get("person") or ""), row.get("office") or ""
            country = _normalise_country_value(row.get("country") or "") or ""
            if not name or not office:
                continue
            terms.append(OfficeTerm(name, country, _normalise_office_value(office),
                                    _parse_date(row.get("start_date")),
                                    _parse_date(row.get("end_date"), end=True),
                                    row.get("source_note") or ""))
        return cls(people, terms)

    @classmethod
    def from_csv(cls, people_path: Path | str, holders_path: Path | str) -> "Gazetteer":
        """Gazetteer from CSV files of your own (people.csv / office_holders.csv columns); a missing file raises."""
        return cls.from_text(Path(people_path).read_text(encoding="utf-8"),
                             Path(holders_path).read_text(encoding="utf-8"))

    @classmethod
    def from_text(cls, people_csv: str = "", holders_csv: str = "") -> "Gazetteer":
        """Gazetteer from inline CSV text (with header rows), e.g. test fixtures."""
        def rows(text: str) -> list[dict]:
            text = text.strip()
            if not text:
                return []
            return [{(k or "").strip(): (v or "").strip() for k, v in row.items()}
                    for row in csv.DictReader(io.StringIO(text))]
        return cls.from_rows(rows(people_csv), rows(holders_csv))

    def _add_person(self, record: PersonRecord) -> None:
        old = self.people.get(record.person)
        if old is not None:
            aliases = tuple(dict.fromkeys(old.aliases + record.aliases))
            record = PersonRecord(old.person, old.country or record.country,
                                  old.organization or record.organization, old.name_order, aliases)
        self.people[record.person] = record

    def _build_indexes(self) -> None:
        self._levels: dict[str, dict[str, set[str]]] = {
            name: {} for name in ("key", "noinit", "sorted", "skel", "skelsorted", "initial")
        }
        self._surnames: dict[str, set[str]] = {}
        self._surname_skeletons: dict[str, set[str]] = {}
        self.surnames: dict[str, str] = {}
        self.surfaces: dict[str, str] = {}          # alias/canonical as written -> canonical
        for person, record in self.people.items():
            surfaces = {person, *record.aliases}
            for surface in surfaces:
                self.surfaces.setdefault(surface, person)
                # Aliases carry no titles (people.csv contract): only token normalisation.
                for form in {surface, normalise_tokens(tidy(surface))}:
                    self._index_form(form, person, record)
            surname = surname_of(person, record.name_order)
            if surname:
                self.surnames[person] = surname
                self._surnames.setdefault(person_key(surname), set()).add(person)
                self._surname_skeletons.setdefault(_skeleton(person_key(surname)), set()).add(person)
            for alias in record.aliases:
                if len(alias.split()) == 1:
                    self._surnames.setdefault(person_key(alias), set()).add(person)
        self._fuzzy_keys: list[str] = []
        self._fuzzy_people: list[str] = []
        for key, people in self._levels["skel"].items():
            for person in people:
                if len(key) >= 6:
                    self._fuzzy_keys.append(key)
                    self._fuzzy_people.append(person)
        self._fuzzy_surnames = [k for k in self._surname_skeletons if len(k) >= 5]

    def _index_form(self, form: str, person: str, record: PersonRecord) -> None:
        key = person_key(form)
        if not key:
            return
        noinit = _no_initials(form)
        add = lambda level, k: self._levels[level].setdefault(k, set()).add(person)  # noqa: E731
        add("key", key)
        add("key", key.replace(" ", ""))
        add("noinit", noinit)
        add("sorted", _sorted_tokens(noinit))
        add("skel", _skeleton(noinit))
        add("skelsorted", _sorted_tokens(_skeleton(noinit)))
        tokens = key.split()
        if len(tokens) >= 2 and record.name_order != "family_first":
            add("initial", f"{tokens[0][0]} {tokens[-1]}")

    # ---- lookups

    def _pick(self, candidates: set[str] | None, country: str | None, strict: bool = False) -> str | None:
        if not candidates:
            return None
        if len(candidates) == 1:
            person = next(iter(candidates))
            other = self.people[person].country
            if strict and country and other and other != country:
                return None
            return person
        if country:
            same = [p for p in candidates if self.people[p].country == country]
            if len(same) == 1:
                return same[0]
        return None

    def lookup(self, clean: CleanName, country: str | None = None) -> str | None:
        """Canonical gazetteer name for a cleaned name, or None (exact levels, then fuzzy)."""
        if not self.people or not clean.name:
            return None
        country = country or clean.country
        forms = [f for f in dict.fromkeys((clean.stripped, clean.name)) if person_key(f)]
        keys = [person_key(f) for f in forms]
        if not keys:
            return None
        levels = self._levels
        # A known name that merely starts like a title ("Amir Khan Muttaqi"): exact only.
        for stage in clean.stages:
            found = self._pick(levels["key"].get(person_key(stage)), country)
            if found:
                return found
        for key in keys:
            found = self._pick(levels["key"].get(key) or levels["key"].get(key.replace(" ", "")), country)
            if found:
                return found
        for form in forms:
            noinit = _no_initials(form)
            for level, value in (("noinit", noinit), ("sorted", _sorted_tokens(noinit)),
                                 ("skel", _skeleton(noinit)),
                                 ("skelsorted", _sorted_tokens(_skeleton(noinit)))):
                found = self._pick(levels[level].get(value), country)
                if found:
                    return found
        tokens = keys[-1].split()
        if len(tokens) >= 2 and _INITIAL_RX.match(clean.name.split()[0]):
            # "A. Blinken", "S. Jaishankar": an initial plus the surname.
            found = self._pick(levels["initial"].get(f"{tokens[0][0]} {tokens[-1]}"), country)
            if found:
                return found
        if len(tokens) == 1:
            return self._lookup_surname(tokens[0], country)
        return self._fuzzy(_skeleton(_no_initials(forms[-1])), country)

    def exact(self, text: str) -> str | None:
        """The person whose canonical name or alias is exactly this text (case/diacritics aside)."""
        return self._pick(self._levels["key"].get(person_key(text)), None) if self.people else None

    def _lookup_surname(self, key: str, country: str | None) -> str | None:
        if key in particles().common_surnames:
            # "Smith", "Khan": only with the country known (curated aliases matched earlier).
            if not country:
                return None
            return self._pick(self._surnames.get(key), country, strict=True)
        found = self._pick(self._surnames.get(key), country) or \
            self._pick(self._surname_skeletons.get(_skeleton(key)), country)
        if found or len(key) < 6 or not self._fuzzy_surnames:
            return found
        best = process.extract(_skeleton(key), self._fuzzy_surnames, scorer=fuzz.ratio,
                               score_cutoff=85, limit=3)
        people = {p for choice, score, _ in best if score >= best[0][1] - 2
                  for p in self._surname_skeletons[choice]} if best else set()
        return self._pick(people, country, strict=True)

    def _fuzzy(self, skeleton: str, country: str | None) -> str | None:
        """High-threshold fuzzy match on transliteration skeletons; unique winner only."""
        if len(skeleton) < 8 or not self._fuzzy_keys:
            return None
        best = process.extract(skeleton, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=88, limit=5)
        if not best:
            return None
        top = best[0][1]
        people = {self._fuzzy_people[i] for _c, score, i in best if score >= top - 3}
        if country:
            people = {p for p in people if self.people[p].country in (country, None)}
        return next(iter(people)) if len(people) == 1 else None

    def holder(self, country: str, office: str, on_date: date) -> str | None:
        """Who held office (normalised title; compound titles part by part) in country on on_date."""
        on_date = as_date(on_date)
        if not country or not office or on_date is None:
            return None
        if not (len(country) == 3 and country.isupper()):
            country = country_code(country) or country
        title = _normalise_office_value(office)
        found = self._holder_of(country, title, on_date)
        parts = split_title(title)
        if found or len(parts) < 2:
            return found
        # A compound office is one person holding every part ("Deputy Prime Minister and
        # Minister of Foreign Affairs"); parts the gazetteer does not cover are no evidence.
        # Parts held by different people ("Prime Minister and President of France") name no
        # single holder: None, rather than whoever holds the first part.
        holders = {who for part in parts if (who := self._holder_of(country, part, on_date))}
        return holders.pop() if len(holders) == 1 else None

    def _holder_of(self, country: str, office: str, on_date: date) -> str | None:
        covering = [t for t in self.terms.get((country, office), ()) if t.covers(on_date)]
        return max(covering, key=lambda t: t.start or date.min).person if covering else None

    def holder_by_surname(self, surname_key: str, title: str, on_date: date | None,
                          country: str | None = None) -> str | None:
        """The unique person with this surname who held the title (on on_date, in country)."""
        on_date = as_date(on_date)
        people = self._surnames.get(surname_key) or self._surname_skeletons.get(_skeleton(surname_key))
        if not people:
            return None
        wanted = set(split_title(title)) | {title}
        latest: dict[str, date] = {}
        for person in people:
            for term in self.terms_by_person.get(person, ()):
                if term.office in wanted and (country is None or term.country == country) \
                        and (on_date is None or term.covers(on_date)):
                    end = term.end or date.max
                    latest[person] = max(latest.get(person, date.min), end)
        if len(latest) == 1:
            return next(iter(latest))
        if latest and on_date is None:
            # No date: news is about the present, so the most recent holder wins ties
            # ("PM Lee" -> Lee Hsien Loong rather than Lee Nak-yon, PM until 2020).
            ranked = sorted(latest.items(), key=lambda kv: kv[1], reverse=True)
            if ranked[0][1] > ranked[1][1]:
                return ranked[0][0]
        return None

    def offices_of(self, person: str, on_date: date | None = None) -> list[OfficeTerm]:
        """Terms held by a person (covering on_date when given), most recent first."""
        on_date = as_date(on_date)
        terms = self.terms_by_person.get(person, [])
        if on_date is not None:
            terms = [t for t in terms if t.covers(on_date)]
        return sorted(terms, key=lambda t: t.start or date.min, reverse=True)


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer from reference/gazetteers/people.csv and office_holders.csv (cached)."""
    return Gazetteer.from_rows([r.model_dump() for r in rows("gazetteers/people.csv")],
                               [r.model_dump() for r in rows("gazetteers/office_holders.csv")])


@functools.lru_cache(maxsize=65536)
def canonical_cached(text: str, country: str | None, gazetteer: Gazetteer) -> str:
    """canonical_person with an explicit gazetteer (memoised: names repeat across articles)."""
    clean = clean_name(text)
    if not clean.name:
        return ""
    found = None
    if clean.title and len(clean.name.split()) == 1:
        # "PM Lee": the only (or latest) Lee who has been Prime Minister; checked before
        # spelling matches, which would make Haiti's "Prime Minister Henry" Luxembourg's Henri.
        found = gazetteer.holder_by_surname(person_key(clean.name), clean.title, None,
                                            country or clean.country)
    found = found or gazetteer.lookup(clean, country)
    return found or clean.name
