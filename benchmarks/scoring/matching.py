"""One-to-one matching of gold items with system rows, and precision / recall / F1."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp={self.tp} fp={self.fp} fn={self.fn})")


@dataclass
class Result:
    """One-to-one matching of a gold list against system rows."""
    gold: list[dict]
    system: list[dict]
    pairs: dict[int, int] = field(default_factory=dict)          # gold index -> system index
    duplicates: dict[int, int] = field(default_factory=dict)     # unmatched system idx -> gold idx

    def score(self, core_only: bool) -> Score:
        s = Score()
        matched_sys = set(self.pairs.values())
        for gi, g in enumerate(self.gold):
            if core_only and not g.get("core", True):
                continue
            if gi in self.pairs:
                s.tp += 1
            else:
                s.fn += 1
        if core_only:
            ignored = {si for gi, si in self.pairs.items() if not self.gold[gi].get("core", True)}
            ignored |= {si for si, gi in self.duplicates.items() if not self.gold[gi].get("core", True)}
        else:
            ignored = set()
        s.fp = sum(1 for si in range(len(self.system)) if si not in matched_sys and si not in ignored)
        return s

    def score_without_duplicates(self, core_only: bool) -> Score:
        """Like score(), but unmatched rows that duplicate a matched gold item are not counted."""
        s = self.score(core_only)
        dups = [si for si, gi in self.duplicates.items()
                if not core_only or self.gold[gi].get("core", True)]
        s.fp -= len(dups)
        return s

    def missed(self) -> list[int]:
        return [gi for gi in range(len(self.gold)) if gi not in self.pairs]

    def false_positives(self) -> list[int]:
        matched = set(self.pairs.values())
        return [si for si in range(len(self.system)) if si not in matched]


def greedy(gold: list[dict], system: list[dict], pair_score) -> Result:
    """Take compatible pairs best-first; pair_score returns None when incompatible."""
    cands = []
    compatible: dict[int, list[int]] = {}
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            sc = pair_score(g, s)
            if sc is None:
                continue
            sc += 0.1 if g.get("core", True) else 0.0
            cands.append((-sc, gi, si))
            compatible.setdefault(si, []).append((-sc, gi))
    cands.sort()
    res = Result(gold, system)
    used_sys: set[int] = set()
    for _, gi, si in cands:
        if gi in res.pairs or si in used_sys:
            continue
        res.pairs[gi] = si
        used_sys.add(si)
    for si, gis in compatible.items():
        if si not in used_sys:
            res.duplicates[si] = min(gis)[1]     # best-scoring gold item it would have matched
    return res
