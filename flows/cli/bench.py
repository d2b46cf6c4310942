"""`factcheck bench`: the pipeline's speed next to llama.cpp's own, on this machine."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from flows.cli.common import EXIT_OK, UserError, model_source, settings_from


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bench = sub.add_parser(
        "bench", help="measure the pipeline's speed next to llama.cpp's own on this machine"
    )
    bench.add_argument("paths", nargs="*", default=["seeds"], metavar="PATH", help="corpus (default: seeds)")
    bench.add_argument("--model", default=None, help="known model name or path to a .gguf")
    bench.add_argument("--json", default=None, metavar="FILE", help="also write the numbers to FILE")
    bench.add_argument(
        "--scale",
        default="4,8,16",
        metavar="N,N,...",
        help='FA-KES slice sizes in documents, each run cold (default: 4,8,16; "" for none)',
    )
    bench.add_argument(
        "--fakes",
        default="../shared/eval/fakes/fakes.csv",
        help="the FA-KES CSV for the scale series (default: ../shared/eval/fakes/fakes.csv)",
    )
    bench.add_argument(
        "--out", default=None, help="keep the runs' outputs here (default: a temporary folder)"
    )
    bench.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        raise UserError("no such corpus: " + ", ".join(missing))
    try:
        sizes = [int(n) for n in args.scale.split(",") if n.strip()]
    except ValueError:
        raise UserError(f"--scale {args.scale!r} is not a comma-separated list of numbers") from None
    if any(n < 1 for n in sizes):
        raise UserError("--scale sizes must be at least 1")
    settings = settings_from(args)
    started = time.perf_counter()
    source = model_source(args, settings)
    load_s = time.perf_counter() - started
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.bench import BenchOptions, run_bench, table

    options = BenchOptions(
        paths=[Path(p) for p in args.paths],
        scale=sizes,
        fakes=Path(args.fakes),
        work=Path(args.out) if args.out else None,
    )
    try:
        result = run_bench(options, source, load_s, say=lambda line: print(line, file=sys.stderr, flush=True))
    except ValueError as err:
        raise UserError(str(err)) from None
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"numbers: {args.json}")
    return EXIT_OK
