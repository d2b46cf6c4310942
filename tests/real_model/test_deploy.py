"""prefect.yaml deploys against a real local Prefect server, and a process worker runs it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from flows.api_server import local_server
from tests.checks import check_output
from tests.conftest import ROOT


def test_prefect_yaml_deploys_and_a_worker_runs_it(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        "US forces shot down a Syrian army jet near Raqqa on Sunday.\n", encoding="utf-8"
    )
    (inbox / "b.txt").write_text(
        "A US warplane downed a Syrian jet near Raqqa on Sunday.\n", encoding="utf-8"
    )
    with local_server(tmp_path / "server") as url:
        # PWD is what prefect.yaml's pull step resolves to: the project root, as in the README.
        env = {**os.environ, "PREFECT_API_URL": url, "PWD": str(ROOT)}

        def prefect(*args: str) -> str:
            done = subprocess.run(
                [sys.executable, "-m", "prefect", *args],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
            return done.stdout + done.stderr

        prefect("work-pool", "create", "factcheck", "--type", "process")
        assert "successfully created" in prefect("--no-prompt", "deploy", "--all")
        deployment = asyncio.run(_read_deployment(url))
        assert deployment.entrypoint == "flows/factcheck_flow.py:factcheck"
        assert deployment.work_pool_name == "factcheck"
        assert [s.schedule.cron for s in deployment.schedules] == ["0 6 * * *"]
        assert deployment.parameters["wait_for_lock"] == 600

        prefect(
            "deployment", "run", "factcheck/inbox",
            "--param", f'paths=["{inbox}"]', "--param", f"out_dir={out}",
        )  # fmt: skip
        prefect("worker", "start", "--pool", "factcheck", "--run-once")
    run, verdicts = check_output(out)
    assert run["counts"]["documents"] == 2 and verdicts
    assert run["changes"]["extracted"] == 2


async def _read_deployment(url: str):  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import PrefectClient

    async with PrefectClient(api=url) as client:
        return await client.read_deployment_by_name("factcheck/inbox")
