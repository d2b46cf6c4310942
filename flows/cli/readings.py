"""`factcheck import-reading` and `factcheck fit-silence`: independent readings of whole runs as
labels, and the rates at which the cross-check's silences were right in them (see README,
*Confidence*)."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from flows.cli.common import EXIT_OK, UserError
from pipeline.errors import DatasetError, ModelError


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser(
        "import-reading", help="turn a reader's answers on a run into a labels file (ids and labels only)"
    )
    imp.add_argument("run_dir", metavar="RUN_DIR", help="the output folder the reader read")
    imp.add_argument("answers", metavar="ANSWERS", help="the reader's answers (JSON list, one per verdict)")
    imp.add_argument("--name", required=True, help="what the reading is called, e.g. seeds-2026-12-03")
    imp.add_argument("--about", default="", help="the corpus, the run command and the reader, in words")
    imp.add_argument("--out", required=True, metavar="FILE", help="the labels file to write")
    imp.set_defaults(func=cmd_import_reading, model=None)

    fit = sub.add_parser(
        "fit-silence",
        help="fit how often each kind of 'not mentioned' is right in a corpus, from readings of runs",
    )
    fit.add_argument("readings", nargs="+", metavar="LABELS", help="labels files to fit on")
    fit.add_argument(
        "--test", action="append", default=[], metavar="LABELS", help="labels files to score only"
    )
    fit.add_argument(
        "--out", default=None, metavar="FILE", help="write the shipped maps with these rates to FILE"
    )
    fit.set_defaults(func=cmd_fit_silence, model=None)


def cmd_import_reading(args: argparse.Namespace) -> int:
    from pipeline.eval.readings import reading_labels

    try:
        labels = reading_labels(Path(args.run_dir), Path(args.answers), args.name, args.about)
    except DatasetError as err:
        raise UserError(str(err)) from None
    _write(Path(args.out), json.dumps(labels, indent=1) + "\n")
    stances = sum(len(v["stances"]) for v in labels["verdicts"])
    print(f"{args.out}: {len(labels['verdicts'])} verdicts, {stances} stances labelled")
    return EXIT_OK


def cmd_fit_silence(args: argparse.Namespace) -> int:
    from pipeline.check import confidence_map, fit_silences
    from pipeline.eval.readings import calibration, load_reading, silence_examples

    paths = [Path(p).resolve() for p in [*args.readings, *args.test]]
    if len(set(paths)) < len(paths):
        raise UserError("a labels file is given twice (to fit on and to test are exclusive)")
    try:
        fitting = [load_reading(Path(p)) for p in args.readings]
        testing = [load_reading(Path(p)) for p in args.test]
        shipped = confidence_map()
    except (DatasetError, ModelError) as err:
        raise UserError(str(err)) from None
    names = [r.name for r in [*fitting, *testing]]
    if len(set(names)) < len(names):
        raise UserError(f"two readings share a name: {sorted(n for n in set(names) if names.count(n) > 1)}")
    examples = silence_examples(fitting)
    silences = fit_silences(examples)
    for kind in sorted({k for k, _ in examples}):
        rights = [r for k, r in examples if k == kind]
        rate = f"{silences[kind]:.3f}" if kind in silences else "too few to fit"
        print(f"  {kind}: {sum(rights)} of {len(rights)} right -> {rate}")
    # Each fitting reading scored with rates fitted on the others; test readings with all of them.
    scored = [
        (r, fit_silences(silence_examples([o for o in fitting if o is not r])), "held out")
        for r in fitting
        if len(fitting) > 1
    ] + [(r, silences, "test") for r in testing]
    report = {}
    for reading, rates, role in scored:
        result = calibration(reading, rates)
        report[reading.name] = dict(result, role=role)
        single = result["per_verdict"].get("single_source")
        line = (
            f"{reading.name} ({role}): {result['verdicts']} verdicts  expected calibration error "
            f"{result['ece_shipped']:.3f} shipped -> {result['ece']:.3f}"
        )
        if single:
            line += (
                f"; single_source right {single['right']:.2f}, mean confidence "
                f"{single['confidence_shipped']:.2f} -> {single['confidence']:.2f}"
            )
        print(line)
    if args.out:
        if not silences:
            raise UserError("no kind of silence has enough examples to fit: nothing written")
        fitted_on = {
            "readings": {r.name: len(r.verdicts) for r in fitting},
            "examples": {k: sum(1 for e, _ in examples if e == k) for k in sorted({k for k, _ in examples})},
            "scored": report,
        }
        maps = replace(shipped, silences=silences, silences_fitted_on=fitted_on)
        _write(Path(args.out), json.dumps(maps.to_json(), indent=1) + "\n")
        print(f"confidence maps with silence rates: {args.out}")
    return EXIT_OK


def _write(path: Path, text: str) -> None:
    from pipeline.files import write_atomic

    try:
        write_atomic(path, text)
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from None
