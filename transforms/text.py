"""Text normalization, sentence splitting and boilerplate detection (pure)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from transforms.reference import load

# Characters folded so that gazetteers and rules see one form ("Xi’an" == "Xi'an").
_TRANSLATE = {
    ord("\u00a0"): " ", ord("\u2007"): " ", ord("\u202f"): " ", ord("\u2009"): " ", ord("\t"): " ",
    ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201a"): "'", ord("\u2032"): "'",
    ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201e"): '"',
    ord("\u200b"): None, ord("\u200c"): None, ord("\u200d"): None, ord("\u2060"): None, ord("\ufeff"): None,
    ord("\u00ad"): None,
    # Other C0 control characters (NUL, escape, ...) carry no text.
    **{c: None for c in range(32) if chr(c) not in "\t\n\r"},
}


def normalize_text(text: str) -> str:
    """NFC, straight quotes, plain spaces, no zero-width characters, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a lone CR is a line break (old Mac files)
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = re.sub(r"[ ]{2,}", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# Scripts whose share of the letters names the language; Latin-script text is taken as English,
# the only language the extraction rules are written for.
_SCRIPTS = (("zh", re.compile(r"[\u4e00-\u9fff]")), ("ja", re.compile(r"[\u3040-\u30ff]")),
            ("ko", re.compile(r"[\uac00-\ud7af]")), ("ru", re.compile(r"[\u0400-\u04ff]")),
            ("ar", re.compile(r"[\u0600-\u06ff]")), ("he", re.compile(r"[\u0590-\u05ff]")),
            ("el", re.compile(r"[\u0370-\u03ff]")), ("th", re.compile(r"[\u0e00-\u0e7f]")))


def detect_language(text: str) -> str:
    """ISO 639-1 code from the script most of the letters are in ('en' for Latin script)."""
    sample = text[:5000]
    letters = sum(map(str.isalpha, sample)) or 1  # no generator: a step per character costs 5x
    counts = [(len(rx.findall(sample)), code) for code, rx in _SCRIPTS]
    best, code = max(counts)
    # Japanese mixes kana with Chinese characters: any kana share makes it Japanese.
    if counts[1][0] > 0.1 * letters:
        return "ja"
    return code if best > 0.3 * letters else "en"


def content_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 text (the contract's duplicate-detection hash)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    """A sentence and its span in the text it was cut from."""

    start: int
    end: int
    text: str


# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep hon st jr sr sec amb pres vs etc eng engr
no nos art vol fig inc ltd co corp dept univ jan feb mar apr jun jul aug sep sept oct nov dec
e.g i.e u.s u.k u.n a.m p.m d.c h.e s.e n.b approx est
""".split())
_BOUNDARY = re.compile(r"([.!?]+)([\"')\]]*)(\s+)(?=[\"'(\[]?[A-Z0-9•])|\n+")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end] with offsets into `text`; a line break always ends one."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group(1):
            # The word before the period (text is normalized: words are split by spaces and newlines).
            word_end = match.start(1)
            word_start = max(text.rfind(" ", cursor, word_end), text.rfind("\n", cursor, word_end)) + 1
            token = text[max(word_start, cursor):word_end].lower().strip("(\"'")
            # "R." in "Joseph R. Biden" and "U.S." are not sentence ends.
            if token in _ABBREVIATIONS or _INITIALS.fullmatch(token):
                continue
            stop = match.end(2)
        else:
            stop = match.start()
        _append(out, text, cursor, stop)
        cursor = match.end()
    _append(out, text, cursor, end)
    return out


def _append(out: list[Sentence], text: str, start: int, stop: int) -> None:
    chunk = text[start:stop]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        out.append(Sentence(start + lead, start + lead + len(chunk), chunk))


@lru_cache(maxsize=1)
def _boilerplate() -> dict:
    data = load("text/boilerplate.yaml")
    return {
        "tail": re.compile("|".join(f"(?:{p})" for p in data.tail_markers), re.I | re.M),
        "line": re.compile("|".join(f"(?:{p})" for p in data.line_patterns), re.I),
    }


def find_noise_start(text: str) -> int:
    """Offset where trailing noise (reader comments, 'Leave a Reply', share bars) begins; len(text) if none."""
    match = _boilerplate()["tail"].search(text)
    return match.start() if match else len(text)


def is_boilerplate_line(line: str) -> bool:
    """True for navigation, bylines, share buttons and other lines that state nothing."""
    return bool(_boilerplate()["line"].fullmatch(line.strip()))
