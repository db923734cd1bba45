"""Schemas of reference/text/: boilerplate lines and the shared word sets."""

from __future__ import annotations

from transforms.reference.fields import Pattern, Strict


class Boilerplate(Strict):
    """text/boilerplate.yaml: lines that start trailing noise, and lines that are never content."""

    tail_markers: list[Pattern]
    line_patterns: list[Pattern]
