"""`factcheck`: the command line. It parses arguments, checks what a user can get wrong, and runs the flow.

Exit status: 0 every input processed; 1 some inputs rejected or some documents failed;
2 nothing processed, or a usage error (no inputs, bad model, unwritable or busy output directory);
3 the run crashed (killed by a signal, e.g. inside llama.cpp) and finished work was kept; 130 Ctrl-C."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2  # 3 (crashed): flows.supervise.EXIT_CRASHED


class UserError(Exception):
    """Something the user can fix; printed as one line, never as a traceback."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    args.argv = argv
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
        if "pipeline.models" in sys.modules:
            sys.modules["pipeline.models"].close_all()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factcheck", description="Local multi-source fact-checking.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

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
    _runner_args(run)
    run.add_argument("--quiet", action="store_true", help="no progress display")
    run.add_argument("--verbose", action="store_true", help="show Prefect's own logs")
    run.set_defaults(func=cmd_run)

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
    _runner_args(serve)
    serve.set_defaults(func=cmd_serve)

    model = sub.add_parser("model", help="prepare or inspect the local model")
    model.add_argument(
        "action",
        choices=["prepare", "info", "list"],
        help="prepare: assemble and verify the model file; info: show it; list: known models",
    )
    model.add_argument("--model", default=None)
    model.set_defaults(func=cmd_model)

    ev = sub.add_parser("eval", help="measure the cross-check stage on labelled data")
    ev.add_argument("dataset", choices=["fnc1", "climate-fever", "seeds"])
    ev.add_argument(
        "path",
        help="the dataset's folder (e.g. ../shared/eval/fnc1); for seeds, the output folder of a run",
    )
    ev.add_argument("--gold", default="gold/seeds.json", help="seeds: the gold file")
    ev.add_argument("--model", default=None)
    ev.add_argument("--sample", type=int, default=None, help="stratified sample of N pairs")
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--json", default=None, help="write the metrics to this file")
    ev.set_defaults(func=cmd_eval)

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

    schemas = sub.add_parser("schemas", help="write or check the JSON Schema files in schemas/")
    schemas.add_argument("--check", action="store_true", help="fail if the files are out of date")
    schemas.set_defaults(func=cmd_schemas)
    return parser


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pipeline.settings import Settings

    try:
        return Settings.from_env(model=args.model, prompt_style=getattr(args, "prompt_style", None))
    except (TypeError, ValueError) as err:
        raise UserError(str(err)) from None


def _load_model(settings):  # type: ignore[no-untyped-def]
    from pipeline import models

    try:
        return models.load(settings.model, settings)
    except models.ModelError as err:
        raise UserError(str(err)) from None


def _resolve_model(settings):  # type: ignore[no-untyped-def]
    from pipeline import models

    try:
        return models.resolve(settings.model, settings)
    except models.ModelError as err:
        raise UserError(str(err)) from None


def _runner_args(parser: argparse.ArgumentParser) -> None:
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


