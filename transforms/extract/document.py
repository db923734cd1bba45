"""One article prepared for extraction: sentences before the noise, and every mention found once."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pycountry

from transforms.extract import _deps
from transforms.extract.issuer import home_offices, issuer_country
from transforms.extract.lexicon import Place, Region, event_rules, key_words, places, regions
from transforms.extract.participation import participation_hits
from transforms.reference import word_set
from transforms.reference.patterns import set_alternation
from transforms.text import find_noise_start, is_boilerplate_line, split_sentences

# A list item's mark: a bullet, "1." / "2)", a lettered "a." / "b)", or "(i)" / "(a)".
BULLET = re.compile(r"^(?:[•▪●◦\-*]|\d{1,2}[.)]|[a-z][.)]|\((?:[a-z]|[ivx]{1,4}|\d{1,2})\))\s+")
_NUMBER_MARK = re.compile(r"\d{1,2}[.)]")
_URL_HOST = re.compile(r"^[a-z]+://([^/:]+)", re.I)


@dataclass(frozen=True)
class Sent:
    """A sentence (or bullet item) of the article, with its paragraph number."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    bullet: bool


@dataclass(frozen=True)
class DateSpan:
    """A date mention with offsets into the article text."""

    start: int
    end: int
    text: str
    value: Any
    kind: str


# Cheap test before the date resolver runs on a sentence.
_MAY_HAVE_DATE = re.compile(
    r"\d|\b(?:today|tonight|yesterday|tomorrow|morning|afternoon|evening|day|week|month|year|spring|summer|"
    r"autumn|fall|winter|quarter|decade|century|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|earlier|later|recently|ago)", re.I)


_MAY_HAVE_DATE_LOW = re.compile(_MAY_HAVE_DATE.pattern.lower())


def _date_windows(text: str, low: str) -> list[tuple[int, int]]:
    """Stretches of a sentence around its date-like words (the resolver's cost grows with length).

    Each window reaches 60 characters back (for "from", "on", tense cues) and 30 on, cut at
    word starts; overlapping windows are joined.
    """
    windows: list[tuple[int, int]] = []
    scan = _MAY_HAVE_DATE_LOW if low is not text and low != text else _MAY_HAVE_DATE
    for m in scan.finditer(low if scan is _MAY_HAVE_DATE_LOW else text):
        a = max(0, m.start() - 60)
        if a:
            space = text.find(" ", a, m.start())
            a = space + 1 if space >= 0 else m.start()
        b = min(len(text), m.end() + 30)
        if b < len(text):
            space = text.rfind(" ", m.end(), b)
            b = space if space >= 0 else b
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(b, windows[-1][1]))
        else:
            windows.append((a, b))
    return windows


@dataclass(frozen=True)
class Span:
    """A located mention of some kind (place, region) in the article text."""

    start: int
    end: int
    text: str
    value: Any


class _Spans:
    """Mentions sorted by start, with a fast 'inside [start, end)' query."""

    def __init__(self, items: list, start=lambda x: x.start) -> None:
        self.items = sorted(items, key=start)
        self.starts = [start(x) for x in self.items]

    def within(self, start: int, end: int) -> list:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [x for x in self.items[lo:hi] if x.end <= end]

    def last_within(self, end: int):
        """The last item (in start order) of within(0, end), found without listing them all; None if none."""
        return next(self.before(end), None)

    def before(self, end: int, most: int | None = None):
        """The items of within(0, end), last first, at most `most` of them (a look back bounded by count)."""
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and most != 0:
            if self.items[i].end <= end:
                yield self.items[i]
                most = None if most is None else most - 1
            i -= 1

    def counts(self, key) -> dict:
        """How many items have each value of key(item) (None left out), counted once and kept."""
        cached = getattr(self, "_counts", None)
        if cached is None or cached[0] is not key:
            found: dict = {}
            for x in self.items:
                value = key(x)
                if value is not None:
                    found[value] = found.get(value, 0) + 1
            self._counts = cached = (key, found)
        return cached[1]

    def starting_in(self, start: int, end: int, limit: int) -> list:
        """Items that start inside [start, end) and end by `limit` (a mention may run past `end`).

        Bounded by `end`, not by `limit`: a scan to the end of the text for each mention made
        extraction quadratic in the length of the article.
        """
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [x for x in self.items[lo:hi] if x.end <= limit]


