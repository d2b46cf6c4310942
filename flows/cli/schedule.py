"""`factcheck serve`: the flow as a scheduled Prefect deployment over an inbox folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from flows.cli.common import EXIT_OK, UserError, check_out_dir, model_source, runner_args, settings_from
from flows.cli.common import task_runner as check_runner


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = sub.add_parser("serve", help="fact-check an inbox folder on a schedule (a Prefect deployment)")
    serve.add_argument(
        "--inbox", required=True, help="folder of articles; new and changed ones are picked up"
    )
    serve.add_argument("--out", required=True, help="output directory, updated by every run")
    when = serve.add_mutually_exclusive_group(required=True)
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS")
    when.add_argument("--cron", metavar="EXPR", help='run on a cron schedule, e.g. "*/15 * * * *"')
    serve.add_argument("--max-runs", type=int, default=None, metavar="N", help="stop after N runs")
    serve.add_argument("--model", default=None, help="known model name or path to a .gguf")
    serve.add_argument("--prompt-style", choices=["auto", "raw", "chat"], default=None)
    runner_args(serve)
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    inbox, out = Path(args.inbox), Path(args.out)
    if not inbox.is_dir():
        raise UserError(f"inbox {inbox} is not a folder")
    if args.interval is not None and args.interval <= 0:
        raise UserError("--interval must be a positive number of seconds")
    if args.max_runs is not None and args.max_runs < 1:
        raise UserError("--max-runs must be at least 1")
    if args.cron is not None:
        from prefect.client.schemas.schedules import CronSchedule
        from pydantic import ValidationError

        try:
            CronSchedule(cron=args.cron)
        except ValidationError:
            raise UserError(f"--cron {args.cron!r} is not a valid cron expression") from None
    check_out_dir(out)
    settings = settings_from(args)
    model_source(args, settings, load=False)  # the file exists and is the right one, before any run
    check_runner(args)  # checks the runner options now rather than in every scheduled run
    from flows.serve import ServeOptions, ServerError, serve

    options = ServeOptions(
        inbox=inbox.resolve(),
        out=out.resolve(),
        interval=args.interval,
        cron=args.cron,
        max_runs=args.max_runs,
        parameters={
            "paths": [str(inbox.resolve())],
            "out_dir": str(out.resolve()),
            "model": settings.model,
            "prompt_style": settings.prompt_style,
            # A scheduled run waits for a manual one on the same folder instead of failing.
            "wait_for_lock": settings.lock_wait,
            "task_runner": args.task_runner,
            "dask_address": args.dask_address,
            "workers": args.workers,
        },
    )
    try:
        serve(options, announce=lambda line: print(line, flush=True))
    except ServerError as err:
        raise UserError(str(err)) from None
    return EXIT_OK
