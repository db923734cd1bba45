"""Merge commitment mentions told more than once into one commitment.

A release, a blog that retells it, and a second report of the same meeting state one pledge
several times; the commitments table has one row per real commitment. Two mentions are one
commitment when they have the same parties and modality and
* come from different sections of one source file (a lead that retells its embedded readouts)
  and describe the same thing: mostly the same words once the action verb is set aside ("have
  agreed to hold the Summit this month" / "have agreed to host the Summit next month"), or
* come from different files, are linked to the same event, have the same action and nearly the
  same description, or
* come from one article with the same action and all but the same words (a summary that
  repeats a paragraph). Within one text, parallel clauses ("shall not impose digital services
  taxes ..." / "shall not impose value-added taxes ...") are different commitments.
Mentions of one file linked to different events still merge: a lead that retells its sections
often attaches what it retells to the wrong occasion.
"""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.extract.records import CommitmentMention

_WORD = re.compile(r"[a-z0-9]+")
_SUFFIX = re.compile(r"(?:ing|ed|es|s|e)$")
_STOP = frozenset("""a an the of to in on at by for with from into and or as its their his her our this that these those
each other such all both be is are was were will shall should must also further more new well so than rather which
who whom whose it they we he she them us two sides side parties party countries country""".split())
# Share of the shorter description's words the other must hold (and at least _MIN_SHARED of them):
# sections of one file with the same action / another action; other files; one article.
_SAME_ACTION = 0.6
_OTHER_ACTION = 0.75
_OTHER_FILE = 0.8
_SAME_ARTICLE = 0.9
_MIN_SHARED = 3


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem that folds inflections ("adhering"/"adhere", "countries"/"country") and nothing more."""
    if len(word) > 4:
        word = _SUFFIX.sub("", word)
    return word[:6]


@lru_cache(maxsize=16384)
def _content(description: str, action: str) -> frozenset[str]:
    """Stems of a description's content words, without the action's own words."""
    verb = {_stem(w) for w in _WORD.findall(action.lower())}
    return frozenset(s for s in (_stem(w) for w in _WORD.findall(description.lower()) if w not in _STOP)
                     if s not in verb)


def _similar(a: CommitmentMention, b: CommitmentMention, same_file: bool) -> float | None:
    """Share of the shorter description's content found in the other; None when they are not one commitment."""
    wa, wb = _content(a.description, a.action), _content(b.description, b.action)
    if not wa or not wb:
        return None
    shared = len(wa & wb)
    small = min(len(wa), len(wb))
    ratio = shared / small
    if a.article_id == b.article_id:
        if a.action != b.action or len(wa | wb) > small / _SAME_ARTICLE:
            return None  # one text: only a repetition of all but the same words
        need = _SAME_ARTICLE
    elif same_file:
        need = _SAME_ACTION if a.action == b.action else _OTHER_ACTION
    elif a.action == b.action:
        need = _OTHER_FILE
    else:
        return None
    # A short description must be found whole in the other ("support Ukraine" in a longer one).
    if shared < min(_MIN_SHARED, small) or ratio < need:
        return None
    return ratio


def authority_key(c: CommitmentMention) -> tuple:
    """Best mention first: a section with its own date, then the fullest description, then text order."""
    return (-c.authority, -len(c.description), c.article_id, c.char_start, c.commitment_id)


def cluster_commitments(commitments: list[CommitmentMention],
                        event_of: dict[str, str | None]) -> list[list[CommitmentMention]]:
    """Groups of mentions that state one commitment, best mention first; event_of: commitment_id -> event id."""
    clusters: list[list[CommitmentMention]] = []
    sections: dict[str, set[str]] = {}
    for c in commitments:
        sections.setdefault(c.source_path, set()).add(c.article_id)
    # Where a mention's possible partners are: its article (same action), the other sections of its
    # file (a file of one article has none), and its event in other files (same action).
    index: dict[tuple, list[int]] = {}
    for c in sorted(commitments, key=authority_key):
        parties = c.parties  # sorted and unique
        event = event_of.get(c.commitment_id)
        keys = [("article", c.article_id, parties, c.modality, c.action)]
        if len(sections[c.source_path]) > 1:
            keys.append(("file", c.source_path, parties, c.modality))
        if event:
            keys.append(("event", event, parties, c.modality, c.action))
        best, best_ratio = None, 0.0
        for key in keys:
            same_file = key[0] != "event"
            for i in index.get(key, ()):
                rep = clusters[i][0]
                if key[0] == "file" and rep.article_id == c.article_id or key[0] == "event" and (
                        rep.source_path == c.source_path):
                    continue  # each pair is weighed once, by the rule of its kind
                rep_event = event_of.get(rep.commitment_id)
                if key[0] == "article" and event and rep_event and event != rep_event:
                    continue  # one text, two occasions ("They agreed to stay in close touch" after each call)
                ratio = _similar(rep, c, same_file)
                if ratio is not None and (ratio > best_ratio or ratio == best_ratio and best is not None and i < best):
                    best, best_ratio = i, ratio
        if best is not None:
            clusters[best].append(c)
            continue
        clusters.append([c])
        for key in keys:
            index.setdefault(key, []).append(len(clusters) - 1)
    return clusters


__all__ = ["authority_key", "cluster_commitments"]