@dataclass
class Doc:
    """An article row plus the mentions extraction reads."""

    article: dict
    article_id: str
    source_path: str
    text: str
    title: str
    published: dt.date | None
    published_source: str
    home: str | None
    limit: int
    headline_end: int  # the title is text[:headline_end] (0: the text does not start with one)
    low: str  # text.lower() when that keeps every offset (else text): fast case-sensitive scans
    sentences: list[Sent]
    countries: _Spans
    people: _Spans
    orgs: _Spans
    regions: _Spans
    event_keys: dict[int, set[int]] = field(default_factory=dict)  # sentence -> trigger indices to try
    cue_keys: dict[int, set[int]] = field(default_factory=dict)  # sentence -> commitment cue indices to try
    listish: set[int] = field(default_factory=set)  # sentences that may be list items, intros or attendance
    participation: dict[int, list] = field(default_factory=dict)  # sentence -> participation cue hits
    named: frozenset[str] = frozenset()  # people whose name the article writes (not only an office)
    date_cache: dict[int, list] = field(default_factory=dict)
    place_cache: dict[int, list] = field(default_factory=dict)
    paragraph_starts: dict[int, int] = field(default_factory=dict)  # paragraph -> its first sentence's start
    sentence_starts: list[int] = field(default_factory=list)  # each sentence's start, in order (found on first use)

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence that holds offset `pos` (the last one starting at or before it); -1 before the
        first."""
        if not self.sentence_starts:
            self.sentence_starts = [s.start for s in self.sentences]
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def paragraph_start(self, sent: Sent) -> int:
        """Offset of the first sentence of sent's paragraph."""
        if not self.paragraph_starts:
            for s in reversed(self.sentences):
                self.paragraph_starts[s.paragraph] = s.start
        return self.paragraph_starts[sent.paragraph]

    def places_in(self, sent: Sent) -> list[Span]:
        """Gazetteer places of one sentence, offsets into the article text (found on first use)."""
        found = self.place_cache.get(sent.start)
        if found is None:
            regex, lookup = places()
            found = [Span(m.start(), m.end(), m.group(0), lookup[m.group(0)])
                     for m in regex.finditer(self.text, sent.start, sent.end)]
            self.place_cache[sent.start] = found
        return found

    def dates_in(self, sent: Sent) -> list["DateSpan"]:
        """Date mentions of one sentence, offsets into the article text (found on first use)."""
        found = self.date_cache.get(sent.start)
        if found is None:
            found = []
            # Without a publication date the text's own full dates still count ("met on 23 November 2021").
            for a, b in _date_windows(sent.text, self.low[sent.start:sent.end]):
                try:
                    mentions = _deps.find_dates(sent.text[a:b], self.published)
                except Exception:  # noqa: BLE001 - a date the resolver cannot read is just not a date
                    mentions = []
                found += [DateSpan(sent.start + a + d.start, sent.start + a + d.end, d.text, d.value,
                                   getattr(d, "kind", "absolute")) for d in mentions]
            self.date_cache[sent.start] = found
        return found


_MAX_HEADLINE = 400


def headline_end(text: str, title: str | None) -> int:
    """End of the title line that starts the text ("<title>\\n\\n<body>"), or 0 when the text has none.

    The whole first line counts: a title cut short in the metadata ("Joint Statement on the
    U.S.") is still written in full in the text.
    """
    title = (title or "").strip()
    if not title or not text.startswith(title):
        return 0
    line_end = text.find("\n", len(title))
    end = len(text) if line_end < 0 else line_end
    return end if end <= _MAX_HEADLINE else len(title)


def publisher_country(url: str | None, source_path: str | None) -> str | None:
    """The publisher's home country from the URL host, else from the folders of the source path."""
    rules = event_rules()
    if url:
        m = _URL_HOST.match(url.strip())
        host = (m.group(1) if m else "").lower()
        for suffix, code in rules.publisher_hosts.items():
            if host == suffix or host.endswith("." + suffix) or (suffix == "whitehouse.gov" and "whitehouse" in host
                                                                and host.endswith(".gov")):
                return code
        code = _government_country(host)
        if code:
            return code
    if source_path:
        for folder in re.split(r"[\\/]", source_path)[:-1]:
            for pattern, code in rules.publisher_folders:
                if pattern.search(folder):
                    return code
    return None


