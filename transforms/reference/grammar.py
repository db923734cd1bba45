"""The evidence of a rule file's grammar keys: the bare patterns and word lists beside its triggers or cues
("negation_before", "reception_after", "stance_verbs"), each with sentences it must read and sentences it must
leave alone.

A file's `grammar_examples:` maps a grammar key of the same file to `examples` and `not` (at least two each,
of different shapes). A sentence is tried as the extraction tries the key: on the whole text by default; on the
text before `before` (the trigger a key reads backwards from: "refused to | meet"); anchored right after `after`
(a key read at the trigger's end: "was met | with criticism"). An example must be read (and, with `match`, read
as exactly that span, spaces aside); a counter-example must not be. `events` / `commitments` / `actions` say what
the whole extraction of the sentence gives (event types, commitment modalities and actions; `topic`: the topic of a commitment
described by it), so the key is checked by its effect too:
tests/transforms/test_rule_examples.py runs every one. The loader refuses an example its key does not read, a
counter-example it does read, and a key that is not a pattern or word list of the file.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import Field, model_validator

from transforms.reference.fields import EventType, Modality, NonEmpty, Strict, Topic
from transforms.reference.patterns import phrase_alternation


class GrammarExample(Strict):
    """One sentence of a grammar key, and where and what the key reads in it."""

    text: NonEmpty
    match: NonEmpty | None = None  # the span the key must read (spaces at its ends aside)
    before: NonEmpty | None = None  # tried on the text before these words (their first occurrence)
    after: NonEmpty | None = None  # tried anchored right after these words (their first occurrence)
    events: list[EventType] | None = None  # the whole extraction's event types (sorted)
    commitments: list[Modality] | None = None  # the whole extraction's commitment modalities (sorted)
    actions: list[NonEmpty] | None = None  # and their actions (sorted)
    topic: Topic | None = None  # the topic a commitment described by the text takes (commitments/topics.yaml)

    def window(self) -> tuple[str, bool]:
        """The text the key is tried on, and whether it is anchored at its start."""
        text, anchored = self.text, False
        if self.before is not None:
            if self.before not in text:
                raise ValueError(f"example {self.text!r}: `before` {self.before!r} is not in it")
            text = text[:text.index(self.before)]
        if self.after is not None:
            if self.after not in text:
                raise ValueError(f"example {self.text!r}: `after` {self.after!r} is not in it")
            text, anchored = text[text.index(self.after) + len(self.after):], True
        return text, anchored


def _counter(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class GrammarCase(Strict):
    """The evidence of one grammar key: sentences it must read and sentences it must leave alone."""

    examples: list[GrammarExample] = Field(min_length=2)
    not_: list[GrammarExample] = Field(alias="not", min_length=2)

    @model_validator(mode="before")
    @classmethod
    def _plain_counters(cls, data: Any) -> Any:
        # A counter-example is a sentence, or a mapping when it needs a window or an extraction result.
        if isinstance(data, dict) and isinstance(data.get("not"), list):
            data = {**data, "not": [_counter(v) for v in data["not"]]}
        return data


def surface_words(value: Any) -> list[str]:
    """The words a lexicon entry is read by in text: a list's words (a template's "{}" left out: "Minister of {}"
    is read by "Minister of"); a mapping's lists of forms ("President: [President, Head of State]"), its entries'
    `forms`, its inner mappings' keys, else its keys ("PM: Prime Minister" is read by "PM")."""
    if isinstance(value, dict):
        out: list[str] = []
        for key, item in value.items():
            if isinstance(item, (list, tuple)):
                out += surface_words(item)
            elif isinstance(item, dict):
                out += surface_words(list(item))
            elif hasattr(item, "forms"):
                out += surface_words(item.forms)
            else:
                out.append(key)
        return out
    return [w.replace("{}", "").strip() for w in value if w.replace("{}", "").strip()]


