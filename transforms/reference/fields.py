"""Field types shared by the schemas of the reference files: strict models, codes, vocabularies, patterns."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

from schemas import vocab
from transforms.reference.patterns import expand_sets

# Codes the data uses that ISO 3166-1 does not assign (Kosovo, as the EU, IMF and World Bank write it).
USER_ASSIGNED_CODES = frozenset({"XKX"})


class Strict(BaseModel):
    """A reference file or entry: unknown fields are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _iso3(code: str) -> str:
    if code not in USER_ASSIGNED_CODES and pycountry.countries.get(alpha_3=code) is None:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 country code")
    return code


def _iso3_or_empty(code: str) -> str:
    return _iso3(code) if code else code


def _pattern(pattern: str, info: ValidationInfo) -> str:
    """A rule pattern: word sets (&NAME) expanded, then it must compile (case-insensitive, as rules match)."""
    sets = (info.context or {}).get("sets", {})
    expanded = expand_sets(pattern, sets)
    try:
        re.compile(expanded, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"pattern does not compile: {exc}") from None
    return expanded


def _words(words: list[str], info: ValidationInfo) -> list[str]:
    """A word list: '&NAME' entries stand for a word set; no empty or repeated entries."""
    sets = (info.context or {}).get("sets", {})
    out: list[str] = []
    for w in words:
        if w.startswith("&"):
            name = w[1:]
            if name not in sets:
                raise ValueError(f"unknown word set {w!r} (word sets: reference/text/word_sets.yaml)")
            out.extend(sets[name])
        else:
            if not w.strip():
                raise ValueError("empty word")
            out.append(w)
    seen: set[str] = set()
    dups = {w for w in out if w in seen or seen.add(w)}
    if dups:
        raise ValueError(f"repeated words: {sorted(dups)}")
    return out


def _iso_date_or_empty(value: str) -> str:
    if value:
        dt.date.fromisoformat(value)
    return value


ISO3 = Annotated[str, AfterValidator(_iso3)]
ISO3OrEmpty = Annotated[str, AfterValidator(_iso3_or_empty)]
IsoDateOrEmpty = Annotated[str, AfterValidator(_iso_date_or_empty)]
Pattern = Annotated[str, AfterValidator(_pattern)]
Words = Annotated[list[str], AfterValidator(_words)]
NonEmpty = Annotated[str, Field(min_length=1)]
EventType = Literal[vocab.EVENT_TYPES]
Role = Literal[vocab.ROLES]
Modality = Literal[vocab.MODALITIES]
Topic = Literal[vocab.TOPICS]
