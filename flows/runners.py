"""Where the flow's tasks run: threads in this process, local processes, or a Dask cluster."""

from __future__ import annotations

import os
from typing import Any

RUNNERS = ("threads", "processes", "dask")


def task_runner(kind: str, dask_address: str | None = None, workers: int | None = None) -> Any:
    """A Prefect task runner. `processes` and a local Dask cluster start `workers` processes (default
    2), each with its own copy of the model, and split this machine's cores between them."""
    if kind not in RUNNERS:
        raise ValueError(f"unknown task runner {kind!r}: give one of {', '.join(RUNNERS)}")
    if dask_address and kind != "dask":
        raise ValueError("--dask-address needs --task-runner dask")
    if kind == "threads":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner()
    n = workers or 2
    if not (kind == "dask" and dask_address):
        # Each worker process runs llama.cpp with all cores unless told otherwise: n workers would
        # then fight over the same cores. A remote cluster's workers keep their own setting.
        os.environ.setdefault("FACTCHECK_N_THREADS", str(max(1, (os.cpu_count() or 1) // n)))
    if kind == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=n)
    from prefect_dask.task_runners import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": n, "processes": True, "threads_per_worker": 1, "dashboard_address": None}
    )
