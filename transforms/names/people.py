"""Person names: cleaning (honorifics, suffixes, patronymics), keys, surnames and canonical names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from transforms.names.geo import country_code
from transforms.names.office import office_at_start, office_tables
from transforms.names.text import ascii_fold, tidy
from transforms.reference import load

if TYPE_CHECKING:
    from transforms.names.gazetteer import Gazetteer
from transforms.reference.patterns import trie_alternation


_PARENS_RX = re.compile(r"\s*\([^)]*\)")
_NICKNAME_RX = re.compile(r'\s"[^"]{1,40}"(?=\s)')
_OF_COUNTRY_RX = re.compile(r"\s+of\s+(?:the\s+)?(?P<country>[^,]+)$")
_POSSESSIVE_RX = re.compile(r"['’]s$")
_GLUED_INITIAL_RX = re.compile(r"^((?:[A-Z]\.)+)([A-Z][a-z].*)$")
_ROMAN_RX = re.compile(r"^[IVX]+$")
INITIAL_RX = re.compile(r"^(?:[A-Z]\.-?)+$|^[A-Z]$")
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
    apostrophe_particles: frozenset[str]
    patronymic_endings: tuple[str, ...]
    patronymic_words: frozenset[str]
    patronymic_words_as_written: frozenset[str]
    father_connectors: frozenset[str]
    inner_honorifics: frozenset[str]
    family_first: frozenset[str]
    stop_tokens: frozenset[str]
    calendar_given_names: frozenset[str]
    initial_digraphs: frozenset[str]
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
        apostrophe_particles=frozenset(data.apostrophe_particles),
        patronymic_endings=tuple(sorted({fold(e).replace("’", "'") for e in data.patronymic_endings},
                                        key=len, reverse=True)),
        patronymic_words=frozenset(fold(w).replace("’", "'") for w in data.patronymic_words),
        patronymic_words_as_written=frozenset(data.patronymic_words),
        father_connectors=frozenset(data.father_connectors),
        inner_honorifics=frozenset(data.inner_honorifics),
        family_first=frozenset(
            s.casefold() for group in data.family_first_surnames.values() for s in group
        ),
        stop_tokens=frozenset(data.stop_tokens),
        calendar_given_names=frozenset(data.calendar_given_names),
        initial_digraphs=frozenset(data.initial_digraphs),
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


def no_initials(name: str) -> str:
    """Key of a name without its middle/leading initials ("Retno L.P. Marsudi" -> "retno marsudi")."""
    tokens = name.split()
    kept = [t for t in tokens if not INITIAL_RX.match(t) and len(t.strip(".")) > 1]
    return person_key(" ".join(kept)) if len(kept) >= 2 else person_key(name)


def skeleton(key: str) -> str:
    """Transliteration-insensitive key: Zelenskyy/Zelensky/Zelenskiy, Tokayev/Tokaev agree."""
    text = _Y_BETWEEN_VOWELS_RX.sub("", key)
    for old, new in _SKELETON_DIGRAPHS:
        text = text.replace(old, new)
    return _DOUBLE_RX.sub(r"\1", text)


def without_father(name: str) -> str | None:
    """"Mohamad bin Haji Hasan" -> "Mohamad Hasan": the name without "bin <father>" and inner
    honorifics, when that leaves two words or more and differs from the name."""
    p = particles()
    tokens = name.split()
    kept, skip = [], False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            if token in p.inner_honorifics and i + 1 < len(tokens) - 1:
                skip = True  # "bin Haji Abdul Hasan": the honorific, then the father's name
            continue
        if token in p.father_connectors and 0 < i < len(tokens) - 1:
            skip = i + 1 < len(tokens) - 1  # the father's name, unless it is the last word
            continue
        if token.rstrip(".") in p.inner_honorifics and i > 0:
            continue
        kept.append(token)
    return " ".join(kept) if len(kept) >= 2 and len(kept) < len(tokens) else None


def sorted_tokens(key: str) -> str:
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
    caps_first = _surname_first_in_capitals(tokens, all_caps)
    fixed = []
    for i, token in enumerate(tokens):
        plain = token.replace(".", "")
        # A final roman numeral ("Charles III") stays; "XI JINPING" is not a numeral.
        numeral = i == len(tokens) - 1 and i > 0 and _ROMAN_RX.match(plain)
        if token.isupper() and len(plain) > 1 and not numeral and (all_caps or len(plain) > 2
                                                                     or (i == 0 and caps_first)):
            # "KULUBAEV Zheenbek", "XI JINPING": upper-case surname conventions.
            token = _title_case_token(token)
        fixed.append(token)
    if caps_first and tokens[0].casefold() not in p.family_first:
        # "HAYASHI Yoshimasa", "TOKAYEV Kassym-Jomart": the capitalised surname goes last (given
        # name first), except for family-name-first names ("XI Jinping", "KIM Min-jun").
        fixed = fixed[1:] + fixed[:1]
    return " ".join(_fix_patronymic(fixed, p))


def _surname_first_in_capitals(tokens: list[str], all_caps: bool) -> bool:
    """A name written surname first, the surname alone in capitals ("HAYASHI Yoshimasa")."""
    if all_caps or len(tokens) < 2:
        return False
    first = tokens[0].replace("-", "")
    numeral = _ROMAN_RX.match(first) and first.casefold() not in particles().family_first  # "II", not "XI"
    return first.isalpha() and first.isupper() and len(first) > 1 and not numeral \
        and not any(t.isupper() for t in tokens[1:])


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
