"""Test-wide environment: the project's Prefect settings, quiet logs (Prefect logs after pytest closes stdout)."""

import os

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from eventline.settings import configure_prefect  # noqa: E402

configure_prefect()
