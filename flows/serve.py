"""`factcheck serve`: the flow as a scheduled Prefect deployment that keeps an inbox fact-checked.

Prefect refuses to schedule on its ephemeral in-process server, so when PREFECT_API_URL is not set
this starts a local `prefect server` of its own (database under OUT/.prefect-server), and stops it
on the way out; with PREFECT_API_URL set, the deployment goes to that server."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.api_server import ServerError, local_server

__all__ = ["ServeOptions", "ServerError", "serve"]

DEPLOYMENT = "inbox"

# States a flow run reaches once a runner has taken it (for counting towards --max-runs).
_TAKEN = ("PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "CRASHED", "CANCELLING", "PAUSED")
_FINAL = ("COMPLETED", "FAILED", "CANCELLED", "CRASHED")


@dataclass(frozen=True)
class ServeOptions:
    inbox: Path
    out: Path
    interval: float | None
    cron: str | None
    max_runs: int | None
    parameters: dict[str, Any]
    port: int = 4200  # Prefect's own default: the dashboard URL stays the same across restarts


@contextmanager
def prefect_api(out: Path, port: int | None = None) -> Iterator[str]:
    """The Prefect API to schedule on: PREFECT_API_URL when set, else a local server of our own."""
    given = os.environ.get("PREFECT_API_URL")
    if given:
        yield given
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with local_server(out / ".prefect-server", port=port) as url:
        os.environ["PREFECT_API_URL"] = url  # flow-run subprocesses read it from the environment
        try:
            with temporary_settings(updates={PREFECT_API_URL: url}):
                yield url
        finally:
            os.environ.pop("PREFECT_API_URL", None)


def serve(options: ServeOptions, announce: Any = print) -> None:
    """Schedule the flow on the inbox and run what comes due, until interrupted or --max-runs."""
    with prefect_api(options.out, options.port) as url:
        announce(f"Prefect dashboard: {url.removesuffix('/api')}  (API: {url})")
        asyncio.run(_serve(options, announce))


async def _serve(options: ServeOptions, announce: Any) -> None:
    from prefect.runner import Runner
    from prefect.types.entrypoint import EntrypointType

    from flows.factcheck_flow import factcheck

    poll = 1.0 if options.interval is not None and options.interval < 30 else 5.0
    runner = Runner(name=f"factcheck-serve-{os.getpid()}", query_seconds=poll, limit=1)
    deployment_id = await runner.aadd_flow(
        factcheck,
        name=DEPLOYMENT,
        interval=options.interval,
        cron=options.cron,
        parameters=options.parameters,
        # Module path, not file path: the flow runs from the installed package wherever we are.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    when = f"every {options.interval:g} s" if options.interval is not None else f"on cron {options.cron}"
    limit = f", stopping after {options.max_runs} run(s)" if options.max_runs else ""
    announce(f"serving factcheck/{DEPLOYMENT}: {options.inbox} -> {options.out} {when}{limit}")
    tasks = [asyncio.create_task(runner.start())]
    if options.max_runs:
        tasks.append(asyncio.create_task(_stop_after(runner, deployment_id, options.max_runs, poll)))
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for finished in done:
            finished.result()
    finally:
        for pending in tasks:
            pending.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _stop_after(runner: Any, deployment_id: Any, max_runs: int, poll: float) -> None:
    """Stop taking runs once max_runs have been taken, and stop the runner once they have finished.

    The runner takes one run at a time (limit=1), so pausing the deployment as soon as the last
    allowed run is taken leaves no later run half-started."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    async def runs(states: tuple[str, ...]) -> list[Any]:
        async with get_client() as client:
            found: list[Any] = await client.read_flow_runs(
                deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
                flow_run_filter=FlowRunFilter(
                    state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType(s) for s in states]))
                ),
            )
        return found

    while len(await runs(_TAKEN)) < max_runs:
        await asyncio.sleep(min(0.5, poll / 2))
    async with get_client() as client:
        await client.pause_deployment(deployment_id)
        # Pausing stops new runs from being scheduled, not the runs already waiting: when runs come
        # due faster than they finish, late ones queue up and the runner would take them next.
        for run in await runs(("SCHEDULED",)):
            await client.delete_flow_run(run.id)
    while len(await runs(_FINAL)) < max_runs or not runner.has_slots_available():
        # A finished run's process is still exiting for a moment after its final state is set.
        await asyncio.sleep(min(0.5, poll / 2))
    await runner.astop()
