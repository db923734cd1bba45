"""Raw-form adapters: each turns the text of one raw file into RawDocument records.

Every adapter has the same shape, `parse_<form>(text, source_path) -> list[RawDocument]`,
and raises `IngestError` with a reason a user can act on when the file cannot be read.
No file access here: `flows.io` reads the bytes and hands the text over.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from transforms.dates import metadata_published, read_metadata_date


class IngestError(ValueError):
    """A raw file (or record) that cannot be turned into an article; the message says why and what to do."""


@dataclass(frozen=True)
class RawDocument:
    """One article as found in a raw file, before normalization."""

    source_path: str
    record_key: str  # position inside the file ("0" for single-article files)
    form: str  # txt | md | html | json | jsonl
    body: str
    title: str | None = None
    published: str | None = None  # date or datetime text from metadata
    url: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


# Metadata keys, in order of preference (CONTRACT.md "Raw input"); the publication date's fields are
# transforms.dates' (reference/dates/published.yaml).
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "source_url", "canonical_url")
_TEXT_KEYS = ("text", "content", "body")


def _first(meta: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = meta.get(key)
        if value not in (None, "") and not isinstance(value, (list, dict)):
            return value
    return None


def _first_text(meta: dict, keys: tuple[str, ...]) -> str | None:
    """The first value under `keys` that is a non-empty string ("text": 5 does not hide "content")."""
    return next((v for k in keys if isinstance(v := meta.get(k), str) and v.strip()), None)


def _published(meta: dict, language: str | None = None) -> str | None:
    """The text of the metadata field that states the publication date (transforms.dates chooses it)."""
    return _as_text(metadata_published(meta, language)[0])


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip() or None


def parse_txt(text: str, source_path: str) -> list[RawDocument]:
    """Plain text: the first non-empty line is the title, the rest is the body."""
    stripped = text.lstrip("\ufeff")
    if not stripped.strip():
        raise IngestError("empty file: add text or remove the file")
    lines = stripped.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    return [RawDocument(source_path, "0", "txt", body="\n".join(lines[first + 1:]),
                        title=lines[first].strip())]


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Link text holds no bracket and the target at most one level of parentheses ("Foo_(bar)"): each
# scan stops at the next bracket or parenthesis, so a text of a million '[' costs one pass, not a
# pass per '[' (a scan to the end of the text from each one made such a file take minutes).
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S))|((?<=\S)[*_](?!\w))")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*#{3,}\s*$", re.M)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


def _markdown_to_text(body: str) -> str:
    """Markdown to plain paragraphs: markup removed, soft line breaks joined."""
    body = _MD_LINK.sub(r"\1", body)
    body = _MD_ESCAPE.sub(r"\1", body)
    body = _MD_RULE.sub("", body)
    body = _MD_HEADING.sub("", body)
    body = _MD_EMPHASIS.sub("", body)
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", body):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        # A list keeps one item per line; prose lines are one paragraph.
        merged: list[str] = []
        for line in lines:
            if merged and not _LIST_ITEM.match(line):
                merged[-1] += " " + line
            else:
                merged.append(line)
        paragraphs.append("\n".join(merged))
    return "\n\n".join(paragraphs)


MAX_FRONT_MATTER = 256 * 1024  # characters; real front matter is a few hundred


class _AliasRefused(yaml.YAMLError):
    """An anchor or alias in front matter."""


class FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without anchors and aliases, and with calendar-checked dates made lenient.

    Aliases let 500 bytes expand to gigabytes ("billion laughs"): front matter never needs them,
    so the first anchor or alias ends the parse. A timestamp that is no calendar date
    (`date: 2023-02-30`) stays a string, so the article keeps its text and gets no date.
    """

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AliasRefused("front matter uses a YAML anchor or alias (&name / *name), which eventline "
                                "refuses: write the values out in full")
        return super().compose_node(parent, index)

    def construct_lenient_timestamp(self, node):  # noqa: ANN001
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", FrontMatterLoader.construct_lenient_timestamp)


def load_front_matter(block: str) -> Any:
    """The YAML value of a front matter block; IngestError when it is too long, invalid or uses aliases."""
    if len(block) > MAX_FRONT_MATTER:
        raise IngestError(f"front matter is {len(block) // 1024} KB, more than {MAX_FRONT_MATTER // 1024} KB: "
                          "keep only the metadata between the '---' lines")
    try:
        return yaml.load(block, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except _AliasRefused as exc:
        raise IngestError(str(exc)) from exc
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        # ValueError: an integer of more than 4,300 digits; RecursionError: nesting too deep.
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IngestError(f"front matter is not valid YAML ({reason}): "
                          "fix the block between the '---' lines") from exc


def parse_markdown(text: str, source_path: str) -> list[RawDocument]:
    """Markdown with an optional YAML front matter block."""
    meta: dict[str, Any] = {}
    body = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(body)
    if match:
        loaded = load_front_matter(match.group(1))
        if loaded is not None and not isinstance(loaded, dict):
            raise IngestError("front matter is not a key: value mapping: fix the block between the '---' lines")
        meta = loaded or {}
        body = body[match.end():]
    plain = _markdown_to_text(body)
    title = _as_text(_first(meta, _TITLE_KEYS))
    if not title:
        heading = re.search(r"^\s{0,3}#\s+(.+)$", body, re.M)
        title = heading.group(1).strip() if heading else None
    if not plain.strip():
        raise IngestError("no article text after the front matter: add the body or remove the file")
    return [RawDocument(source_path, "0", "md", body=plain, title=title,
                        published=_published(meta),
                        url=_as_text(_first(meta, _URL_KEYS)),
                        language=_as_text(meta.get("language") or meta.get("lang")),
                        metadata={k: _as_text(v) for k, v in meta.items()})]


_HTML_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button"
_HTML_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt")
_SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014]{2,60}$")


