"""Prefect's flow-run heartbeats: the same events, and a flow's end that does not wait for the heartbeat thread."""

import time
from types import SimpleNamespace

from flows import heartbeats


class _Engine:
    """What the heartbeat context manager uses of Prefect's FlowRunEngine."""

    def __init__(self, seconds):
        self.heartbeat_seconds = seconds
        self.flow_run = SimpleNamespace(state=SimpleNamespace(is_final=lambda: False))
        self.sent = []
        self.logger = SimpleNamespace(debug=lambda *a, **k: None)

    def _build_heartbeat_event_template(self):
        return "resource", ["related"]

    def _emit_flow_run_heartbeat(self, resource, related):
        self.sent.append((resource, related))


def test_prefects_heartbeats_are_replaced_when_the_pipeline_is_imported():
    import flows.pipeline  # noqa: F401 - installs it
    from prefect import flow_engine

    assert flow_engine._send_heartbeats is heartbeats.send_heartbeats
    assert heartbeats.install()


def test_one_heartbeat_at_the_start_and_an_end_without_waiting():
    engine = _Engine(180)
    with heartbeats.send_heartbeats(engine):
        time.sleep(0.2)
        assert engine.sent == [("resource", ["related"])]
    started = time.perf_counter()
    with heartbeats.send_heartbeats(engine):
        pass
    assert time.perf_counter() - started < 0.5  # Prefect's own waited up to 1 s for its thread's sleep
    assert len(engine.sent) in (1, 2)  # the second block may end before its thread's first heartbeat


def test_no_heartbeats_when_they_are_switched_off():
    engine = _Engine(None)
    with heartbeats.send_heartbeats(engine):
        time.sleep(0.05)
    assert engine.sent == []
