"""Text keys for comparing system rows with gold items: folded text, person-name keys, lemma patterns."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2015": "-"})


def norm_text(s: str | None) -> str:
    """Casefolded, ASCII-folded text with unified quotes, no space around hyphens."""
    if not s:
        return ""
    s = s.translate(_QUOTES)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def norm_name(s: str | None) -> str:
    """Key for person-name comparison."""
    s = norm_text(s)
    s = re.sub(r"[-'.,`]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def lemma_pattern(lemma: str) -> re.Pattern:
    """Regex matching an action lemma as word prefixes ("step up" ~ "stepping up")."""
    words = norm_text(lemma).split()
    stems = [w[:-1] if w.endswith("e") and len(w) > 3 else w for w in words]
    return re.compile(r"\b" + r"\w*\s+".join(re.escape(s) for s in stems) + r"\w*")


def countries(value) -> frozenset[str]:
    return frozenset(str(c).strip().upper() for c in (value or []) if c)


def as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def short(s: str | None, n: int = 110) -> str:
    s = re.sub(r"\s+", " ", s or "").strip()
    return s if len(s) <= n else s[: n - 3] + "..."
