"""What every command shares: exit statuses, the one-line user error, settings, the model, checks."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from pipeline.errors import ModelError, OutputLockedError
from pipeline.settings import Settings

EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2  # 3 (crashed): flows.supervise.EXIT_CRASHED


class UserError(Exception):
    """Something the user can fix; printed as one line, never as a traceback."""


def settings_from(args: argparse.Namespace) -> Settings:
    try:
        return Settings.from_env(model=args.model, prompt_style=getattr(args, "prompt_style", None))
    except (TypeError, ValueError) as err:
        raise UserError(str(err)) from None


def model_source(args: argparse.Namespace, settings: Settings, load: bool = True):  # type: ignore[no-untyped-def]
    """The model the command was given (a test's), else the one --model names, loaded now unless
    `load` is False (the work runs in other processes, which load their own)."""
    from pipeline.llm import ModelSource

    given: ModelSource | None = getattr(args, "source", None)
    if given is not None:
        return given
    try:
        return ModelSource.resolve(settings.model, settings, load=load)
    except ModelError as err:
        raise UserError(str(err)) from None


def runner_args(parser: argparse.ArgumentParser) -> None:
    from flows.runners import RUNNERS

    parser.add_argument(
        "--task-runner",
        choices=RUNNERS,
        default="threads",
        help="where tasks run: threads here (default), local processes, or Dask",
    )
    parser.add_argument(
        "--dask-address",
        default=None,
        metavar="tcp://HOST:PORT",
        help="an existing Dask scheduler (default with dask: a local cluster of processes)",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="processes or local Dask workers (default 2)"
    )


def task_runner(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from flows.runners import task_runner as build

    if args.workers is not None and args.workers < 1:
        raise UserError("--workers must be at least 1")
    try:
        return build(args.task_runner, args.dask_address, args.workers)
    except (ValueError, ImportError) as err:
        raise UserError(str(err)) from None


def check_out_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".write-test-{os.getpid()}"
        probe.write_text("")
        probe.unlink()
    except OSError as err:
        raise UserError(f"output directory {out} is not writable: {err.strerror or err}") from None


def check_not_locked(out: Path) -> None:
    from pipeline.files import output_lock

    try:
        with output_lock(out, wait=0):
            pass
    except OutputLockedError as err:
        raise UserError(str(err)) from None
