"""A step of a run in a spawned process of its own, whose memory goes back to the system when it ends.

CPython keeps each arena of small objects (1 MiB) while any object in it lives. A step that makes
millions of short-lived objects (the merge's records) and a few that live on (the rows it gives)
leaves most of that memory resident in its process long after it freed them. Run in a process of
its own, the step's memory ends with the process; only its result comes back, pickled, with Arrow's
buffers out of band (never a pickled copy of the tables beside them, on either side). The process
is spawned, not forked (the flow's process runs Prefect's threads), ignores Ctrl-C (the run stops
it) and dies with the run (`start_worker`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from typing import Any, Callable

from eventline.server import start_worker
from flows.io import FatalRunError


def run_apart(function: Callable[..., Any], *args: Any) -> Any:
    """`function(*args)` in a spawned process: its result, or its exception raised here.

    `function` and `args` must be picklable (a module-level function); the process is stopped if this
    one stops waiting (an exception, Ctrl-C). A process that ends without a result (killed: out of memory,
    a signal) is a FatalRunError that says so.
    """
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, os.getpid(), function, args), name=function.__name__)
    process.start()
    send.close()  # the child holds the only writing end: its death is an end of file here
    try:
        outcome, value = _receive(receive)
    except EOFError:
        process.join()
        raise FatalRunError(f"the process of {function.__name__} ended without a result (exit code "
                            f"{process.exitcode}: killed, perhaps for want of memory); nothing was committed: "
                            "run again, with more memory free if it happens again") from None
    finally:
        receive.close()
        if process.is_alive():
            process.terminate()
        process.join()
    if outcome == "error":
        raise value
    return value


def _send(connection, result: tuple[str, Any]) -> None:
    """A result pickled with its large buffers (Arrow's) out of band: sent from where they are, each received
    into its final place, so that neither process holds a pickled copy of the tables beside the tables."""
    buffers: list[pickle.PickleBuffer] = []
    stream = pickle.dumps(result, protocol=5, buffer_callback=buffers.append)
    connection.send(len(buffers))
    connection.send_bytes(stream)
    for buffer in buffers:
        connection.send_bytes(buffer.raw())


def _receive(connection) -> tuple[str, Any]:
    count = connection.recv()
    stream = connection.recv_bytes()
    return pickle.loads(stream, buffers=[connection.recv_bytes() for _ in range(count)])


def _child(send, parent: int, function: Callable[..., Any], args: tuple) -> None:
    start_worker(parent)
    try:
        result = ("ok", function(*args))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the run, which reports it
        result = ("error", exc)
    try:
        _send(send, result)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled: its text
        send.send(0)
        send.send_bytes(pickle.dumps(("error", RuntimeError(
            f"{type(result[1]).__name__}: {result[1]}" if result[0] == "error"
            else f"the result of {function.__name__} cannot be sent back: {exc}"))))
    finally:
        send.close()
