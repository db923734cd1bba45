"""Result types of transforms.names (defined here so the private modules can build them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountryMention:
    """A country named in text: span, text as written, ISO3 code and how it was named."""

    start: int
    end: int
    text: str
    code: str
    kind: str  # 'name' | 'abbreviation' | 'demonym'


@dataclass(frozen=True)
class Office:
    """A normalised office title, with the country (ISO3) or organisation it belongs to."""

    title: str
    country: str | None
    organization: str | None = None


@dataclass(frozen=True)
class PersonMention:
    """A person named in text, with the office phrase around the name when there is one."""

    start: int
    end: int
    name_start: int
    name_end: int
    name_as_written: str
    name: str
    title: str | None
    country: str | None
    organization: str | None = None


@dataclass(frozen=True)
class OrgMention:
    """An international organisation named in text, with its canonical name."""

    start: int
    end: int
    text: str
    name: str
