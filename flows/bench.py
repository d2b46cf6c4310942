"""`factcheck bench`: the pipeline's speed next to llama.cpp's own, in one process on one model.

Order matters: the model is loaded once and measured raw first; a no-op flow then starts Prefect so
that its start-up is reported apart; the corpus is run cold into an empty output folder, then again
unchanged (warm); last come the FA-KES slices, each cold in a folder of its own."""

from __future__ import annotations

import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect import flow

from pipeline.eval import event_groups, read_fakes, take_documents, write_slice
from pipeline.extract import render_extract, select_sentences
from pipeline.ingest import ingest
from pipeline.llm import LlamaChatModel, ModelSource
from pipeline.llm.speed import constrained_speed, raw_speed
from pipeline.records import ExtractedClaim, RunManifest
from pipeline.schemas import schema_for


@dataclass
class BenchOptions:
    paths: list[Path]
    scale: list[int]
    fakes: Path
    work: Path | None = None  # keep outputs here; a temporary folder otherwise


@flow(name="factcheck-bench-startup", log_prints=False, persist_result=False)
def _startup() -> None:
    """Nothing: running it starts Prefect (the ephemeral API server), which is then reused."""


def run_bench(
    options: BenchOptions, source: ModelSource, load_s: float, say: Callable[[str], None]
) -> dict[str, Any]:
    """The measurements, with the model already loaded (in `load_s` seconds) by the caller."""
    from flows.factcheck_flow import factcheck

    work = options.work or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    try:
        settings, chat = source.settings, source.chat()
        if not isinstance(chat, LlamaChatModel):
            raise ValueError("bench measures llama.cpp: it needs a GGUF model")

        docs = ingest(options.paths).documents
        sample = [render_extract(d, s) for d in docs for s in select_sentences(d, settings, 8)][:8]
        if not sample:
            raise ValueError("no sentence to fact-check in " + ", ".join(map(str, options.paths)))
        groups: list[list[dict[str, str]]] = []
        if options.scale and options.fakes.is_file():
            groups = event_groups(read_fakes(options.fakes))
            take_documents(groups, max(options.scale))  # too large a slice fails now, not at the end
        with chat.locked() as llm:
            raw = raw_speed(llm, " ".join(d.text for d in docs))
        grammar = constrained_speed(chat, sample, schema_for(ExtractedClaim), settings.extract_max_tokens)
        say(
            f"llama.cpp: prompt {raw.prompt_tok_s:.0f} tok/s, free decode {raw.decode_tok_s:.1f} tok/s; "
            f"JSON-grammar decode {grammar.constrained_tok_s:.1f} tok/s "
            f"({grammar.constrained_tok_s / grammar.free_tok_s:.0%} of free decode on the same prompts)"
        )

        started = time.perf_counter()
        _startup()
        prefect_s = time.perf_counter() - started
        run = factcheck.with_options(name="factcheck-bench")

        def timed(paths: list[Path], out: Path) -> tuple[float, RunManifest]:
            began = time.perf_counter()
            manifest = run(
                paths=[str(p) for p in paths],
                out_dir=str(out),
                model=source,
            )
            return time.perf_counter() - began, manifest

        seeds_out = work / "corpus"
        shutil.rmtree(seeds_out, ignore_errors=True)
        cold_s, cold = timed(options.paths, seeds_out)
        say(
            f"cold run: {cold_s:.1f} s for {cold.counts['documents']} documents, "
            f"{cold.counts['claims']} claims"
        )
        warm_s, warm = timed(options.paths, seeds_out)
        say(
            f"warm run (unchanged input): {warm_s:.1f} s, "
            f"{warm.model_stats.get('model_calls', 0):.0f} model calls"
        )
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        scale: list[dict[str, float]] = []
        if groups:
            for n in options.scale:
                folder = work / f"fakes-{n}"
                shutil.rmtree(folder, ignore_errors=True)
                csv_path = write_slice(take_documents(groups, n), folder / "slice.csv")
                seconds, manifest = timed([csv_path], folder / "out")
                scale.append(
                    {
                        "documents": manifest.counts["documents"],
                        "seconds": round(seconds, 2),
                        "seconds_per_document": round(seconds / max(1, manifest.counts["documents"]), 2),
                        "claims": manifest.counts["claims"],
                        "model_calls": manifest.model_stats.get("model_calls", 0),
                        "calls_crosscheck": manifest.model_stats.get("calls_crosscheck", 0),
                        "extract_seconds": round(manifest.timings.get("extract", 0.0), 2),
                        "crosscheck_seconds": round(manifest.timings.get("crosscheck", 0.0), 2),
                    }
                )
                say(f"scale: {n} FA-KES documents in {seconds:.1f} s")
        elif options.scale:
            say(f"scale series skipped: {options.fakes} not found")
    finally:
        if options.work is None:
            shutil.rmtree(work, ignore_errors=True)

    stats = cold.model_stats
    busy = float(stats.get("busy_seconds", 0.0))
    prompt_tokens = float(stats.get("prompt_tokens", 0))
    return {
        "model": source.file.name,
        "threads": chat.llm.n_threads,
        "documents": cold.counts["documents"],
        "claims": cold.counts["claims"],
        "raw_prompt_tok_s": round(raw.prompt_tok_s, 1),
        "raw_decode_tok_s": round(raw.decode_tok_s, 1),
        "constrained_decode_tok_s": round(grammar.constrained_tok_s, 1),
        "free_decode_same_prompts_tok_s": round(grammar.free_tok_s, 1),
        "constrained_vs_free": round(grammar.constrained_tok_s / grammar.free_tok_s, 3),
        "grammar_full_masks": grammar.full_masks,
        "grammar_sample_tokens": grammar.tokens,
        "model_load_seconds": round(load_s, 2),
        "prefect_startup_seconds": round(prefect_s, 2),
        "startup_seconds": round(load_s + prefect_s, 2),
        "cold_seconds": round(cold_s, 2),
        "extract_seconds": round(cold.timings.get("extract", 0.0), 2),
        "crosscheck_seconds": round(cold.timings.get("crosscheck", 0.0), 2),
        "model_busy_seconds": round(busy, 2),
        "model_busy_fraction": round(busy / cold_s, 3),
        "other_seconds": round(cold_s - busy, 2),
        "extract_generated_tok_s": round(
            float(stats.get("generated_tokens", 0)) / max(1e-9, cold.timings.get("extract", 0.0)), 1
        ),
        "warm_seconds": round(warm_s, 2),
        "warm_model_calls": warm.model_stats.get("model_calls", 0),
        "model_calls": stats.get("model_calls", 0),
        "calls_extract": stats.get("calls_extract", 0),
        "calls_crosscheck": stats.get("calls_crosscheck", 0),
        "prompt_tokens": prompt_tokens,
        "cached_prompt_tokens": stats.get("cached_prompt_tokens", 0),
        "cached_prompt_fraction": round(
            float(stats.get("cached_prompt_tokens", 0)) / max(1.0, prompt_tokens), 3
        ),
        "generated_tokens": stats.get("generated_tokens", 0),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "scale": scale,
    }


