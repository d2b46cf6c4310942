"""The Prefect dashboard of the local server `factcheck serve` starts: its pages reach the API of the
server they are served by (not the default port) and list flow runs and their artifacts; the server
takes the port asked for when it is free (a bookmark survives a restart) and another one when not."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from flows.api_server import local_server
from tests.browser import chromium_path, open_page


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


_RUN = """
from prefect import flow
from prefect.artifacts import create_markdown_artifact

@flow(name="dashboard-check", flow_run_name="dashboard-check-run")
def check() -> None:
    create_markdown_artifact("# verdicts\\nall fine", key="factcheck-report")

check()
"""


def _record_a_run(api_url: str) -> str:
    """One finished flow run with a markdown artifact on the server; returns the run's name.

    Run in a process of its own: Prefect's log and event workers then drain into this server when
    that process exits, not at the end of the test session, after the server is gone (where they
    retry for a long time)."""
    env = {**os.environ, "PREFECT_API_URL": api_url}
    subprocess.run([sys.executable, "-c", _RUN], env=env, check=True, timeout=180, capture_output=True)
    return "dashboard-check-run"


def test_dashboard_reaches_its_own_api_and_lists_runs(tmp_path: Path) -> None:
    chromium_path()  # skips (fails in CI) before starting servers when there is no browser
    wanted = _free_port()
    with local_server(tmp_path / "server", port=wanted) as url:
        base = url.removesuffix("/api")
        assert base == f"http://127.0.0.1:{wanted}"  # the port asked for, as it was free
        with urllib.request.urlopen(f"{base}/ui-settings", timeout=10) as reply:
            assert json.loads(reply.read())["api_url"] == url

        # Asked for a port that is taken, a second server falls back to another one.
        with local_server(tmp_path / "other", port=wanted) as other:
            assert other != url and other.startswith("http://127.0.0.1:")

        run_name = _record_a_run(url)
        with open_page(f"{base}/runs") as page:
            deadline = time.monotonic() + 60
            text = ""
            while run_name not in text:
                assert time.monotonic() < deadline, f"the dashboard never listed the run: {text[:500]}"
                time.sleep(0.5)
                text = page.evaluate("document.body.innerText")
            assert "Can't connect to Server API" not in text
        with open_page(f"{base}/artifacts") as page:
            deadline = time.monotonic() + 60
            while "factcheck-report" not in (text := page.evaluate("document.body.innerText")):
                assert time.monotonic() < deadline, f"the dashboard never listed the artifact: {text[:500]}"
                time.sleep(0.5)
