"""The date and name functions extraction relies on (transforms.dates, transforms.names), in one place.

Extraction modules import them from here so that a change of owner API is adapted once.
"""

from __future__ import annotations

from transforms.dates import find_dates, resolve_date
from transforms.names import (find_countries, find_organizations, find_people, person_key,
                             resolve_people)

__all__ = ["find_countries", "find_dates", "find_organizations", "find_people", "person_key",
           "resolve_date", "resolve_people"]
