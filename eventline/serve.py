"""`eventline serve`: the pipeline flow served as a Prefect deployment that runs on a cron schedule.

The deployment is served by a Prefect runner in this process: the Prefect server's scheduler
creates the runs, the runner starts each in a subprocess of its own (one at a time), with the
settings given on the command line. A scheduled run takes the same lock as `eventline run`: a
run that finds it held fails, with the reason, and the runner goes on waiting for the next one.

Ctrl-C and SIGTERM stop the runner the way Prefect's own SIGTERM handler does (a run in flight
is cancelled, its process stopped, the schedule paused); the command line then stops the
temporary server, if it started one.
"""

from __future__ import annotations

import asyncio
import hashlib
import signal
from pathlib import Path
from typing import Callable

from eventline.settings import RunSettings

FLOW_NAME = "eventline-run"


def deployment_name(settings: RunSettings) -> str:
    """One deployment per curated folder or URL (the lock's scope), stable across restarts: `curated-1a2b3c4d`."""
    place = settings.curated_dir
    place = str(place.resolve()) if isinstance(place, Path) else place.rstrip("/")
    name = place.rsplit("/", 1)[-1] or "curated"
    return f"{name}-{hashlib.sha256(place.encode()).hexdigest()[:8]}"


def check_cron(expression: str) -> str | None:
    """Why Prefect refuses `expression` as a cron schedule, or None when it takes it."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=expression)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        errors = getattr(exc, "errors", lambda: [])()
        return str(errors[0].get("msg") if errors else exc).removeprefix("Value error, ")
    return None


def _runner(on_signal: Callable[[int], None]):
    """A Prefect Runner that stops gracefully on SIGINT as on SIGTERM, and tells `on_signal` which one came."""
    from prefect.runner import Runner

    class _Runner(Runner):
        def handle_sigterm(self, signum: int = signal.SIGTERM, *_args) -> None:
            on_signal(signum)
            if self.stopping:
                return
            if not self.started or self._loop is None:
                raise KeyboardInterrupt(signal.Signals(signum).name)  # before the loop: unwind
            self.stopping = True
            self.execute_in_background(self.astop)  # cancels the run in flight, then `start` returns

    return _Runner(name="eventline", limit=1, pause_on_shutdown=True)


def cancel_missed_runs(deployment_id) -> int:
    """Cancel the deployment's runs that were due while nobody served it; how many.

    A run reads everything new in the raw folder: making up missed runs one after another
    (after a kill, the server had scheduled runs ahead) would only repeat the next one.
    """
    import datetime as dt

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowRunFilter,
                                                FlowRunFilterExpectedStartTime, FlowRunFilterState,
                                                FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.states import Cancelled

    due = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
                        expected_start_time=FlowRunFilterExpectedStartTime(before_=dt.datetime.now(dt.timezone.utc)))
    with get_client(sync_client=True) as client:
        missed = client.read_flow_runs(flow_run_filter=due,
                                       deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))
        for run in missed:
            client.set_flow_run_state(run.id, Cancelled(message="missed while eventline serve was stopped"), force=True)
    return len(missed)


def serve(settings: RunSettings, cron: str, on_signal: Callable[[int], None]) -> None:
    """Register the deployment and run its scheduled runs until stopped (returns after a graceful stop)."""
    from prefect.deployments.runner import EntrypointType

    from flows.pipeline import eventline_run, task_runner

    runner = _runner(on_signal)
    flow = eventline_run.with_options(task_runner=task_runner(settings))
    deployment_id = runner.add_flow(
        flow, name=deployment_name(settings), cron=cron, parameters={"settings": settings},
        description=f"eventline run of {settings.raw_dir} into {settings.curated_dir}, on cron '{cron}' "
                    "(eventline serve)",
        tags=["eventline"], entrypoint_type=EntrypointType.MODULE_PATH)
    cancel_missed_runs(deployment_id)
    # Runner.start installs its handler for SIGTERM; SIGINT gets the same one.
    signal.signal(signal.SIGINT, runner.handle_sigterm)
    asyncio.run(runner.start())
