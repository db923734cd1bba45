"""Prefect's flow-run heartbeats, stopped at once when the flow ends.

Prefect 3 sends a heartbeat event for a running flow every `PREFECT_FLOWS_HEARTBEAT_FREQUENCY`
seconds (180 by default; the server may use them to tell a crashed run) from a thread that sleeps
in steps of one second, and the flow joins that thread when it ends: every run waited up to a
second (half a second on average) after its last task for nothing. `send_heartbeats` is the same
context manager (the same events, at the same times, from the same kind of thread) whose thread
waits on its stop event instead, so the flow's end does not wait. `install()` puts it in place of
Prefect's when that one is there with the signature it replaces; otherwise Prefect's stays.
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import threading
from typing import Iterator


@contextlib.contextmanager
def send_heartbeats(engine, join_on_exit: bool = True) -> Iterator[None]:
    """Heartbeats for `engine`'s flow run while the block runs (none when they are switched off)."""
    from prefect import flow_engine

    seconds = engine.heartbeat_seconds
    if seconds is None:
        yield
        return
    seconds = max(seconds, flow_engine.MINIMUM_HEARTBEAT_INTERVAL)
    resource, related = engine._build_heartbeat_event_template()
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            state = engine.flow_run.state if engine.flow_run else None
            if state is not None and state.is_final():
                return
            try:
                engine._emit_flow_run_heartbeat(resource, related)
            except Exception:  # noqa: BLE001 - as Prefect's: a missed heartbeat must not fail the run
                engine.logger.debug("Failed to emit heartbeat", exc_info=True)
            stop.wait(seconds)

    # The thread sees the caller's context (its SettingsContext, hence its PREFECT_API_URL), as Prefect's does.
    thread = threading.Thread(target=contextvars.copy_context().run, args=(loop,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        if join_on_exit:
            thread.join(timeout=2)


def install() -> bool:
    """Use `send_heartbeats` for Prefect's flow runs; False (Prefect's own kept) when this Prefect differs."""
    from prefect import flow_engine

    original = getattr(flow_engine, "_send_heartbeats", None)
    if original is None or original is send_heartbeats:
        return original is send_heartbeats
    needed = ("_build_heartbeat_event_template", "_emit_flow_run_heartbeat", "heartbeat_seconds")
    engine_ok = all(hasattr(flow_engine.FlowRunEngine, name) for name in needed)
    if not engine_ok or list(inspect.signature(original).parameters) != ["engine", "join_on_exit"]:
        return False
    flow_engine._send_heartbeats = send_heartbeats
    return True
