"""The people and office-holder gazetteer (reference/gazetteers/people.csv, office_holders.csv): who a
name is, who held an office on a date."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process

from transforms.names.geo import country_code
from transforms.names.office import normalize_office, office_tables, split_title
from transforms.names.people import (
    INITIAL_RX, CleanName, no_initials, normalise_tokens, particles, person_key, skeleton, sorted_tokens, surname_of,
    without_father,
)
from transforms.names.text import tidy
from transforms.reference import rows
from transforms.reference.gazetteers import NAME_ORDERS


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


_ROYAL = frozenset({"Monarch", "Crown Prince"})


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
        self._chain_starts: dict[str, set[str]] = {}  # "x bin y bin z" -> people whose name goes on after it
        for person, record in self.people.items():
            surfaces = {person, *record.aliases}
            for surface in surfaces:
                self.surfaces.setdefault(surface, person)
                self._index_chain(surface, person)
                # Aliases carry no titles (people.csv contract): only token normalisation.
                for form in {surface, normalise_tokens(tidy(surface))}:
                    self._index_form(form, person, record)
            surname = surname_of(person, record.name_order)
            if surname:
                self.surnames[person] = surname
                self._surnames.setdefault(person_key(surname), set()).add(person)
                self._surname_skeletons.setdefault(skeleton(person_key(surname)), set()).add(person)
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

    def _index_chain(self, surface: str, person: str) -> None:
        """Index the name chains a surface starts with ("faisal bin farhan bin abdullah" for "Faisal bin
        Farhan bin Abdullah Al Saud"): Arabic names are often written without their last parts."""
        tokens = person_key(surface).split()
        if "bin" not in tokens and "ibn" not in tokens:
            return
        for end in range(3, len(tokens)):
            self._chain_starts.setdefault(" ".join(tokens[:end]), set()).add(person)

    def _index_form(self, form: str, person: str, record: PersonRecord) -> None:
        key = person_key(form)
        if not key:
            return
        noinit = no_initials(form)
        add = lambda level, k: self._levels[level].setdefault(k, set()).add(person)  # noqa: E731
        add("key", key)
        add("key", key.replace(" ", ""))
        add("noinit", noinit)
        add("sorted", sorted_tokens(noinit))
        add("skel", skeleton(noinit))
        add("skelsorted", sorted_tokens(skeleton(noinit)))
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
            noinit = no_initials(form)
            for level, value in (("noinit", noinit), ("sorted", sorted_tokens(noinit)),
                                 ("skel", skeleton(noinit)),
                                 ("skelsorted", sorted_tokens(skeleton(noinit)))):
                found = self._pick(levels[level].get(value), country)
                if found:
                    return found
        short = without_father(clean.name)
        if short:
            # "Mohamad bin Haji Hasan" is known as "Mohamad Hasan"; "Faisal bin Farhan bin
            # Abdullah" is the start of "Faisal bin Farhan bin Abdullah Al Saud".
            found = self._pick(levels["noinit"].get(no_initials(short)), country) or \
                self._pick(self._chain_starts.get(person_key(clean.name)), country)
            if found:
                return found
        tokens = keys[-1].split()
        if len(tokens) >= 2 and INITIAL_RX.match(clean.name.split()[0]):
            # "A. Blinken", "S. Jaishankar": an initial plus the surname.
            found = self._pick(levels["initial"].get(f"{tokens[0][0]} {tokens[-1]}"), country)
            if found:
                return found
        if len(tokens) == 1:
            return self._lookup_surname(tokens[0], country)
        return self._fuzzy(skeleton(no_initials(forms[-1])), country)

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
            self._pick(self._surname_skeletons.get(skeleton(key)), country)
        if found or len(key) < 6 or not self._fuzzy_surnames:
            return found
        best = process.extract(skeleton(key), self._fuzzy_surnames, scorer=fuzz.ratio,
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
        if len(people) != 1:
            return None
        person = next(iter(people))
        # The whole names may be close while the surnames are not ("Michael Pech" is not
        # "Michael Pence"): a spelling variant keeps its surname recognisable.
        surname = self._surname_skeleton(person)
        return person if surname and max(fuzz.ratio(t, surname) for t in skeleton.split()) >= 80 else None

    def _surname_skeleton(self, person: str) -> str | None:
        surname = self.surnames.get(person)
        return skeleton(person_key(surname)) if surname else None

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
        people = self._surnames.get(surname_key) or self._surname_skeletons.get(skeleton(surname_key))
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

    def royal_mismatch(self, person: str, title: str | None) -> bool:
        """A royal title before a name the gazetteer gives to someone who never held one ("Sultan
        Ibrahim" is not the Prime Minister Anwar Ibrahim, whose surname alias it matches)."""
        terms = self.terms_by_person.get(person)
        return bool(terms) and title in _ROYAL and not any(t.office in _ROYAL for t in terms)

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
