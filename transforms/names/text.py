"""Text helpers for transforms.names: folding, keys, case and spelling variants."""

from __future__ import annotations

import re
import unicodedata


# Typographic variants seen in press releases; folded before any lookup.
_PUNCT_TRANSLATION = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})


def ascii_fold(text: str) -> str:
    """Strip diacritics ("Türkiye" -> "Turkiye"); leaves non-Latin letters alone."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tidy(text: str) -> str:
    """Normalise quotes/dashes/spaces and collapse whitespace, keeping case and diacritics."""
    text = unicodedata.normalize("NFC", text).translate(_PUNCT_TRANSLATION)
    return " ".join(text.split())


_KEY_DROP = re.compile(r"[.'\"()\[\]]")
_KEY_SPACE = re.compile(r"[\s,;:/_\-]+")


def name_key(text: str) -> str:
    """Case/diacritic/punctuation-insensitive key for place and organisation names."""
    text = ascii_fold(tidy(text)).casefold().replace("&", " and ")
    text = _KEY_DROP.sub("", text)
    text = _KEY_SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    # "St. Lucia" == "Saint Lucia" == "St Lucia".
    text = re.sub(r"\b(?:saint|st|ste|sainte)\b", "st", text)
    return text


def lower_same_length(text: str) -> str:
    """Lower-cased copy with identical offsets (scanners match on it, spans index the original)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # Rare characters (e.g. "İ") lower-case to two code points; keep those as they are.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def case_variants(surface: str) -> set[str]:
    """As written, UPPER CASE and Title Case Words: the casings scanned for in text."""
    titled = " ".join(word[:1].upper() + word[1:] for word in surface.split(" "))
    return {surface, surface.upper(), titled}


def is_word_char(ch: str) -> bool:
    """Equivalent of regex \\w for one character."""
    return ch.isalnum() or ch == "_"


def upper_class() -> str:
    """Regex character class of upper-case letters (Latin, Greek, Cyrillic, Latin Ext.)."""
    return _UPPER_CLASS


def _build_upper_class() -> str:
    ranges: list[tuple[int, int]] = []
    for cp in list(range(0x41, 0x0530)) + list(range(0x1E00, 0x1F00)):
        if chr(cp).isupper():
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = []
    for lo, hi in ranges:
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "[" + "".join(parts) + "]"


_UPPER_CLASS = _build_upper_class()


def dotted_variants(abbreviation: str) -> list[str]:
    """"US" -> ["US", "U.S.", "U.S"]: the dotted spellings of an all-caps abbreviation."""
    out = [abbreviation]
    if abbreviation.isalpha() and abbreviation.isupper() and 2 <= len(abbreviation) <= 5:
        dotted = ".".join(abbreviation) + "."
        out += [dotted, dotted[:-1]]
    return out


def surface_variants(surface: str) -> set[str]:
    """Spelling variants of a multi-word name as it may appear in text."""
    base = tidy(surface)
    out = {base, ascii_fold(base)}
    for form in list(out):
        if "'" in form:
            out.add(form.replace("'", "\u2019"))
        if " and " in form:
            out.add(form.replace(" and ", " & "))
        if "-" in form:
            out.add(form.replace("-", " "))
            out.add(form.replace("-", "\u2013"))
        for long, short in (("Saint ", "St. "), ("Saint ", "St "), ("Saint-", "St-")):
            if form.startswith(long) or f" {long}" in form:
                out.add(form.replace(long, short))
        if "Organization" in form:
            out.add(form.replace("Organization", "Organisation"))
        if "Organisation" in form:
            out.add(form.replace("Organisation", "Organization"))
    return {form for form in out if form}
