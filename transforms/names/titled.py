"""Open-world titles: people introduced by a title nobody listed ("Khokim of Samarkand Region X",
"the Principal Secretary, State Department for Trade, Ms. Y", "Z, Chairman of the Committee on ...").

The grammar and its words are in reference/names/titles.yaml. This module reads a title around
each of its heads (`read_title`), then the name after it (`titled_mentions`) or before it
(`apposed_mentions`). It works on the person finder's scan state (transforms.names.scan) and
builds mentions through the finder's own builder, so canonical names and gazetteer refinements
are the same as for titles offices.yaml knows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

from transforms.names.office import office_at_start
from transforms.names.people import particles
from transforms.reference import load
from transforms.reference.patterns import trie_alternation

_SPACE = re.compile(r"[^\S\n]*")
# One token of a title: a word (with inner dots, hyphens, apostrophes: "a.i.", "Al-Rashid",
# "d'affaires"), a comma, "&", or anything else (which ends the title).
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]|\.(?=\w))*\.?|,|&|\S")
_POSSESSIVE = ("'s", "’s")
_MAX_TOKENS = 40


@dataclass(frozen=True)
class TitleWords:
    """The word classes of titles.yaml, as sets for O(1) membership."""

    heads: frozenset[str]
    lowercase_heads: frozenset[str]
    modifiers: frozenset[str]
    words: frozenset[str]
    inner: frozenset[str]
    connectors: frozenset[str]
    head_rx: re.Pattern

    def blocks_name(self, word: str) -> bool:
        """A word no name next to a title starts with (a head, modifier or title word)."""
        return word in self.heads or word in self.modifiers or word in self.words

    def ends_name(self, word: str) -> bool:
        """A word that ends a name once it started ("Jane Doe Deputy Minister ...")."""
        return word in self.heads or word in self.modifiers


@functools.lru_cache(maxsize=1)
def title_words() -> TitleWords:
    """titles.yaml as word sets, and one regex of every head (Title Case as written, and the
    lower-case heads)."""
    data = load("names/titles.yaml")
    heads = frozenset(data.heads)
    lower = frozenset(data.lowercase_heads)
    head_rx = re.compile(r"(?<![\w'’\-])(?:" + trie_alternation(sorted(heads | lower)) + r")(?![\w\-])")
    return TitleWords(heads, lower, frozenset(data.modifiers), frozenset(data.title_words),
                      frozenset(data.inner_words), frozenset(data.connectors), head_rx)


@dataclass
class Title:
    """An office phrase read around one head: where it runs, and the country or organisation it names."""

    start: int
    text_start: int  # after a country or organisation prefix ("Kenya's Cabinet Secretary")
    end: int
    country: str | None
    organization: str | None
    definite: bool  # "the ...", a country or possessive before it: one specific holder
    lowercase: bool
    complement: "_Complement"

    def written(self, source: str) -> str:
        """The title as written, on one line, without its country prefix."""
        return " ".join(source[self.text_start:self.end].split())


def _token(text: str, pos: int, limit: int) -> re.Match | None:
    """The next token on the same line from pos (spaces skipped), or None at a line end."""
    pos = _SPACE.match(text, pos).end()
    if pos >= limit or text[pos] == "\n":
        return None
    return _TOKEN.match(text, pos)


def _bare(word: str) -> str:
    """The word without a final period or possessive ("Ministry's" -> "Ministry")."""
    if word.endswith(_POSSESSIVE):
        word = word[:-2]
    return word[:-1] if word.endswith(".") and word.count(".") == 1 else word


class _Reader:
    """Reads one title rightwards from its head: the complement, then where a name may start."""

    def __init__(self, scan, words: TitleWords):
        self.scan = scan
        self.text = scan.text
        self.index = scan.index
        self.words = words

    def geo_at(self, pos: int):
        """(end, country code, organisation) of a country/organisation/region mention starting at pos."""
        index = self.index
        pos = _SPACE.match(self.text, pos).end()
        if pos in index.country_by_start:
            m = index.country_by_start[pos]
            return m.end, m.code, None, m.kind
        if pos in index.org_by_start:
            m = index.org_by_start[pos]
            return m.end, None, m.name, "org"
        if pos in index.mask_starts:
            return index.mask_starts[pos], None, None, "mask"
        return None

    def title_word(self, word: str) -> bool:
        bare = _bare(word)
        return bare[:1].isupper() and (self.words.blocks_name(bare) or bare.upper() == bare and len(bare) > 1
                                       and bare not in particles().stop_tokens and not _name_caps(bare))


# Initials before a capitalised word after a title's comma ("..., S.S. Yatimov") start a name; they are
# no acronym of the title ("in Washington, D.C."; "U.S.", "U.N." are read as a country or organisation).
_INITIALS_NAME = re.compile(r"(?:[A-Z]\.){1,3}[^\S\n]+[A-Z][a-z]")


def _name_caps(word: str) -> bool:
    """An all-caps word that reads as a surname ("HAYASHI"), not an acronym ("USAID"): long and
    with vowels between consonants."""
    return len(word) >= 4 and bool(re.search(r"[AEIOUY][^AEIOUY\W]+[AEIOUY]", word))


def read_title(scan, head: re.Match) -> Title | None:
    """The title around one head: its left part (modifiers, country, organisation) and its complement."""
    words = title_words()
    text = scan.text
    hs, he = head.span()
    lowercase = text[hs].islower()
    if lowercase and text[hs:he] not in words.lowercase_heads:
        return None
    reader = _Reader(scan, words)
    start, text_start, country, organization, definite = _left(reader, hs, lowercase)
    comp = _Complement(reader, he)
    comp.read()
    return Title(start, text_start, comp.end, country or comp.country, organization or comp.organization,
                 definite, lowercase, comp)


_LEFT_WORDS = 12  # words of a title left of its head, at most
_LEFT_REACH = 600  # characters those words may span


def _left(reader: _Reader, hs: int, lowercase: bool) -> tuple[int, int, str | None, str | None, bool]:
    """Walk left of the head over modifiers, title words, a country or organisation prefix.

    Returns (start, start of the title's words after any country/organisation prefix, country,
    organisation, definite)."""
    text, index, words = reader.text, reader.index, reader.words
    start = text_start = hs
    country = organization = None
    # Looked for within _LEFT_REACH characters: a scan back to the line's start (or a copy of the
    # text up to the head) per head grew with the square of a text on one line.
    line_start = max(text.rfind("\n", max(0, hs - _LEFT_REACH), hs) + 1, hs - _LEFT_REACH)
    for _ in range(_LEFT_WORDS):
        end = start
        while end > line_start and text[end - 1] in " \t":
            end -= 1
        if end <= line_start or end == start and start != hs:
            break
        poss = 2 if text[end - 2:end] in _POSSESSIVE else 0
        mention = index.country_by_end.get(end - poss) or index.org_by_end.get(end - poss)
        if mention is not None:
            start = mention.start
            if getattr(mention, "code", None):
                country = country or mention.code
            else:
                organization = organization or mention.name
            continue
        word = re.search(r"[\w'’\-.]+$", text[line_start:end])
        if word is None or country or organization or _ends_sentence(word.group()):
            break  # nothing but a prefix stands before the country ("Kenya's Cabinet Secretary")
        token = _bare(word.group())
        lower_ok = lowercase and token.islower() and (token.capitalize() in words.modifiers
                                                      or token.capitalize() in words.words)
        if not lower_ok and not reader.title_word(word.group()):
            break
        start = text_start = end - len(word.group())
    before = text[max(line_start, start - 4):start]
    definite = bool(country or organization) or before.endswith(("the ", "The ", "THE ")) \
        or start == line_start or before.endswith((": ", "- "))
    return start, text_start, country, organization, definite


class _Complement:
    """The complement of a title after its head, read token by token; `resume` goes on past a
    candidate name that was not one ("of the Two Holy Mosques to Thailand")."""

    def __init__(self, reader: _Reader, pos: int):
        self.reader = reader
        self.pos = pos      # where reading goes on (after connectors)
        self.end = pos      # end of the last word that belongs to the title
        self.country: str | None = None
        self.organization: str | None = None
        self.prep: str | None = None   # the last preposition read ("of", "to" ...)
        self.forced = False            # a connector was read: the next capital belongs to the title

    def read(self) -> None:
        text = self.reader.text
        limit = min(len(text), self.pos + 300)
        for _ in range(_MAX_TOKENS):
            if self._geo():
                continue
            tok = _token(text, self.pos, limit)
            if tok is None or not self._step(tok, limit):
                break

    def resume(self, candidate_end: int) -> bool:
        """Take a failed candidate name [end, candidate_end) into the title when a connector follows it."""
        if not re.match(r"[^\S\n]+(?:of|for|to|in|on|at|and)[^\S\n]+", self.reader.text[candidate_end:]):
            return False
        self.end = self.pos = candidate_end
        self.forced = False
        self.read()
        return True

    def _geo(self) -> bool:
        geo = self.reader.geo_at(self.pos)
        if geo is None:
            return False
        g_end, code, org, kind = geo
        if self.prep in (None, "of"):
            self.country = self.country or code
            self.organization = self.organization or org
        self.end = self.pos = g_end
        if self.reader.text[g_end:g_end + 2] in _POSSESSIVE:
            self.end = self.pos = g_end + 2
        self.prep, self.forced = None, False
        return True

    def _step(self, tok: re.Match, limit: int) -> bool:
        """Read one token; False when it ends the title."""
        reader, text = self.reader, self.reader.text
        word = tok.group()
        low = word.lower()
        if word == ",":
            after = tok.end()
            nxt = _token(text, after, limit)
            if nxt is not None and nxt.group() in ("and", "&"):  # "to A, B, and the Republic of C"
                after = nxt.end()
                nxt = _token(text, after, limit)
            if nxt is not None and nxt.group() == "the":
                after = nxt.end()
                nxt = _token(text, after, limit)
            if nxt is None or _honorific_at(text, nxt.start()) or _INITIALS_NAME.match(text, nxt.start()) or not (
                    reader.title_word(nxt.group()) or reader.geo_at(after) is not None):
                return False
            geo = reader.geo_at(after)
            if geo is not None and text.startswith(_POSSESSIVE, geo[0]):
                return False  # "..., Brazil's deputy trade minister, and Peru's Luis Soto": another person's

            self.pos, self.prep, self.forced = after, None, False
            return True
        if word == "(":
            # "Additional Secretary (South Asia) X", "Secretary (West)": a portfolio in brackets is the title's.
            close = text.find(")", tok.end(), min(limit, tok.end() + 40))
            inner = text[tok.end():close].split() if close > 0 else []
            if not inner or not all(w[:1].isupper() or w in ("and", "&", "of") for w in inner):
                return False
            self.end = self.pos = close + 1
            return True
        if low in reader.words.connectors or word == "&":
            if low != "the":
                self.prep = "and" if word == "&" else low
            self.pos, self.forced = tok.end(), True
            return True
        if low in reader.words.inner:
            self.end = self.pos = tok.end()
            return True
        if word[:1].isupper() and (self.forced or reader.title_word(word)):
            if _ends_sentence(word):
                self.end = self.pos = tok.end() - 1  # "... of Kenya in Nairobi. Assistant Director": a new sentence
                return False
            cut = 2 if word.endswith(_POSSESSIVE) else 0
            self.end = self.pos = tok.end() - cut
            if cut:
                self.pos = tok.end()
            self.forced = False
            return True
        return False


def _ends_sentence(word: str) -> bool:
    """A word with a final period that is no abbreviation ("Nairobi." but not "U.S." or "St.")."""
    return word.endswith(".") and "." not in word[:-1] and len(word) > 4


def _honorific_at(text: str, pos: int) -> bool:
    m = particles().honorific_rx.match(text, pos)
    return bool(m and m.end() > pos)


# ------------------------------------------------------------------ names after and before titles

_COMMA_GAP = re.compile(r"[^\S\n]*,[^\S\n]+|[^\S\n]+")
_CLOSES = re.compile(r"[^\S\n]*(?:[,;.)(:]|$|\n|and\b|who\b|said\b)")
_MAX_RESUMES = 3

Trim = Callable[[object, int, int], "tuple[int, int] | None"]


@dataclass(frozen=True)
class BareTitle:
    """A title read with no name after it, in the shape the apposition reader takes ("X, Title")."""

    start: int
    end: int
    title: str
    country: str | None
    organization: str | None
    definite: bool


def titled_spans(scan, name_rx: re.Pattern, trim: Trim) -> tuple[list[tuple[Title, tuple[int, int], str]],
                                                                 list[BareTitle]]:
    """(title, name span, office) for every open title followed by a name, and the titles with none.

    Heads inside a title already read are skipped; a title on an all-caps line (a heading) or one
    whose name would be a single word is left to the finder's other readers.
    """
    words = title_words()
    text = scan.text
    found, bare = [], []
    done = -1
    for head in words.head_rx.finditer(text):
        if head.start() < done or not scan.free(head.start(), head.end()) or _all_caps_line(text, head.start()):
            continue
        title = read_title(scan, head)
        if title is None:
            continue
        done = title.end
        span = _name_after(scan, title, name_rx, trim)
        if span is None:
            # Only a title after a comma can follow its name ("Jane Doe, Chairman of ...").
            after_comma = _AFTER_COMMA.search(text, max(0, title.start - 8), title.start)
            if (title.end > head.end() or title.definite) and after_comma:
                bare.append(BareTitle(title.start, title.end, _label(title, text), title.country,
                                      title.organization, title.definite or title.end > head.end()))
            continue
        done = span[1]
        found.append((title, span, _label(title, text)))
    return found, bare


_AFTER_COMMA = re.compile(r",[^\S\n]+(?:(?:the|The)[^\S\n]+)?\Z")


def _label(title: Title, text: str) -> str:
    """offices.yaml's normal form when it reads the whole title ("Acting Foreign Minister",
    "Prime Minister of Belize"), else the title as written."""
    written = title.written(text)
    office = office_at_start(written)
    return office.title if office and office.end >= len(written.rstrip(" ,")) else written


def _name_after(scan, title: Title, name_rx: re.Pattern, trim: Trim) -> tuple[int, int] | None:
    """The name right after the title (after a comma and honorifics), or None."""
    text = scan.text
    for _ in range(_MAX_RESUMES):
        gap = _COMMA_GAP.match(text, title.end)
        if gap is None:
            return None
        pos = gap.end()
        comma = "," in gap.group()
        if comma and text.startswith("the ", pos) and _honorific_at(text, pos + 4):
            pos += 4  # "..., the Honourable Jane Doe"
        for _ in range(4):
            honorific = particles().honorific_rx.match(text, pos)
            if not honorific or honorific.end() == pos:
                break
            pos = honorific.end()
        span = _name_from(scan, pos, name_rx, trim)
        if span is not None and _valid_name(scan, title, span, comma):
            return span
        end = span[1] if span else _word_end(text, pos)
        if comma or end is None or not title.complement.resume(end):
            return None
        title.end = title.complement.end
    return None


def _name_from(scan, pos: int, name_rx: re.Pattern, trim: Trim) -> tuple[int, int] | None:
    match = name_rx.match(scan.text, pos)
    if match is None:
        return None
    span = trim(scan, pos, match.end())
    return span if span and span[0] == pos else None


def _word_end(text: str, pos: int) -> int | None:
    m = re.match(r"[^\W\d_][\w'’\-]*", text[pos:])
    return pos + m.end() if m and m.group()[:1].isupper() else None


def _valid_name(scan, title: Title, span: tuple[int, int], comma: bool) -> bool:
    """Two words at least, none a title word first; after a comma, the title must be definite
    or the name closed by punctuation; never inside a heading in Title Case; and the title must
    not stop at a modifier ("First Deputy Prime Minisyer Jane Doe": a typo, not a name)."""
    text = scan.text
    last = re.search(r"[\w'’\-.]+$", text[title.text_start:title.end])
    if last and _bare(last.group()) in title_words().modifiers and _bare(last.group()) not in title_words().heads:
        return False
    tokens = text[span[0]:span[1]].split()
    if len(tokens) < 2 or title_words().blocks_name(_bare(tokens[0])):
        return False
    if not scan.free(span[0], span[1]):
        return False
    if comma and not (title.definite or _CLOSES.match(text, span[1])):
        return False
    return not title_case_line(text, span[0])


def _all_caps_line(text: str, pos: int) -> bool:
    line = _line(text, pos)
    return line is not None and any(ch.isalpha() for ch in line) and not any(ch.islower() for ch in line)


def title_case_line(text: str, pos: int) -> bool:
    """A heading written in Title Case ("Minister Lauds Progress On Trade Deal"): most of its
    five or more words, small ones too, start with a capital."""
    line = _line(text, pos)
    words = re.findall(r"[^\W\d_][\w'’\-]*", line) if line is not None else []
    if len(words) < 5:
        return False
    small = [w for w in words if w.lower() in ("on", "to", "with", "in", "at", "for", "of", "and", "the")]
    return len(small) >= 1 and all(w[:1].isupper() for w in small)


_HEADING_REACH = 500  # characters a heading line spans at most, either side of a position in it


def _line(text: str, pos: int) -> str | None:
    """The line holding `pos`, or None when it runs more than _HEADING_REACH characters either side:
    no heading is that long, and reading a long line whole for each mention in it was quadratic."""
    low = max(0, pos - _HEADING_REACH)
    start = text.rfind("\n", low, pos) + 1
    if start == 0 and low > 0:
        return None
    high = pos + _HEADING_REACH
    end = text.find("\n", pos, high)
    if end < 0:
        if high < len(text):
            return None
        end = len(text)
    return text[start:end]


__all__ = ["BareTitle", "Title", "TitleWords", "read_title", "title_case_line", "title_words", "titled_spans"]