def _government_country(host_or_text: str) -> str | None:
    """The country whose government host ("www.gov.br", "mfa.go.ke") the text names, when it names one."""
    codes = set()
    for m in event_rules().government_host.finditer(host_or_text):
        country = pycountry.countries.get(alpha_2="GB" if m.group("cc").lower() == "uk" else m.group("cc").upper())
        if country is not None:
            codes.add(country.alpha_3)
    return codes.pop() if len(codes) == 1 else None


# The letterhead and the footer of a release: its first and last lines.
_HEAD_LINES, _FOOT_LINES, _MAX_LINE = 8, 12, 160


def publisher_from_text(text: str) -> str | None:
    """The country of a release told by its own letterhead or footer: a government address ("Email:
    communications@mfa.go.ke") or a line naming its government ("Ministry of Foreign Affairs of Japan")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    edge = lines[:_HEAD_LINES] + lines[-_FOOT_LINES:]
    code = _government_country("\n".join(edge))
    if code:
        return code
    codes = set()
    for i, line in enumerate(edge):
        m = event_rules().institution_line.search(line) if len(line) <= _MAX_LINE else None
        if m:
            # "MINISTRY OF FOREIGN AFFAIRS" over "SINGAPORE": a short line after it may name the country.
            after = edge[i + 1] if i + 1 < len(edge) and len(edge[i + 1].split()) <= 3 else ""
            codes |= {c.code for c in _deps.find_countries(_institution_name(line, m.end()))
                      if getattr(c, "code", None)}
            codes |= {c.code for c in _deps.find_countries(after) if getattr(c, "code", None) and c.kind != "demonym"}
    return codes.pop() if len(codes) == 1 else None


# The institution's own name around its head word: capitalised words and the small words that join them
# ("Royal Thai Government", "Ministry of Foreign Affairs, African Integration and Ivorians Abroad"); the first
# other word ends it, so a country the line names after it ("... on the situation in Niger") is not its own.
_NAME_WORD = re.compile(r"(?:[,&]|\b(?:of|the|and|for|de|du|des|la|el|y)\b|(?-i:[A-Z0-9\u00c0-\u00dd])[\w'’.-]*)")
_NAME_BEFORE = re.compile(r"(?:(?-i:[A-Z\u00c0-\u00dd])[\w'’.-]*\s+)*$")


def _institution_name(line: str, head_end: int) -> str:
    """The name of the institution whose head word ("Ministry", "Government") ends at head_end."""
    head_start = line.rfind(" ", 0, head_end - 1) + 1
    start = _NAME_BEFORE.search(line, 0, head_start).start()
    end = head_end
    while True:
        m = _NAME_WORD.match(line, len(line[:end]) + len(line[end:]) - len(line[end:].lstrip()))
        if m is None or m.end() == m.start():
            break
        end = m.end()
    return line[start:end]


def _regions_at(joined: str, shifts: list[tuple[int, int]]) -> list[Span]:
    regex, lookup = regions()
    out = []
    for m in regex.finditer(joined):
        d = _offset(shifts, m.start())
        out.append(Span(m.start() + d, m.end() + d, m.group(0), lookup[m.group(0)]))
    return out


# Bounds on what one rule reads (dev corpus: longest sentence 1,008 characters, longest paragraph
# 21,725). A longer "sentence" (a text without full stops) is read in pieces, and a longer paragraph
# counts as several: rules that look across a sentence or back through its paragraph then cost a
# bounded amount per sentence, so extraction time grows linearly with the text, not with its square.
MAX_SENTENCE = 2_000
MAX_PARAGRAPH = 25_000


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut after a space into stretches of at most MAX_SENTENCE characters."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    out.append((start, end))
    return out


def _sentences(text: str, limit: int) -> list[Sent]:
    out: list[Sent] = []
    paragraph = 0
    paragraph_begin = 0
    previous = -1  # start of the previous sentence
    line_start = 0
    numbered = False
    for s in split_sentences(text, 0, limit):
        breaks = text.count("\n\n", max(previous, 0), s.start)
        if breaks or s.start - paragraph_begin > MAX_PARAGRAPH:
            paragraph += max(breaks, 1)
            paragraph_begin = s.start
        # Line of the sentence, found from the previous one's (a look back to the text's start per
        # sentence is quadratic on a text with few line breaks).
        newline = text.rfind("\n", max(previous, 0), s.start)
        if newline >= 0:
            line_start = newline + 1
        is_line_start = line_start > previous and not text[line_start:s.start].strip()
        previous = s.start
        if is_line_start:
            line_end = text.find("\n", s.start)
            if is_boilerplate_line(text[line_start:line_end if line_end >= 0 else len(text)]):
                continue
        bullet = bool(is_line_start and BULLET.match(s.text)) or numbered
        # A number alone ("1.", cut off by the splitter) numbers the sentence after it: that one is the item.
        numbered = is_line_start and _NUMBER_MARK.fullmatch(s.text) is not None
        if numbered:
            continue
        for a, b in _pieces(text, s.start, s.end):
            out.append(Sent(len(out), a, b, text[a:b], paragraph, bullet and a == s.start))
    return out


@lru_cache(maxsize=1)
def _list_words() -> re.Pattern:
    """Words of sentences that add people to an event or items to a consensus list (on the lower-cased text)."""
    return re.compile(r"\b(?:present|attended|participated|took part|joined|be (?:made|taken|stepped up|carried out)"
                      r"|(?P<ord>" + set_alternation(word_set("LIST_ORDINALS")) + r"),)")


def _key_hits(text: str, low: str, limit: int, starts: list[int]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Sentence index -> trigger indices, and -> cue indices, whose key words it holds (one pass)."""
    regex, key_map = key_words()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): keep offsets exact
        regex, low = re.compile(regex.pattern, re.I), text
    events: dict[int, set[int]] = {}
    cues: dict[int, set[int]] = {}
    for m in regex.finditer(low, 0, limit):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0:
            ev, cm = key_map[m.group(0).lower()]
            if ev:
                events.setdefault(i, set()).update(ev)
            if cm:
                cues.setdefault(i, set()).update(cm)
    return events, cues