def key_regex(value: Any, *, case_sensitive: bool = False, multiline: bool = False,
              patterns: bool = False, template: str | None = None) -> re.Pattern:
    """A grammar key's value as the extraction matches it: a pattern; a list of patterns, or a mapping whose keys are
    patterns (`patterns`: any of them); a word list or lexicon mapping (any of its surface words, whole). With a
    `template`, the value (a pattern, or a word list as literals) fills its `{}`: the pattern the extraction builds
    around it."""
    flags = (0 if case_sensitive else re.IGNORECASE) | (re.MULTILINE if multiline else 0)
    if template is not None:
        body = value if isinstance(value, str) else "|".join(map(re.escape, value))
        return re.compile(template.replace("{}", body), flags)
    if isinstance(value, str):
        return re.compile(value, flags)
    if patterns:
        return re.compile("|".join(f"(?:{k})" for k in value), flags)
    return re.compile(rf"(?<![\w-]){phrase_alternation(surface_words(value))}(?![\w-])", flags)


def reads(regex: re.Pattern, example: GrammarExample, *, whole: bool = False) -> re.Match | None:
    """Where the key reads the example, as the extraction tries it (None: it leaves it alone); `whole`: a key
    matched against a whole line."""
    window, anchored = example.window()
    if whole:
        return regex.fullmatch(window.strip())
    return regex.match(window) if anchored else regex.search(window)


def check_case(key: str, regex: re.Pattern, case: GrammarCase, *, whole: bool = False) -> None:
    """Refuse a key that does not read one of its examples as stated, or reads one of its counter-examples."""
    for example in case.examples:
        found = reads(regex, example, whole=whole)
        if found is None:
            raise ValueError(f"grammar key {key} does not read its example {example.text!r}")
        if example.match is not None and found.group(0).strip() != example.match.strip():
            raise ValueError(f"grammar key {key} reads {found.group(0)!r} in its example {example.text!r}, "
                             f"not {example.match!r}")
    for counter in case.not_:
        found = reads(regex, counter, whole=whole)
        if found is not None:
            raise ValueError(f"grammar key {key} must leave {counter.text!r} alone, but reads {found.group(0)!r}")


class GrammarFile(Strict):
    """A rule file whose grammar keys (bare patterns, word lists) carry their evidence in `grammar_examples`."""

    case_sensitive: ClassVar[frozenset[str]] = frozenset()  # keys the extraction matches case-sensitively
    multiline: ClassVar[frozenset[str]] = frozenset()  # keys matched line by line (re.MULTILINE)
    whole_lines: ClassVar[frozenset[str]] = frozenset()  # keys matched against a whole line (fullmatch)
    templates: ClassVar[dict[str, str]] = {}  # key -> the pattern the extraction builds around it ({} is the key)
    pattern_lists: ClassVar[frozenset[str]] = frozenset()  # keys that are lists of patterns, not of words
    own_evidence: ClassVar[frozenset[str]] = frozenset()  # fields that are not grammar keys (rules, examples)

    grammar_examples: dict[NonEmpty, GrammarCase] = {}

    @classmethod
    def grammar_keys(cls) -> tuple[str, ...]:
        """Every field of the file that is a grammar key: all but its rules, evidence and settings."""
        return tuple(k for k in cls.model_fields if k != "grammar_examples" and k not in cls.own_evidence)

    def key_regex(self, key: str) -> re.Pattern:
        return key_regex(getattr(self, key), case_sensitive=key in self.case_sensitive,
                         multiline=key in self.multiline, patterns=key in self.pattern_lists,
                         template=self.templates.get(key))

    @model_validator(mode="after")
    def _grammar_reads_its_examples(self):
        keys = self.grammar_keys()
        for key, case in self.grammar_examples.items():
            if key not in keys:
                raise ValueError(f"grammar_examples: {key} is not a grammar key of this file ({', '.join(keys)})")
            check_case(key, self.key_regex(key), case, whole=key in self.whole_lines)
        return self


def evidenced_parts(model: Any, prefix: str = "") -> list[tuple[str, GrammarFile]]:
    """The model and the models inside it whose grammar keys carry evidence: (where, part), where "" is the
    file itself and "issuer" a mapping of it."""
    out = [(prefix, model)] if isinstance(model, GrammarFile) else []
    if isinstance(model, Strict):
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, Strict):
                out += evidenced_parts(value, f"{prefix}{name}.")
    return out