def _task_runner(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from flows.runners import task_runner

    if args.workers is not None and args.workers < 1:
        raise UserError("--workers must be at least 1")
    try:
        return task_runner(args.task_runner, args.dask_address, args.workers)
    except (ValueError, ImportError) as err:
        raise UserError(str(err)) from None


def _check_out_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".write-test-{os.getpid()}"
        probe.write_text("")
        probe.unlink()
    except OSError as err:
        raise UserError(f"output directory {out} is not writable: {err.strerror or err}") from None


def _check_not_locked(out: Path) -> None:
    from pipeline.emit import OutputLockedError, output_lock

    try:
        with output_lock(out, wait=0):
            pass
    except OutputLockedError as err:
        raise UserError(str(err)) from None


def _wait_for_api() -> None:
    """The supervisor starts the Prefect server as this worker starts; the flow needs it up."""
    from flows.api_server import ServerError, wait_until_healthy

    url = os.environ.get("PREFECT_API_URL")
    if url:
        try:
            wait_until_healthy(url)
        except ServerError as err:
            raise UserError(str(err)) from None


def cmd_run(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if len(missing) == len(args.paths):
        raise UserError("no input found: " + ", ".join(missing))
    out = Path(args.out)
    _check_out_dir(out)
    settings = _settings(args)
    from flows import supervise

    if not supervise.is_worker():
        _check_not_locked(out)  # before starting a server and a worker only to be refused
        return supervise.supervise(args.argv, out, say=lambda line: print(line, file=sys.stderr))
    t0 = time.perf_counter()
    if args.task_runner == "threads":
        _load_model(settings)
    else:
        _resolve_model(settings)  # workers load their own copies; check the file exists here
    load_s = time.perf_counter() - t0
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    from flows import progress
    from flows.factcheck_flow import factcheck

    if not args.quiet:
        progress.listen(_printer())
    from pipeline.emit import OutputLockedError

    flow = factcheck.with_options(task_runner=_task_runner(args))
    _wait_for_api()
    t1 = time.perf_counter()
    try:
        manifest = flow(
            paths=[str(p) for p in args.paths],
            out_dir=str(out),
            model=settings.model,
            prompt_style=settings.prompt_style,
        )
    except OutputLockedError as err:
        raise UserError(str(err)) from None
    wall = time.perf_counter() - t1
    _summary(manifest, out, wall, load_s)
    failed = manifest.counts["documents_failed"]
    if manifest.counts["documents"] - failed == 0:
        return EXIT_NOTHING
    return EXIT_PARTIAL if manifest.rejected or failed else EXIT_OK


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
    _check_out_dir(out)
    settings = _settings(args)
    _resolve_model(settings)
    _task_runner(args)  # checks the runner options now rather than in every scheduled run
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
            "wait_for_lock": 600.0,
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


def _printer():  # type: ignore[no-untyped-def]
    tty = sys.stderr.isatty()

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if (not tty or done == total) else ""
        prefix = "\r" if tty else ""
        print(f"{prefix}{stage:>12}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def _summary(manifest, out: Path, wall: float, load_s: float) -> None:  # type: ignore[no-untyped-def]
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
        f"{ch.extracted} extracted, {ch.reused} re-used; {ch.claims_rechecked} claim(s) judged anew; "
        f"verdicts {ch.verdicts.new} new, {ch.verdicts.changed} changed, {ch.verdicts.retired} retired"
    )
    print(
        f"verdicts: {out / 'verdicts'}/  report: {out / 'report.html'} ({out / 'report.md'})  "
        f"manifest: {out / 'run.json'}"
    )


def cmd_model(args: argparse.Namespace) -> int:
    from pipeline import models

    if args.action == "list":
        for known in models.KNOWN_MODELS.values():
            print(f"{known.name:14} {known.description}")
        return EXIT_OK
    settings = _settings(args)
    try:
        model_file = models.resolve(settings.model, settings)
    except models.ModelError as err:
        raise UserError(str(err)) from None
    print(
        f"{model_file.name}: {model_file.path} sha256 {model_file.sha256} ({model_file.prompt_style} prompts)"
    )
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from pipeline import evaluate
    from pipeline.crosscheck import calibration
    from pipeline.prompts import prompt_versions

    if args.dataset == "seeds":
        try:
            gold = evaluate.check_gold(Path(args.path), Path(args.gold))
        except (evaluate.DatasetError, KeyError) as err:
            raise UserError(f"cannot check {args.path} against {args.gold}: {err}") from None
        print(evaluate.render_gold(gold))
        if args.json:
            Path(args.json).write_text(json.dumps(gold, indent=2) + "\n", encoding="utf-8")
        return EXIT_OK
    loader = evaluate.DATASETS[args.dataset][0]
    try:
        pairs = evaluate.stratified_sample(loader(Path(args.path)), args.sample, args.seed)
    except (evaluate.DatasetError, OSError, KeyError, ValueError) as err:
        raise UserError(f"cannot read {args.dataset} from {args.path}: {err}") from None
    settings = _settings(args)
    model_file, chat = _load_model(settings)
    prior = calibration(chat, settings) if getattr(chat, "supports_grammar", False) else None
    predictions, seconds = evaluate.run_eval(args.dataset, pairs, chat, settings, prior)
    result = evaluate.metrics(args.dataset, pairs, predictions)
    result.update(
        dataset=args.dataset,
        model=model_file.name,
        model_sha256=model_file.sha256,
        prompts=prompt_versions(),
        sample=args.sample,
        seed=args.seed,
        seconds=round(seconds, 2),
        seconds_per_pair=round(seconds / max(1, len(pairs)), 4),
    )
    print(
        f"{args.dataset} · model {model_file.name} · {len(pairs)} pairs · "
        f"{result['seconds_per_pair']:.3f} s/pair"
    )
    print(evaluate.render_table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return EXIT_OK


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
    settings = _settings(args)
    started = time.perf_counter()
    _load_model(settings)
    load_s = time.perf_counter() - started
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    import json

    from flows.bench import BenchOptions, run_bench, table

    options = BenchOptions(
        paths=[Path(p) for p in args.paths],
        scale=sizes,
        fakes=Path(args.fakes),
        work=Path(args.out) if args.out else None,
    )
    try:
        result = run_bench(
            options, settings, load_s, say=lambda line: print(line, file=sys.stderr, flush=True)
        )
    except ValueError as err:
        raise UserError(str(err)) from None
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"numbers: {args.json}")
    return EXIT_OK


def cmd_schemas(args: argparse.Namespace) -> int:
    from pipeline import schemas

    if args.check:
        stale = [
            name
            for name, model in schemas.PUBLISHED.items()
            if not schemas.schema_path(name).is_file()
            or schemas.schema_path(name).read_text(encoding="utf-8") != schemas.render(model)
        ]
        if stale:
            raise UserError("out-of-date schema files: " + ", ".join(stale) + " (run factcheck schemas)")
        return EXIT_OK
    for path in schemas.write_all():
        print(path)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
