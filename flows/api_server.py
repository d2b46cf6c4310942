"""Prefect API servers that this command starts, as child processes that die with it.

Prefect's own ephemeral server is a uvicorn child that inherits the terminal's pipes and outlives
its parent when that parent is killed (SIGKILL, or llama.cpp aborting the process): a pipeline like
`factcheck run ... | tee log` then never ends. The servers here are started the same way, but write
to a log file and get PR_SET_PDEATHSIG, so nothing is left running when the command dies."""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVER_START_SECONDS = 120.0


class ServerError(RuntimeError):
    """The local Prefect server did not come up; the message says why."""


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def exited(self) -> str | None:
        """Why the server is gone, or None while it runs."""
        if self.process.poll() is None:
            return None
        return f"the local Prefect server exited (status {self.process.returncode}); see {self.log}"


def die_with_parent(sig: int) -> Callable[[], None]:
    """A preexec_fn: the child gets `sig` when this process dies, however it dies (Linux only)."""

    def arm() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, sig)  # PR_SET_PDEATHSIG

    return arm


def _free_port(preferred: int | None = None) -> int:
    """`preferred` when nothing listens there (a bookmark survives a restart), else any free port."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            found: int = sock.getsockname()[1]
            return found
    raise ServerError("no free loopback port")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def wait_until_healthy(url: str, server: Server | None = None, seconds: float = SERVER_START_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not healthy(url):
        if server is not None and (why := server.exited()):
            raise ServerError(why)
        if time.monotonic() > deadline:
            raise ServerError(f"the Prefect API at {url} did not answer within {seconds:.0f} s")
        time.sleep(0.25)


@contextmanager
def _started(argv: list[str], env: dict[str, str], log_path: Path, url: str) -> Iterator[Server]:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            argv,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=die_with_parent(signal.SIGTERM) if sys.platform == "linux" else None,
        )
    try:
        yield Server(url, process, log_path)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """SIGTERM the process's group, then SIGKILL what is still there after `grace` seconds."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)
        except ProcessLookupError:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # whatever the process itself left running


@contextmanager
def local_server(home: Path, loop_seconds: float = 5.0, port: int | None = None) -> Iterator[str]:
    """A full `prefect server` (scheduler included) on loopback — on `port` when it is free, else on
    a free one — with its database under `home`, for the duration of the block; yields its API URL
    once it answers."""
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port(port)
    url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        # The dashboard's pages call the API from the browser: without this they call the default
        # port 4200 and show "Can't connect to Server API" whenever the server runs elsewhere.
        "PREFECT_UI_API_URL": url,
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The scheduler's first pass comes this soon after the deployment is created.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": str(loop_seconds),
    }
    env.pop("PREFECT_API_URL", None)
    argv = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with _started(argv, env, home / "server.log", url) as server:
        wait_until_healthy(url, server)
        yield url


@contextmanager
def run_server(log_path: Path) -> Iterator[Server]:
    """The server Prefect would start for a one-off run (same app, same database), started at once;
    the block runs while it starts up, so callers overlap their own start-up with it."""
    # Found without importing prefect: this process only supervises, and the import takes seconds.
    spec = importlib.util.find_spec("prefect")
    assert spec is not None and spec.origin is not None, "prefect is a dependency"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        # What Prefect's SubprocessASGIServer sets for its ephemeral server.
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    env.pop("PREFECT_API_URL", None)
    argv = [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(Path(spec.origin).parent.parent),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    with _started(argv, env, log_path, url) as server:
        yield server
