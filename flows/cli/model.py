"""`factcheck model` (prepare or inspect the local model) and `factcheck schemas` (the JSON Schemas)."""

from __future__ import annotations

import argparse

from flows.cli.common import EXIT_OK, UserError, model_source, settings_from


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    model = sub.add_parser("model", help="prepare or inspect the local model")
    model.add_argument(
        "action",
        choices=["prepare", "info", "list"],
        help="prepare: assemble and verify the model file; info: show it; list: known models",
    )
    model.add_argument("--model", default=None)
    model.set_defaults(func=cmd_model)

    schemas = sub.add_parser("schemas", help="write or check the JSON Schema files in schemas/")
    schemas.add_argument("--check", action="store_true", help="fail if the files are out of date")
    schemas.set_defaults(func=cmd_schemas)


def cmd_model(args: argparse.Namespace) -> int:
    from pipeline.llm import KNOWN_MODELS

    if args.action == "list":
        for known in KNOWN_MODELS.values():
            print(f"{known.name:14} {known.description}")
        return EXIT_OK
    file = model_source(args, settings_from(args), load=False).file
    print(f"{file.name}: {file.path} sha256 {file.sha256} ({file.prompt_style} prompts)")
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
