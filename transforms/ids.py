"""Deterministic ids: the same input gives the same id on every run and machine."""

from __future__ import annotations

import hashlib


def make_id(prefix: str, *parts: object) -> str:
    """A short, stable id from its identifying parts ("evt_3f2a...")."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
