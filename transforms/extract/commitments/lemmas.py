"""Verb lemmas and word classes of commitment predicates, from lemminflect's English tables.

A hand-made stemmer read "proposed" as "propos" and "focused" as "focuse"; lemminflect
holds the inflections of English verbs (irregular ones included) and answers from a lookup
table, with rules only for words it does not know.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getLemma


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """The verb lemma of a word ("proposed" -> propose, "undertook" -> undertake, "setting" -> set)."""
    w = word.lower().strip(".,;:'’\"()")
    if not w:
        return w
    found = getLemma(w, upos="VERB")
    return found[0] if found else w


@lru_cache(maxsize=8192)
def is_verb(word: str) -> bool:
    """The word is a known form of an English verb ("strengthening", "cooperate"; not "energy")."""
    return bool(getAllLemmas(word.lower(), upos="VERB"))


@lru_cache(maxsize=8192)
def is_noun(word: str) -> bool:
    """The word is a known form of an English noun ("trade", "energy"; not "accelerate")."""
    return bool(getAllLemmas(word.lower(), upos="NOUN"))


@lru_cache(maxsize=8192)
def base_lemma(word: str) -> str:
    """The lemma of a verb where it stands in its base form (after "to" or a modal): a word that is a verb's own
    base form keeps it ("to lay down their arms": lay, not the past of "lie"; "will found a school")."""
    w = word.lower().strip(".,;:'’\"()")
    if w and w in getAllLemmas(w, upos="VERB").get("VERB", ()):
        return w
    return lemma(word)
