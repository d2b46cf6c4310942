"""The flow's steps over many items. What the result cache already holds is re-used; the rest becomes
tasks, and each result is saved the moment its task finishes, so that a run killed later re-uses it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import unmapped

from flows import progress
from flows.tasks import Stats, calibrate_task, extract_task, judge_task, model_stats, stats_delta
from pipeline.check import Probabilities, SentenceIndex, screen, settle, unjudged
from pipeline.encoder import encoder
from pipeline.events import Event
from pipeline.llm import ModelSource
from pipeline.output import provenance
from pipeline.records import Claim, Document, ExtractionResult, ModelInfo, SourceStance, StanceLabel, Verdict
from pipeline.settings import Settings
from pipeline.store import ResultStore
from pipeline.verdict import CorpusInfo, build_verdicts, near_duplicates, unverified

T = TypeVar("T")


def in_process() -> bool:
    """Whether tasks run in this process (threads), so the model's own counters see every call."""
    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)


@dataclass
class Meter:
    """Model calls and tokens of a run: the model's own counters when tasks run in this process,
    otherwise the sum of what each task reported."""

    chat: Any = None
    before: Stats = field(default_factory=dict)
    tasks: list[Stats] = field(default_factory=list)

    @classmethod
    def start(cls, source: ModelSource) -> Meter:
        chat = source.chat() if in_process() else None
        return cls(chat, model_stats(chat))

    def add(self, stats: Stats) -> None:
        self.tasks.append(stats)

    def total(self) -> Stats:
        if self.chat is not None:
            return stats_delta(model_stats(self.chat), self.before)
        summed: Stats = {}
        for stats in self.tasks:
            for key, value in stats.items():
                summed[key] = round(summed.get(key, 0) + value, 3)
        return summed


def extract_documents(
    docs: list[Document], store: ResultStore, source: ModelSource, settings: Settings, meter: Meter
) -> tuple[dict[str, ExtractionResult], int]:
    """Every document's claims (cached or extracted now) and how many documents went to the model."""
    extractions = {d.doc_id: r for d in docs if (r := store.extraction(d.doc_id)) is not None}
    todo = [d for d in docs if d.doc_id not in extractions]
    futures = extract_task.map(todo, unmapped(source), unmapped(settings))
    for doc, future in _as_completed(todo, list(futures)):
        error = _failure(future)
        if error is None:
            result, stats = future.result()
            store.save_extraction(result)
            meter.add(stats)
        else:
            result = ExtractionResult(doc_id=doc.doc_id, error=f"extraction crashed: {error}")
        extractions[doc.doc_id] = result
        progress.advance("extract", len(todo))
    return extractions, len(todo)


@dataclass
class Checked:
    """The cross-check of a run's claims: stances per claim, and the claims whose task crashed."""

    stances: dict[str, list[SourceStance]]
    crashed: dict[str, str]
    rechecked: int
    judged_events: set[str] = field(default_factory=set)


def check_claims(
    claims: list[Claim],
    docs: list[Document],
    events: list[Event],
    store: ResultStore,
    source: ModelSource,
    settings: Settings,
    meter: Meter,
) -> Checked:
    """Every claim against the other documents of its event: screened here, judged by the model where
    the judgments on file do not cover it. A sentence the model gave no restatement for is checked as
    itself: the check reads the sentence, not the restatement, and an article's sentence is no less
    checkable because the model looped on it."""
    event_of = {doc_id: e.event_id for e in events for doc_id in e.doc_ids}
    indexes: dict[str, list[SentenceIndex]] = {}
    for doc in docs:  # in corpus order, as stances are listed
        indexes.setdefault(event_of[doc.doc_id], []).append(SentenceIndex(doc, settings))
    screenings = [screen(c, indexes[event_of[c.doc_id]], settings) for c in claims]
    memos = {c.claim_id: store.judgments(c.claim_id) for c in claims}
    pending = [s for s in screenings if unjudged(s, memos[s.claim.claim_id])]
    # The model's bias is measured only when some claim has passages for it to judge.
    judged = any(s.pairs() for s in screenings)
    prior = calibration(store, source, settings, meter) if judged else None
    futures = judge_task.map(
        pending, [memos[s.claim.claim_id] for s in pending], unmapped(source), unmapped(settings)
    )
    failures: dict[str, dict[str, str]] = {}
    crashed: dict[str, str] = {}
    for screening, future in _as_completed(pending, list(futures)):
        claim_id = screening.claim.claim_id
        error = _failure(future)
        if error is None:
            memos[claim_id], failures[claim_id], stats = future.result()
            store.save_judgments(claim_id, memos[claim_id])
            meter.add(stats)
        else:
            crashed[claim_id] = error
        progress.advance("cross-check", len(pending))
    stances = {
        s.claim.claim_id: settle(s, memos[s.claim.claim_id], prior, settings, failures.get(s.claim.claim_id))
        for s in screenings
        if s.claim.claim_id not in crashed
    }
    return Checked(stances, crashed, len(pending), {event_of[s.claim.doc_id] for s in pending})


def decide_verdicts(
    claims: list[Claim],
    checked: Checked,
    docs: list[Document],
    events: list[Event],
    out: Path,
    source: ModelSource,
    embedder: ModelInfo,
) -> tuple[list[Verdict], dict[str, str]]:
    """One verdict per claim cluster, unverified ones for claims whose cross-check task crashed; and
    which documents copy which (within an event)."""
    by_id = {d.doc_id: d for d in docs}
    event_of = {doc_id: e.event_id for e in events for doc_id in e.doc_ids}
    prov = provenance(source.file.info(), embedder, encoder().info)
    crashed = [
        (c, f"cross-check crashed: {checked.crashed[c.claim_id]}")
        for c in claims
        if c.claim_id in checked.crashed
    ]
    verdicts = [unverified(c, by_id[c.doc_id], event_of[c.doc_id], reason, prov) for c, reason in crashed]
    copy_of: dict[str, str] = {}
    for event in events:
        members = set(event.doc_ids)
        copy_of.update(near_duplicates([d for d in docs if d.doc_id in members], source.settings))
    existing = frozenset(p.stem for p in (out / "verdicts").glob("*.json"))
    # Only claims whose cross-check ran (those in `checked.stances`) get a verdict of their own.
    corpus = CorpusInfo(by_id, event_of, copy_of, existing, source.settings.max_claimer_words)
    verdicts += build_verdicts(claims, checked.stances, corpus, prov)
    return verdicts, copy_of


def calibration(
    store: ResultStore, source: ModelSource, settings: Settings, meter: Meter
) -> Probabilities | None:
    """The model's bias on a content-free pair: measured once per result scope, then read back."""
    stored = store.calibration()
    if stored is not None:
        return {StanceLabel(k): p for k, p in stored.items()}
    prior, stats = calibrate_task(source, settings)
    meter.add(stats)
    if prior is not None:
        store.save_calibration({label.value: p for label, p in prior.items()})
    return prior


def _as_completed(
    items: list[T], futures: list[PrefectFuture[Any]]
) -> Iterator[tuple[T, PrefectFuture[Any]]]:
    """Each item with its future as the futures finish: in submission order, a run killed late could
    lose results finished long before."""
    owner = {id(future): item for item, future in zip(items, futures, strict=True)}
    for future in as_completed(futures):
        yield owner[id(future)], future


def _failure(future: PrefectFuture[Any]) -> str | None:
    future.wait()
    state = future.state
    return None if state.is_completed() else (state.message or state.name or "task failed")