# Elements whose start tag makes the HTML parser look through every open element (they close an
# open <p>): nested a million deep, parsing takes hours. Real pages nest them a few dozen deep.
_BLOCK_CONTAINERS = frozenset("address article aside blockquote center details dialog dir div dl fieldset "
                              "figcaption figure footer header hgroup main menu nav ol search section summary "
                              "ul".split())
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
MAX_HTML_DEPTH = 256


def _block_depth(text: str) -> int:
    """How deep block containers nest, counted from the tags (one pass, before any parsing)."""
    depth = deepest = 0
    for m in _TAG.finditer(text):
        if m.group(2).lower() not in _BLOCK_CONTAINERS:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse_html(text: str, source_path: str) -> list[RawDocument]:
    """An HTML page: the main article text, title, published time and canonical URL."""
    if "<" not in text:
        raise IngestError("no HTML markup found: rename the file to .txt if it is plain text")
    if (depth := _block_depth(text)) > MAX_HTML_DEPTH:
        raise IngestError(f"<div>, <section> and like elements are nested {depth} deep (more than "
                          f"{MAX_HTML_DEPTH}): the page is broken; save it again from the site")
    tree = HTMLParser(text)
    head_title = tree.css_first("title")
    h1 = tree.css_first("h1")
    title = (head_title.text(strip=True) if head_title else "") or (h1.text(strip=True) if h1 else "")
    title = _SITE_SUFFIX.sub("", re.sub(r"\s+", " ", title)).strip() or None
    meta = _html_metadata(tree)
    canonical = tree.css_first('link[rel="canonical"]') or tree.css_first('meta[property="og:url"]')
    url = None
    if canonical is not None:
        url = (canonical.attributes.get("href") or canonical.attributes.get("content") or "").strip() or None
    html_node = tree.css_first("html")
    lang = (html_node.attributes.get("lang") or "").strip() if html_node is not None else ""
    language = lang[:2].lower()
    published = _published(meta, lang or None)
    for node in tree.css(_HTML_DROP):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        raise IngestError("the page has no <body>, <main> or <article>: save the full page, not a fragment")
    paragraphs = []
    for node in root.traverse(include_text=False):
        if node.tag not in _HTML_BLOCKS:
            continue
        # Only the innermost block: an <li> holding a <p> is read through the <p>.
        if any(child.tag in _HTML_BLOCKS for child in list(node.traverse(include_text=False))[1:]):
            continue
        chunk = html_lib.unescape(re.sub(r"\s+", " ", node.text(separator=" "))).strip()
        if not chunk or (node.tag == "h1" and chunk == title):
            continue
        paragraphs.append(("• " if node.tag == "li" else "") + chunk)
    if not paragraphs:
        body_text = re.sub(r"\s+", " ", root.text(separator=" ")).strip()
        if body_text:
            paragraphs = [body_text]
    if not paragraphs:
        raise IngestError("no article text found in the page: check that the file is the article, not an index page")
    return [RawDocument(source_path, "0", "html", body="\n\n".join(paragraphs), title=title,
                        published=published, url=url, language=language or None, metadata=meta)]


