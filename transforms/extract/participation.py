"""Participation cues (reference/names/participation.yaml) found in an article's sentences.

Kept apart from participants.py so that document.prepare can find, before names are looked up,
the sentences whose people take part in an event ("accompanied by ...", "Also present were ...").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from transforms.reference import load
from transforms.reference.names import ParticipationCue
from transforms.reference.patterns import trie_alternation


@dataclass(frozen=True)
class CueHit:
    """One participation cue matched in the text (offsets into the article text)."""

    cue: ParticipationCue
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def participation_cues() -> tuple[tuple[ParticipationCue, re.Pattern], ...]:
    """Every cue of names/participation.yaml with its compiled pattern."""
    return tuple((cue, re.compile(cue.pattern, re.IGNORECASE)) for cue in load("names/participation.yaml").cues)


@functools.lru_cache(maxsize=1)
def _key_index() -> tuple[re.Pattern, dict[str, tuple[int, ...]]]:
    """One regex of every cue's pre-filter words (from its own pattern), and word -> cue indices."""
    by_word: dict[str, list[int]] = {}
    for i, (cue, _) in enumerate(participation_cues()):
        for word in cue.keys():
            by_word.setdefault(word, []).append(i)
    regex = re.compile(r"\b(?:" + trie_alternation(sorted(by_word)) + r")\b")
    return regex, {w: tuple(ix) for w, ix in by_word.items()}


def participation_hits(text: str, limit: int, starts: list[int], low: str | None = None) -> dict[int, list[CueHit]]:
    """Sentence index (by sentence starts) -> the cues matched in it, in text order.

    A cue is tried only on the sentences that hold one of its key words (one scan of the
    lower-cased text for all of them): its pattern alone, run over the whole text, cost more
    than the rest of the article's preparation."""
    regex, by_word = _key_index()
    low = text.lower() if low is None or len(low) != len(text) else low
    todo: dict[int, set[int]] = {}
    for m in regex.finditer(low, 0, limit):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0:
            todo.setdefault(i, set()).update(by_word[m.group()])
    cues = participation_cues()
    out: dict[int, list[CueHit]] = {}
    for i, indices in todo.items():
        end = starts[i + 1] if i + 1 < len(starts) else limit
        for k in sorted(indices):
            cue, pattern = cues[k]
            for m in pattern.finditer(text, starts[i], end):
                out.setdefault(i, []).append(CueHit(cue, m.start(), m.end()))
    for hits in out.values():
        hits.sort(key=lambda h: h.start)
    return out


@functools.lru_cache(maxsize=1)
def reporter_rx() -> re.Pattern:
    """One pattern of every reporter rule (participation.yaml reporters), anchored at its end."""
    rules = load("names/participation.yaml").reporters
    return re.compile("|".join(f"(?:{r.pattern})" for r in rules), re.IGNORECASE)


def reports(text: str, start: int) -> bool:
    """Whether the person mention starting at `start` only reports ("Readout by Spokesperson X")."""
    return reporter_rx().search(text, max(0, start - 40), start) is not None


@functools.lru_cache(maxsize=1)
def _mentioned_rx() -> re.Pattern:
    """One pattern of every `mentioned` rule of participation.yaml, anchored at its end."""
    rules = load("names/participation.yaml").mentioned
    return re.compile("|".join(f"(?:{r.pattern})" for r in rules), re.IGNORECASE)


def only_mentioned(text: str, start: int, end: int) -> bool:
    """Whether the person mention text[start:end] is only mentioned ("the initiative of President X",
    "President X's call"): no participant of the events of its sentence."""
    return _mentioned_rx().search(text, max(0, start - 40), start) is not None or text.startswith(("'s", "’s"), end)


__all__ = ["CueHit", "only_mentioned", "participation_cues", "participation_hits", "reporter_rx", "reports"]
