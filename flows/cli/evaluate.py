"""`factcheck eval`: the cross-check stage on labelled data, or a run's verdicts against a gold file."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from flows.cli.common import EXIT_OK, UserError, model_source, settings_from
from pipeline import eval as evaluation
from pipeline.errors import DatasetError, ModelError


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ev = sub.add_parser("eval", help="measure the cross-check stage on labelled data")
    ev.add_argument("dataset", choices=["fnc1", "climate-fever", "emergent", "seeds", "events", "fakes"])
    ev.add_argument(
        "path",
        help="the dataset's folder (e.g. ../shared/eval/fnc1); for seeds, the output folder of a run; "
        "for events, a JSONL file of articles with an event_id each; for fakes, fakes.csv or its folder",
    )
    ev.add_argument("--gold", default="gold/seeds.json", help="seeds: the gold file")
    ev.add_argument("--model", default=None)
    ev.add_argument("--sample", type=int, default=None, help="stratified sample of N pairs (fakes: N events)")
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--json", default=None, help="write the metrics to this file")
    ev.add_argument(
        "--out", default=None, help="fakes: keep each event's run here (re-used by the next call)"
    )
    ev.set_defaults(func=cmd_eval)

    fit = sub.add_parser(
        "fit-confidence",
        help="fit the stance confidence maps on labelled pairs; prints calibration on held-out claims",
    )
    fit.add_argument(
        "--data",
        action="append",
        required=True,
        metavar="NAME=PATH",
        help="a labelled dataset, e.g. emergent=../shared/eval/emergent (repeatable: fnc1, climate-fever, "
        "emergent)",
    )
    fit.add_argument("--sample", type=int, default=None, help="stratified sample of N pairs per dataset")
    fit.add_argument("--seed", type=int, default=0)
    fit.add_argument("--model", default=None)
    fit.add_argument("--out", default=None, help="write the maps here (pipeline/check/confidence.json ships)")
    fit.set_defaults(func=cmd_fit_confidence)


def cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.check import calibration_probe
    from pipeline.prompts import prompt_versions

    if args.dataset == "seeds":
        try:
            gold = evaluation.check_gold(Path(args.path), Path(args.gold))
        except (DatasetError, KeyError) as err:
            raise UserError(f"cannot check {args.path} against {args.gold}: {err}") from None
        print(evaluation.render_gold(gold))
        _write(args.json, gold)
        return EXIT_OK
    if args.dataset == "events":
        return _events(args)
    if args.dataset == "fakes":
        return _fakes(args)
    loader = evaluation.DATASETS[args.dataset][0]
    try:
        pairs = evaluation.stratified_sample(loader(Path(args.path)), args.sample, args.seed)
    except (DatasetError, OSError, KeyError, ValueError) as err:
        raise UserError(f"cannot read {args.dataset} from {args.path}: {err}") from None
    settings = settings_from(args)
    source = model_source(args, settings)
    chat = source.chat()
    prior = calibration_probe(chat, settings)
    predictions, seconds = evaluation.run_eval(args.dataset, pairs, chat, settings, prior)
    result = evaluation.metrics(args.dataset, pairs, predictions)
    result.update(
        dataset=args.dataset,
        model=source.file.name,
        model_sha256=source.file.sha256,
        prompts=prompt_versions(),
        sample=args.sample,
        seed=args.seed,
        seconds=round(seconds, 2),
        seconds_per_pair=round(seconds / max(1, len(pairs)), 4),
    )
    per_pair = result["seconds_per_pair"]
    print(f"{args.dataset} · model {source.file.name} · {len(pairs)} pairs · {per_pair:.3f} s/pair")
    print(evaluation.render_table(result))
    _write(args.json, result)
    return EXIT_OK


def _events(args: argparse.Namespace) -> int:
    from pipeline.embeddings import embedder
    from pipeline.errors import ModelError
    from pipeline.eval.events import evaluate_events

    settings = settings_from(args)
    try:
        result = evaluate_events(Path(args.path), embedder(), settings)
    except (DatasetError, ModelError) as err:
        raise UserError(f"cannot group {args.path}: {err}") from None
    print(
        f"events · {result['documents']} documents · {result['gold_events']} gold events · "
        f"{result['events']} found · {result['seconds']:.1f} s"
    )
    print(
        f"B-cubed precision {result['bcubed_precision']:.3f}  recall {result['bcubed_recall']:.3f}  "
        f"F1 {result['bcubed_f1']:.3f}"
    )
    print(
        f"pairwise precision {result['pairwise_precision']:.3f}  recall {result['pairwise_recall']:.3f}  "
        f"F1 {result['pairwise_f1']:.3f}"
    )
    _write(args.json, result)
    return EXIT_OK


def _fakes(args: argparse.Namespace) -> int:
    from flows.tolls import choose_groups, evaluate_fakes

    if args.sample is not None and args.sample < 1:
        raise UserError("--sample must be at least 1")
    try:
        groups = choose_groups(Path(args.path), args.sample, args.seed)
    except ValueError as err:
        raise UserError(str(err)) from None
    source = model_source(args, settings_from(args))
    out = Path(args.out) if args.out else None
    result = evaluate_fakes(groups, source, out, say=lambda line: print(line, file=sys.stderr, flush=True))
    result.update(model=source.file.name, sample=args.sample, seed=args.seed)

    def share(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0%}"

    print(
        f"fakes · {result['groups']} events told by several outlets · model {source.file.name}\n"
        f"tolls differ in {result['groups_disagreeing']}: a conflict reported in "
        f"{share(result['disagreement_reported'])}, with both labelled figures in "
        f"{share(result['disagreement_reported_with_both_figures'])}\n"
        f"tolls agree in {result['groups_agreeing']}: a conflict reported anyway in "
        f"{share(result['false_conflict'])}"
    )
    _write(args.json, result)
    return EXIT_OK


def _write(path: str | None, data: object) -> None:
    if path:
        Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def cmd_fit_confidence(args: argparse.Namespace) -> int:
    from pipeline.check import ConfidenceMap, calibration_probe, confidence_map
    from pipeline.eval.confidence import Scored, fit_maps, held_out_calibration

    settings = settings_from(args)
    try:
        # Read before the long fit: its silence rates are kept in what it writes.
        shipped = confidence_map()
    except ModelError as err:
        raise UserError(str(err)) from None
    wanted = []
    for item in args.data:
        name, _, path = item.partition("=")
        if name not in evaluation.DATASETS or not path:
            raise UserError(
                f"--data {item}: expected NAME=PATH, NAME one of {', '.join(evaluation.DATASETS)}"
            )
        try:
            pairs = evaluation.stratified_sample(
                evaluation.DATASETS[name][0](Path(path)), args.sample, args.seed
            )
        except (DatasetError, OSError, KeyError, ValueError) as err:
            raise UserError(f"cannot read {name} from {path}: {err}") from None
        wanted.append((name, pairs))
    source = model_source(args, settings)
    chat = source.chat()
    prior = calibration_probe(chat, settings)
    raw = ConfidenceMap({}, {})  # the pipeline's own scores, unmapped
    items = []
    for name, pairs in wanted:
        predictions, _ = evaluation.run_eval(name, pairs, chat, settings, prior, raw)
        mapping = evaluation.DATASETS[name][1]
        items += [
            Scored(name, pair.claim, p.method, p.score, p.stance == mapping[pair.gold])
            for pair, p in zip(pairs, predictions, strict=True)
        ]
        print(f"{name}: {len(pairs)} pairs checked", flush=True)
    report = held_out_calibration(items)
    for name, score in report.items():
        print(
            f"{name} held out: {score['pairs']} pairs  expected calibration error "
            f"{score['ece_raw']:.3f} raw -> {score['ece']:.3f} mapped"
        )
    from pipeline.encoder import encoder

    # The encoder's cosine is the `meaning` stances' score: a new encoder needs a new map.
    sentence_encoder = encoder().info
    fitted_on = {
        "model": source.file.name,
        "model_sha256": source.file.sha256,
        "encoder": sentence_encoder.name,
        "encoder_sha256": sentence_encoder.sha256,
        "data": {name: len(pairs) for name, pairs in wanted},
        "sample": args.sample,
        "seed": args.seed,
        "held_out": report,
    }
    # The silence rates come from readings of whole runs (`factcheck fit-silence`): kept as shipped.
    maps = replace(
        fit_maps(items, fitted_on), silences=shipped.silences, silences_fitted_on=shipped.silences_fitted_on
    )
    for method, (slope, intercept) in sorted(maps.maps.items()):
        print(f"  {method}: P(right) = sigmoid({slope:.3f} * logit(score) + {intercept:.3f})")
    if args.out:
        Path(args.out).write_text(json.dumps(maps.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"confidence maps: {args.out}")
    return EXIT_OK
