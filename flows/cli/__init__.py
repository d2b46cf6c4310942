"""`factcheck`: the command line. It parses arguments, checks what a user can get wrong, and runs the flow.
One module per command; `common.py` holds what they share.

Exit status: 0 every input processed; 1 some inputs rejected or some documents failed;
2 nothing processed, or a usage error (no inputs, bad model, unwritable or busy output directory);
3 the run crashed (killed by a signal, e.g. inside llama.cpp) and finished work was kept; 130 Ctrl-C."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from flows.cli import bench, evaluate, events, model, readings, run, schedule
from flows.cli.common import EXIT_NOTHING, UserError

if TYPE_CHECKING:
    from pipeline.llm import ModelSource


def main(argv: list[str] | None = None, source: ModelSource | None = None) -> int:
    """Run one command. `source` replaces the model --model names (the test harness's scripted one)."""
    from pipeline.memory import limit_malloc_arenas

    limit_malloc_arenas()  # before Prefect starts its threads
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    args.argv, args.source = argv, source
    try:
        code: int = args.func(args)
        return code
    except UserError as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return EXIT_NOTHING
    except KeyboardInterrupt:
        print("factcheck: interrupted; finished files are kept", file=sys.stderr)
        return 130
    finally:
        if "pipeline.llm.loader" in sys.modules:
            sys.modules["pipeline.llm.loader"].close_all()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="factcheck", description="Local multi-source fact-checking.")
    sub = top.add_subparsers(required=True, metavar="COMMAND")
    run.add_parser(sub)
    events.add_parser(sub)
    schedule.add_parser(sub)
    model.add_parsers(sub)
    evaluate.add_parser(sub)
    readings.add_parsers(sub)
    bench.add_parser(sub)
    return top


__all__ = ["main", "parser"]
