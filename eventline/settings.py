"""Run settings (one object, passed to the flow) and the Prefect environment of this project."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# A checkout keeps Prefect's state in the project; an installed package (site-packages has no
# pyproject.toml) in the user's home, never inside site-packages.
_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file()
PREFECT_HOME = PROJECT_ROOT / ".prefect" if _CHECKOUT else Path.home() / ".eventline" / "prefect"

# Prefect reads these when it is first imported: set them before that.
PREFECT_ENV = {
    "PREFECT_HOME": str(PREFECT_HOME),
    # No phoning home, no UI assets, no log shipping: nothing leaves the machine.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_UI_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    # The temporary server takes 8-25 s to start on 2 cores; the default wait is too short.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}


def configure_prefect() -> None:
    """Apply the project's Prefect environment (an explicit setting of the user's wins)."""
    for key, value in PREFECT_ENV.items():
        os.environ.setdefault(key, value)
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)


@dataclass(frozen=True)
class Limits:
    """What one raw file or article may cost; past a limit the input is quarantined, naming the limit."""

    max_file_mb: float = 20.0  # raw file size (articles and sidecars)
    max_article_chars: int = 2_000_000  # text of one article (extraction takes about 5 s per million)
    article_seconds: float = 60.0  # wall time to read one file, and to extract one article

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)


@dataclass(frozen=True)
class RunSettings:
    """Everything a run needs to know; the flow gets it as its one parameter."""

    raw_dir: Path | str = Path("data/raw")  # a folder, or an fsspec URL (s3://bucket/raw): flows/files.py
    curated_dir: Path | str = Path("data/curated")
    reports_dir: Path = Path("data/reports")
    workers: int = 2
    processes: bool = True  # with workers >= 2, the batches run on that many processes (False: threads)
    dask_address: str | None = None
    batch_size: int = 100  # raw files per task: per-task overhead is large, so tasks map over batches
    full: bool = False  # rebuild from every raw file instead of only the new and changed ones
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        # Settings that come back as JSON (the parameters of a served run) hold every folder as
        # text: a local one is a Path again, a URL stays text (flows.files.location).
        from flows.files import location

        for name in ("raw_dir", "curated_dir"):
            object.__setattr__(self, name, location(getattr(self, name)))
        object.__setattr__(self, "reports_dir", Path(self.reports_dir))
