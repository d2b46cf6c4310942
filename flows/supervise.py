"""`factcheck run` as two processes: this one supervises, a worker process does the run.

A crash inside llama.cpp (an abort, or a segfault on a bad grammar) kills the process it happens
in before any Python handler runs. With the work in a child, the command still reports it in one
line, stops the Prefect server it started and exits with a documented status, and everything the
worker finished stays in OUT/.cache for the next run to re-use. The worker and the server both die
with this process if it is killed, so a killed command leaves nothing running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from flows.api_server import Server, ServerError, die_with_parent, run_server, stop

WORKER_ENV = "FACTCHECK_WORKER"
EXIT_CRASHED = 3


def is_worker() -> bool:
    return os.environ.get(WORKER_ENV) == "1"


def worker_command(argv: list[str]) -> list[str]:
    """This command line again with `argv` as its arguments, however it was started: `factcheck`,
    `python -m flows.cli` or a script that calls `flows.cli.main`."""
    if argv == sys.argv[1:]:
        prefix = sys.orig_argv[: len(sys.orig_argv) - len(argv)]
        return [sys.executable, *prefix[1:], *argv]
    return [sys.executable, "-m", "flows.cli", *argv]


def supervise(argv: list[str], out: Path, say: Callable[[str], None]) -> int:
    """Run `argv` in a worker process and return its exit status, or EXIT_CRASHED if it died."""
    env = {**os.environ, WORKER_ENV: "1"}
    with ExitStack() as stack:
        server = None
        if not os.environ.get("PREFECT_API_URL"):
            # Started first: it takes longer to come up than the worker takes to load the model.
            server = stack.enter_context(run_server(out / ".prefect-server" / "run-server.log"))
            env["PREFECT_API_URL"] = server.url
        worker = subprocess.Popen(
            worker_command(argv),
            env=env,
            # Its own group, so that what it leaves behind can be stopped with it; Ctrl-C is forwarded.
            start_new_session=True,
            preexec_fn=die_with_parent(signal.SIGKILL) if sys.platform == "linux" else None,
        )
        try:
            code = _wait(worker, server)
        except ServerError as err:
            say(f"factcheck: error: {err}; finished work is kept in {out / '.cache'}")
            return EXIT_CRASHED
        finally:
            stop(worker, grace=10.0)
    if code >= 0:
        return code
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    say(
        f"factcheck: error: the run crashed (its process was killed by {name}; a crash inside "
        f"llama.cpp or running out of memory does this). Finished work is kept in {out / '.cache'}: "
        "run the same command again to resume."
    )
    return EXIT_CRASHED


def _wait(worker: subprocess.Popen[bytes], server: Server | None) -> int:
    while True:
        try:
            return worker.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            why = server.exited() if server is not None else None
            if why:
                worker.send_signal(signal.SIGINT)  # stops at once; what it finished is kept
                worker.wait()
                raise ServerError(why) from None
        except KeyboardInterrupt:
            worker.send_signal(signal.SIGINT)
