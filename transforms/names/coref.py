"""Within-article coreference of person mentions: "Blinken", "the Secretary", "PM Lee" after (or, for a
title's surname, before) the full name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from transforms.names.gazetteer import Gazetteer, default_gazetteer
from transforms.names.office import office_tables
from transforms.names.people import person_key, skeleton, surname_of
from transforms.names.scan import title_compatible
from transforms.names.types import PersonMention


@dataclass
class _Antecedent:
    name: str
    keys: tuple[str, ...]
    surname: str
    title: str | None
    country: str | None
    organization: str | None

    def __post_init__(self) -> None:
        self.keyset = frozenset(self.keys)
        self.skeleton = skeleton(self.surname)


class PersonResolver:
    """Within-article coreference: feed mentions in order; short/anaphoric ones get the full name."""

    # The most recent distinct people a mention may refer back to (the dev corpus has at most 12 in
    # one article): each look-up costs at most this many steps, not one per person met so far, which
    # grew with the square of a text naming thousands of people.
    MAX_ANTECEDENTS = 100

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer or default_gazetteer()
        self._antecedents: list[_Antecedent] = []   # most recent last

    def reset(self) -> None:
        """Forget the article (start of a new one)."""
        self._antecedents.clear()

    def resolve(self, mention: PersonMention) -> PersonMention:
        """The mention with name/title/country completed from the most recent compatible antecedent."""
        keys = _keys(mention)
        if not keys:
            # "The Secretary" is the last person titled Secretary, else the last minister ("Trade Secretary").
            antecedent = self._latest(lambda a: mention.title is not None and title_compatible(
                mention.title, a.title, ministerial=False) and self._compatible(mention, a, need_title=True)) \
                or self._latest(lambda a: mention.title is not None and title_compatible(mention.title, a.title)
                                and self._compatible(mention, a, need_title=True))
            return self._apply(mention, antecedent)
        if len(keys) >= 2:
            wanted = frozenset(keys)
            antecedent = self._latest(lambda a: wanted <= a.keyset and self._compatible(mention, a))
            if antecedent is not None:
                return self._apply(mention, antecedent)
            self._register(mention, keys)
            return mention
        token = keys[0]
        antecedent = self._latest(lambda a: self._surname_match(token, a) and self._compatible(mention, a)) \
            or self._latest(lambda a: token in a.keys and self._compatible(mention, a))
        return self._apply(mention, antecedent)

    def _resolve_unique(self, mention: PersonMention) -> PersonMention:
        """A surname-only mention completed only when exactly one known person fits it
        (the most recent mention of that person supplies title and country)."""
        keys = _keys(mention)
        if len(keys) != 1:
            return mention
        fits = [a for a in reversed(self._antecedents)
                if self._surname_match(keys[0], a) and self._compatible(mention, a)]
        if not fits or any(a.name != fits[0].name for a in fits):
            return mention
        return self._apply(mention, fits[0])

    # ---- helpers

    def _latest(self, predicate) -> _Antecedent | None:
        for antecedent in reversed(self._antecedents):
            if predicate(antecedent):
                return antecedent
        return None

    @staticmethod
    def _surname_match(token: str, antecedent: _Antecedent) -> bool:
        surname = antecedent.surname
        if token == surname or skeleton(token) == antecedent.skeleton:
            return True
        return len(token) >= 5 and fuzz.ratio(token, surname) >= 88

    @staticmethod
    def _compatible(mention: PersonMention, antecedent: _Antecedent, need_title: bool = False) -> bool:
        if mention.country and antecedent.country and mention.country != antecedent.country:
            return False
        if mention.organization and antecedent.organization and mention.organization != antecedent.organization:
            return False  # the Secretary General of ASEAN is not the Pacific Islands Forum's
        if need_title and not antecedent.title:
            return False
        return title_compatible(mention.title, antecedent.title)

    def _register(self, mention: PersonMention, keys: tuple[str, ...]) -> None:
        record = self._gazetteer.people.get(mention.name)
        surname = self._gazetteer.surnames.get(mention.name) or \
            surname_of(mention.name, record.name_order if record else None) or keys[-1]
        self._antecedents.append(_Antecedent(mention.name, keys, person_key(surname), mention.title,
                                             mention.country, mention.organization))
        if len(self._antecedents) > self.MAX_ANTECEDENTS:
            del self._antecedents[0]

    def _apply(self, mention: PersonMention, antecedent: _Antecedent | None) -> PersonMention:
        if antecedent is None:
            return mention
        # Move to most-recent and learn anything new the mention says.
        self._antecedents.remove(antecedent)
        self._antecedents.append(antecedent)
        title = mention.title
        if title is None or (title in office_tables().generic and antecedent.title):
            title = antecedent.title or title
        elif antecedent.title is None or antecedent.title in office_tables().generic:
            antecedent.title = title
        antecedent.country = antecedent.country or mention.country
        antecedent.organization = antecedent.organization or mention.organization
        # Built directly: dataclasses.replace introspects the fields on every call.
        return PersonMention(mention.start, mention.end, mention.name_start, mention.name_end,
                             mention.name_as_written, antecedent.name, title,
                             mention.country or antecedent.country,
                             mention.organization or antecedent.organization)


# Written initials ("Y.A.", "S.S.", "Ts."): one or two letters each, with their full stops.
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.)+$")


def _keys(mention: PersonMention) -> tuple[str, ...]:
    """Name tokens that can identify a person (initials dropped, also run together: "Rafiyev Y.A." is Rafiyev)."""
    name = " ".join(t for t in mention.name.split() if not _INITIALS.match(t))
    return tuple(k for k in person_key(name).split() if len(k) > 1)


def resolve_people(mentions: list[PersonMention], gazetteer: Gazetteer | None = None) -> list[PersonMention]:
    """Coreference over one article's mentions (in order): a forward pass, then a backward one.

    The forward pass is PersonResolver's. The title comes first and is short ("President
    Holm to Visit ...", "Secretary Blinken's Meeting ..."), so a surname-only mention that
    nothing before it explains is then matched against the mentions after it, nearest
    first, and takes the full name when exactly one compatible person has that surname.
    Each pass visits every mention once (against the article's distinct people).
    """
    forward = PersonResolver(gazetteer)
    out = [forward.resolve(m) for m in mentions]
    pending = {i for i, m in enumerate(out) if len(_keys(m)) == 1}
    if not pending:
        return out
    backward = PersonResolver(gazetteer)
    for i in range(len(out) - 1, -1, -1):
        if i in pending:
            out[i] = backward._resolve_unique(out[i])
        else:
            backward.resolve(out[i])  # registers full names; a known one becomes the nearest
    return out