def table(r: dict[str, Any]) -> str:
    """The result as the human-readable table the command prints."""
    lines = [
        f"llama.cpp on this machine ({r['model']}, {r['threads']} threads, same process)",
        f"  prompt processing           {r['raw_prompt_tok_s']:8.1f} tok/s",
        f"  free decode (1 sequence)    {r['raw_decode_tok_s']:8.1f} tok/s",
        f"  JSON-grammar decode         {r['constrained_decode_tok_s']:8.1f} tok/s  "
        f"= {r['constrained_vs_free']:.0%} of free decode on the same prompts "
        f"({r['free_decode_same_prompts_tok_s']:.1f})",
        f"pipeline on the corpus ({r['documents']} documents, {r['claims']} claims)",
        f"  start-up                    {r['startup_seconds']:8.1f} s  "
        f"(model load {r['model_load_seconds']:.1f}, Prefect {r['prefect_startup_seconds']:.1f})",
        f"  cold run                    {r['cold_seconds']:8.1f} s  "
        f"(model busy {r['model_busy_seconds']:.1f} s = {r['model_busy_fraction']:.0%}, "
        f"other {r['other_seconds']:.1f} s)",
        f"    extract / cross-check     {r['extract_seconds']:8.1f} / {r['crosscheck_seconds']:.1f} s",
        f"  warm run (unchanged input)  {r['warm_seconds']:8.1f} s  "
        f"({r['warm_model_calls']:.0f} model calls)",
        f"  model calls                 {r['model_calls']:8.0f}    "
        f"(extract {r['calls_extract']:.0f}, cross-check {r['calls_crosscheck']:.0f})",
        f"  prompt tokens               {r['prompt_tokens']:8.0f}    "
        f"({r['cached_prompt_tokens']:.0f} = {r['cached_prompt_fraction']:.0%} from the KV cache)",
        f"  generated tokens            {r['generated_tokens']:8.0f}    "
        f"({r['extract_generated_tok_s']:.1f} tok/s over the extract stage, batched)",
        f"  peak RSS                    {r['peak_rss_mb']:8.0f} MB",
    ]
    if r["scale"]:
        lines.append("scale: FA-KES two-source events, each slice cold")
        lines.append("  documents  seconds  s/doc  claims  model calls  cross-check calls")
        for row in r["scale"]:
            lines.append(
                f"  {row['documents']:9d}  {row['seconds']:7.1f}  {row['seconds_per_document']:5.2f}  "
                f"{row['claims']:6d}  {row['model_calls']:11.0f}  {row['calls_crosscheck']:17.0f}"
            )
    return "\n".join(lines)
