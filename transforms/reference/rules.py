"""What every trigger or cue rule carries: a unique name, sentences it must read (`examples`) and
sentences it must leave alone (`not`), and pre-filter keys read from its own pattern.

The loader checks that a rule reads each of its examples (its keys are in the sentence and
its pattern matches); tests/transforms/test_rule_examples.py runs every example and
counter-example through the whole extraction and checks the result.
"""

from __future__ import annotations

import re

from typing import ClassVar

from pydantic import Field, model_validator

from transforms.reference.fields import NonEmpty, Strict
from transforms.reference.grammar import GrammarFile
from transforms.reference.keys import required_words

_NAME = r"^[a-z][a-z0-9_]*$"


class Rule(Strict):
    """Fields shared by every trigger and cue."""

    name: str = Field(pattern=_NAME)
    not_: list[NonEmpty] = Field(default=[], alias="not")

    def compiled(self) -> str:
        """The pattern as the extraction matches it (a cue adds its word-start guard)."""
        return self.pattern  # type: ignore[attr-defined]

    def keys(self) -> frozenset[str]:
        """Lower-case words one of which a sentence must hold before this rule is tried."""
        return required_words(self.compiled(), re.IGNORECASE)

    @model_validator(mode="after")
    def _reads_its_examples(self):
        self.check()
        return self

    def check(self) -> None:
        """Refuse a rule without pre-filter words or one that does not read its own examples."""
        keys = self.keys()
        if keys is None:
            raise ValueError(f"rule {self.name}: no words of its pattern are in every match, so no sentence "
                             f"could be pre-filtered for it; start the pattern with a word or a word set")
        regex = re.compile(self.compiled(), re.IGNORECASE)
        for example in self.examples:  # type: ignore[attr-defined]
            words = set(re.findall(r"\w+", example.text.lower()))
            if not words & keys:
                raise ValueError(f"rule {self.name} does not read its example {example.text!r}: it holds none of "
                                 f"the rule's key words {sorted(keys)}")
            if regex.search(example.text) is None:
                raise ValueError(f"rule {self.name} does not read its example {example.text!r}: the pattern "
                                 f"does not match it")


class RuleFile(GrammarFile):
    """A file of rules: their names are their ids in tests and records, each once per file; its grammar keys
    (the patterns and word lists beside the rules) carry their evidence in `grammar_examples`."""

    rules_field: ClassVar[str]

    @model_validator(mode="after")
    def _unique_names(self):
        seen: set[str] = set()
        for rule in getattr(self, self.rules_field):
            if rule.name in seen:
                raise ValueError(f"two rules are named {rule.name}")
            seen.add(rule.name)
        return self