def _blocks(sentences: list[Sent], wanted: set[int]) -> list[tuple[int, int]]:
    """Spans covering the wanted sentences, neighbours joined (one names call per block)."""
    blocks: list[tuple[int, int]] = []
    last = -10
    for i in sorted(wanted):
        s = sentences[i]
        if blocks and i - last <= 2:
            blocks[-1] = (blocks[-1][0], s.end)
        else:
            blocks.append((s.start, s.end))
        last = i
    return blocks


@dataclass(frozen=True, slots=True)
class PersonSpan:
    """A person mention from transforms.names, offsets into the article text."""

    start: int
    end: int
    name_start: int
    name_end: int
    name_as_written: str
    name: str
    title: str | None
    country: str | None
    organization: str | None


@dataclass(frozen=True, slots=True)
class CountrySpan:
    """A country mention, offsets into the article text."""

    start: int
    end: int
    text: str
    code: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class OrgSpan:
    """An organization mention, offsets into the article text."""

    start: int
    end: int
    text: str
    name: str


def _offset(shifts: list[tuple[int, int]], pos: int) -> int:
    """Shift from a position in the joined block text to the article text."""
    i = bisect.bisect_right(shifts, (pos, float("inf"))) - 1
    return shifts[i][1] if i >= 0 else 0


def _people_at(items: list, shifts: list[tuple[int, int]]) -> list[PersonSpan]:
    out = []
    for p in items:
        d = _offset(shifts, p.start)
        out.append(PersonSpan(p.start + d, p.end + d, p.name_start + d, p.name_end + d, p.name_as_written, p.name,
                              getattr(p, "title", None), getattr(p, "country", None), getattr(p, "organization", None)))
    return out


def written_names(people: list[PersonSpan]) -> frozenset[str]:
    """The people whose name (part of it) is written somewhere in the article: "the Minister" or
    "the Kenyan Foreign Minister" is one of them only when the article names them elsewhere."""
    out = set()
    for p in people:
        if set(_deps.person_key(p.name_as_written).split()) & set(_deps.person_key(p.name).split()):
            out.add(p.name)
    return frozenset(out)


