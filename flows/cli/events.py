"""`factcheck events PATH...`: ingest and group into events only (no LLM), and print the events."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from flows.cli.common import EXIT_NOTHING, EXIT_OK, UserError, settings_from
from pipeline.errors import ModelError


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    events = sub.add_parser("events", help="group articles into events (no model call) and print them")
    events.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders (.txt .md .html .csv .jsonl)"
    )
    events.add_argument(
        "--json", default=None, metavar="FILE", help="also write events and documents to FILE"
    )
    events.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="keep the event ids of the runs in DIR (what it grouped before)",
    )
    events.set_defaults(func=cmd_events, model=None)


def cmd_events(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if len(missing) == len(args.paths):
        raise UserError("no input found: " + ", ".join(missing))
    settings = settings_from(args)
    from pipeline.embeddings import embedder
    from pipeline.events import group_documents, iso_day
    from pipeline.ingest import ingest
    from pipeline.store import ResultStore

    corpus = ingest(args.paths)
    known = ResultStore.events_of(Path(args.out)) if args.out else {}
    try:
        model = embedder()
    except ModelError as err:
        raise UserError(str(err)) from None
    events = group_documents(corpus.documents, model, settings, known)
    by_id = {d.doc_id: d for d in corpus.documents}
    for event in events:
        dates = " to ".join(dict.fromkeys(d for d in (event.first_date, event.last_date) if d)) or "undated"
        print(f"{event.event_id}  {dates}  {len(event.doc_ids)} document(s)  {event.label}")
        for doc_id in event.doc_ids:
            print(f"    {by_id[doc_id].path}")
    for rejection in corpus.rejected:
        print(f"rejected {rejection.path}: {rejection.reason}")
    if args.json:
        event_of = {doc_id: e.event_id for e in events for doc_id in e.doc_ids}
        data = {
            "events": [
                {
                    "event_id": e.event_id,
                    "label": e.label,
                    "doc_ids": list(e.doc_ids),
                    "first_date": e.first_date,
                    "last_date": e.last_date,
                }
                for e in events
            ],
            "documents": [
                {
                    "doc_id": d.doc_id,
                    "path": d.path,
                    "title": d.title,
                    "date": iso_day(d.date),
                    "source": d.source,
                    "url": d.url,
                    "event_id": event_of[d.doc_id],
                }
                for d in corpus.documents
            ],
            "rejected": [r.model_dump() for r in corpus.rejected],
        }
        Path(args.json).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return EXIT_OK if corpus.documents else EXIT_NOTHING