def _json_ld(text: str) -> dict[str, Any]:
    """Scalar fields of a JSON-LD block: its objects, those of its @graph and of a list (first value wins)."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    objects = data if isinstance(data, list) else [data]
    objects += [g for o in objects if isinstance(o, dict) and isinstance(o.get("@graph"), list) for g in o["@graph"]]
    found: dict[str, Any] = {}
    for obj in objects:
        if isinstance(obj, dict):
            for key, value in obj.items():
                if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                    found.setdefault(key, value)
    return found


def _html_metadata(tree: HTMLParser) -> dict[str, Any]:
    """A page's metadata: <meta> fields by name, property or itemprop, other microdata (itemprop), JSON-LD
    fields, and the first <time datetime> as "time" (transforms.dates picks the publication date among them)."""
    meta: dict[str, Any] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        name = attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or attrs.get("http-equiv")
        if name and (attrs.get("content") or "").strip():
            meta.setdefault(name.strip(), attrs["content"].strip())
    for node in tree.css("[itemprop]:not(meta)"):  # microdata told in the page: <span itemprop="datePublished">
        attrs = node.attributes
        value = (attrs.get("content") or attrs.get("datetime") or node.text(strip=True) or "").strip()
        if value and len(value) <= 200:
            meta.setdefault(attrs["itemprop"].strip(), value)
    for node in tree.css('script[type="application/ld+json"]'):
        for key, value in _json_ld(node.text(deep=True)).items():
            meta.setdefault(key, value)
    time_node = tree.css_first("time[datetime]")
    if time_node is not None and (time_node.attributes.get("datetime") or "").strip():
        meta.setdefault("time", time_node.attributes["datetime"].strip())
    return meta


def _records_from_objects(objects: list[Any], source_path: str, form: str) -> list[RawDocument | IngestError]:
    out: list[RawDocument | IngestError] = []
    for i, obj in enumerate(objects):
        key = str(i)
        if not isinstance(obj, dict):
            out.append(IngestError(f"record {key} is not a JSON object ({type(obj).__name__}): "
                                   "each article must be a JSON object with a 'text' field"))
            continue
        body = _first_text(obj, _TEXT_KEYS)
        if body is None:
            out.append(IngestError(f"record {key} has no text: give it a non-empty 'text', 'content' or 'body'"))
            continue
        out.append(RawDocument(source_path, key, form, body=body,
                               title=_as_text(_first(obj, _TITLE_KEYS)),
                               published=_published(obj),
                               url=_as_text(_first(obj, _URL_KEYS)),
                               language=_as_text(obj.get("language") or obj.get("lang")),
                               metadata={k: v for k, v in obj.items() if k not in _TEXT_KEYS}))
    return out


def _load_json(text: str) -> Any:
    """json.loads; JSONDecodeError for the caller to place, IngestError for what the parser refuses."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as exc:
        raise IngestError("JSON nested too deeply to read: flatten the structure") from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise IngestError(f"JSON holds a value that cannot be read ({exc}): fix it") from exc


def parse_json(text: str, source_path: str) -> list[RawDocument | IngestError]:
    """One JSON object or a list of them; bad records come back as IngestError, good ones are kept."""
    try:
        data = _load_json(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}): "
                          "fix the file or move it out of the raw folder") from exc
    objects = data if isinstance(data, list) else [data]
    if not objects:
        raise IngestError("the JSON list is empty: add article objects or remove the file")
    return _records_from_objects(objects, source_path, "json")


def parse_jsonl(text: str, source_path: str) -> list[RawDocument | IngestError]:
    """One JSON object per line; a bad line is reported on its own, the other lines are kept."""
    out: list[RawDocument | IngestError] = []
    # Split on "\n" only: str.splitlines also breaks at U+2028/U+0085, which may sit inside a JSON string.
    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            obj = _load_json(line)
        except json.JSONDecodeError as exc:
            out.append(IngestError(f"line {number}: invalid JSON ({exc.msg}): fix or delete that line"))
            continue
        except IngestError as exc:
            out.append(IngestError(f"line {number}: {exc}"))
            continue
        (record,) = _records_from_objects([obj], source_path, "jsonl")
        if isinstance(record, RawDocument):
            record = replace(record, record_key=f"line{number}")
        else:
            record = IngestError(str(record).replace("record 0", f"line {number}"))
        out.append(record)
    if not out:
        raise IngestError("the JSONL file has no records: add one JSON object per line or remove the file")
    return out


ADAPTERS: dict[str, Callable[[str, str], list]] = {
    ".txt": parse_txt,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
}
SIDECAR_SUFFIX = ".meta.json"


def apply_sidecar(doc: RawDocument, meta: dict[str, Any]) -> RawDocument:
    """Metadata from NAME.meta.json overrides what the file itself said."""
    title = _as_text(_first(meta, _TITLE_KEYS)) or doc.title
    published = _published(meta, doc.language) or doc.published
    url = _as_text(_first(meta, _URL_KEYS)) or doc.url
    language = _as_text(meta.get("language") or meta.get("lang")) or doc.language
    return replace(doc, title=title, published=published, url=url, language=language,
                   metadata={**doc.metadata, **{k: _as_text(v) for k, v in meta.items()}})


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: str) -> str:
    """value with every lone surrogate (JSON's "\\ud800": half a character) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


def _valid(value: Any) -> Any:
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {_valid(k): _valid(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_valid(v) for v in value]
    return value


def clean_record(doc: RawDocument) -> RawDocument:
    """The document with every string valid UTF-8 (metadata included), so any writer can store it."""
    return replace(doc, source_path=valid_text(doc.source_path), record_key=valid_text(doc.record_key),
                   body=valid_text(doc.body), title=_valid(doc.title), published=_valid(doc.published),
                   url=_valid(doc.url), language=_valid(doc.language), metadata=_valid(doc.metadata))


def parse_sidecar(text: str) -> dict[str, Any]:
    """The object in a NAME.meta.json file."""
    try:
        meta = _load_json(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"sidecar is not valid JSON ({exc.msg}): fix it; the article was read without it") from exc
    if not isinstance(meta, dict):
        raise IngestError("sidecar must hold one JSON object: fix it; the article was read without it")
    return meta


def parse_published(value: str | None, dayfirst: bool | None = None) -> dt.date | None:
    """The calendar date of a metadata date value (transforms.dates.read_metadata_date reads every form)."""
    return read_metadata_date(value, dayfirst=dayfirst)