def _countries_at(items: list, shifts: list[tuple[int, int]]) -> list[CountrySpan]:
    out = []
    for c in items:
        d = _offset(shifts, c.start)
        out.append(CountrySpan(c.start + d, c.end + d, c.text, getattr(c, "code", None), getattr(c, "kind", "name")))
    return out


def _orgs_at(items: list, shifts: list[tuple[int, int]]) -> list[OrgSpan]:
    out = []
    for o in items:
        d = _offset(shifts, o.start)
        out.append(OrgSpan(o.start + d, o.end + d, o.text, getattr(o, "name", None) or o.text))
    return out


def prepare(article: dict) -> Doc:
    """Cut the article at its noise, split it, and find countries, people and organizations where they matter.

    Names are looked up only in the sentences that can state an event or a commitment (and
    their neighbours): the rest of a release cannot change what is extracted.
    """
    text = article.get("text") or ""
    limit = find_noise_start(text)
    published = article.get("published_date")
    if isinstance(published, dt.datetime):
        published = published.date()
    sentences = _sentences(text, limit)
    starts = [s.start for s in sentences]
    low = text.lower()
    event_keys, cue_keys = _key_hits(text, low, limit, starts)
    wanted = set(event_keys) | set(cue_keys)
    hits = []
    if len(low) == len(text):
        for m in _list_words().finditer(low, 0, limit):
            # an ordinal counts only as the first word of its line ("Second, deepen ...")
            if not m.group("ord") or m.start() == 0 or text[m.start() - 1] == "\n":
                hits.append(m.start())
    colon = text.find(":", 0, limit)
    while colon >= 0:
        if text[colon + 1:colon + 4].lstrip(" \t")[:1] in ("", "\n", "\r"):  # a colon that ends its line
            hits.append(colon)
        colon = text.find(":", colon + 1, limit)
    listish = {bisect.bisect_right(starts, pos) - 1 for pos in hits}
    listish.discard(-1)
    wanted.update(listish)
    participation = participation_hits(text, limit, starts, low)
    wanted.update(participation)  # "accompanied by ...": their people join an event
    head_end = headline_end(text, article.get("title"))
    wanted.update(s.index for s in sentences if s.start < head_end)  # the title is always read
    # So are the first two sentences of the body: they name the people "the minister" later means.
    wanted.update([s.index for s in sentences if s.start >= head_end][:2])
    wanted.update(s.index for s in sentences if s.bullet)
    # The wanted blocks are joined into one text (blank lines between, so no name spans two
    # blocks) and looked up with one call each; offsets are mapped back through `shifts`.
    blocks = _blocks(sentences, wanted)
    parts, shifts, pos = [], [], 0
    for b_start, b_end in blocks:
        parts.append(text[b_start:b_end])
        shifts.append((pos, b_start - pos))
        pos += b_end - b_start + 2
    joined = "\n\n".join(parts)
    # anaphora=True: "the minister" is a mention too, and coreference gives it the person named before.
    found = _deps.find_people(joined, on_date=published, anaphora=True) if joined else []
    # Forward, then backward: a title's "President Holm" takes the full name the body gives later.
    found = [p for p in _deps.resolve_people(found) if p.name]
    people = _people_at(found, shifts)
    countries = _countries_at(_deps.find_countries(joined) if joined else [], shifts)
    orgs = _orgs_at(_deps.find_organizations(joined) if joined else [], shifts)
    doc = Doc(
        article=article,
        article_id=article["article_id"],
        source_path=article.get("source_path") or "",
        text=text,
        title=article.get("title") or "",
        published=published,
        published_source=article.get("published_date_source") or "unknown",
        home=publisher_country(article.get("url"), article.get("source_path")) or publisher_from_text(text),
        limit=limit,
        headline_end=head_end,
        low=low if len(low) == len(text) else text,
        sentences=sentences,
        countries=_Spans(countries),
        people=_Spans(people),
        named=written_names(people),
        orgs=_Spans(orgs),
        regions=_Spans(_regions_at(joined, shifts)),
        event_keys=event_keys,
        cue_keys=cue_keys,
        listish=listish,
        participation=participation,
    )
    if doc.home is None:
        doc.home = issuer_country(doc)
    home_offices(doc)
    return doc


__all__ = ["Doc", "Place", "Region", "Sent", "Span", "headline_end", "prepare", "publisher_country",
           "publisher_from_text"]
