"""Topic of a commitment from a keyword lexicon (reference/commitments/topics.yaml)."""

from __future__ import annotations

from collections import Counter

from transforms.extract.lexicon import topic_rules


def classify_topic(text: str) -> str:
    """The topic whose keywords weigh most in text; diplomacy_politics or other when none match."""
    rules = topic_rules()
    scores: Counter[str] = Counter()
    for m in rules.regex.finditer(text.lower()):
        topic, weight = rules.weights[m.group(0)]
        scores[topic] += weight
    if scores:
        return max(scores, key=lambda t: (scores[t], -rules.order.index(t)))
    return "diplomacy_politics" if rules.political.search(text) else "other"
