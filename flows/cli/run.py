"""`factcheck run PATH...`: fact-check articles against each other, with a summary at the end."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from flows.cli.common import (
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_PARTIAL,
    UserError,
    check_not_locked,
    check_out_dir,
    model_source,
    runner_args,
    settings_from,
    task_runner,
)
from pipeline.errors import OutputLockedError
from pipeline.records import RunManifest


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = sub.add_parser("run", help="fact-check articles against each other")
    run.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .md .html .csv .jsonl)")
    run.add_argument("--out", default="out", help="output directory (default: out)")
    run.add_argument(
        "--model", default=None, help="known model name or path to a .gguf (default: gemma3-270m)"
    )
    run.add_argument(
        "--prompt-style",
        choices=["auto", "raw", "chat"],
        default=None,
        help="raw for base models, chat for instruct models (default: the model's own)",
    )
    runner_args(run)
    run.add_argument("--quiet", action="store_true", help="no progress display")
    run.add_argument("--verbose", action="store_true", help="show Prefect's own logs")
    run.set_defaults(func=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if len(missing) == len(args.paths):
        raise UserError("no input found: " + ", ".join(missing))
    out = Path(args.out)
    check_out_dir(out)
    settings = settings_from(args)
    from flows import supervise

    if not supervise.is_worker():
        check_not_locked(out)  # before starting a server and a worker only to be refused
        return supervise.supervise(args.argv, out, say=lambda line: print(line, file=sys.stderr))
    t0 = time.perf_counter()
    # With threads the model is loaded here; workers of other runners load their own copies.
    source = model_source(args, settings, load=args.task_runner == "threads")
    load_s = time.perf_counter() - t0
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    from flows import progress
    from flows.factcheck_flow import factcheck

    if not args.quiet:
        progress.listen(_printer())
    flow = factcheck.with_options(task_runner=task_runner(args))
    _wait_for_api()
    t1 = time.perf_counter()
    try:
        manifest = flow(paths=[str(p) for p in args.paths], out_dir=str(out), model=source)
    except OutputLockedError as err:
        raise UserError(str(err)) from None
    _summary(manifest, out, time.perf_counter() - t1, load_s)
    failed = manifest.counts["documents_failed"]
    if manifest.counts["documents"] - failed == 0:
        return EXIT_NOTHING
    return EXIT_PARTIAL if manifest.rejected or failed else EXIT_OK


def _wait_for_api() -> None:
    """The supervisor starts the Prefect server as this worker starts; the flow needs it up."""
    from flows.api_server import ServerError, wait_until_healthy

    url = os.environ.get("PREFECT_API_URL")
    if url:
        try:
            wait_until_healthy(url)
        except ServerError as err:
            raise UserError(str(err)) from None


def _printer() -> Callable[[str, int, int], None]:
    tty = sys.stderr.isatty()

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if (not tty or done == total) else ""
        prefix = "\r" if tty else ""
        print(f"{prefix}{stage:>12}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def _summary(manifest: RunManifest, out: Path, wall: float, load_s: float) -> None:
    c = manifest.counts
    t = manifest.timings
    print(
        f"{c['documents']} document(s), {c['claims']} claim(s) in {wall:.1f} s "
        f"(model load {load_s:.1f} s, extract {t.get('extract', 0):.1f} s, "
        f"cross-check {t.get('crosscheck', 0):.1f} s, Prefect and the rest "
        f"{max(0.0, wall - t.get('total', 0)):.1f} s)"
    )
    labels = ["corroborated", "contradicted", "disputed", "single_source", "unverified"]
    print("  " + "  ".join(f"{label}: {c.get(label, 0)}" for label in labels))
    for rejection in manifest.rejected:
        print(f"  rejected {rejection.path}: {rejection.reason}")
    for doc in manifest.documents:
        if doc.error:
            print(f"  {doc.status} {doc.path}: {doc.error}")
        for note in doc.notes:
            print(f"  note {doc.path}: {note}")
    ch = manifest.changes
    print(
        f"  since the last run: {len(ch.documents.new)} new, {len(ch.documents.changed)} changed, "
        f"{len(ch.documents.unchanged)} unchanged, {len(ch.documents.removed)} removed document(s); "
        f"{ch.extracted} extracted, {ch.reused} re-used; {len(ch.events.recomputed)} of "
        f"{len(ch.events.recomputed) + ch.events.unchanged} event(s) recomputed, "
        f"{ch.claims_rechecked} claim(s) judged anew; "
        f"verdicts {ch.verdicts.new} new, {ch.verdicts.changed} changed, {ch.verdicts.retired} retired"
    )
    print(
        f"verdicts: {out / 'verdicts'}/  report: {out / 'report.html'} ({out / 'report.md'})  "
        f"manifest: {out / 'run.json'}"
    )
