"""Settings in one place; every field can be overridden by an environment variable FACTCHECK_<NAME>."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path


def _default_model_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck" / "models"


# What may decide that a passage states a claim (`stance_judge`).
STANCE_JUDGES = ("encoder", "model")


@dataclass(frozen=True)
class Settings:
    model: str = field(default="gemma3-270m", metadata={"help": "Known model name or path to a .gguf."})
    model_dir: Path = field(
        default_factory=_default_model_dir,
        metadata={"help": "Where packaged models are assembled on disk."},
    )
    prompt_style: str = field(
        default="auto", metadata={"help": "raw (base models), chat (instruct models) or auto."}
    )
    n_ctx: int = field(default=4096, metadata={"help": "llama.cpp context window in tokens."})
    n_threads: int = field(default=0, metadata={"help": "CPU threads for llama.cpp; 0 = all cores."})
    max_claims: int = field(
        default=40,
        metadata={"help": "Most sentences of one document sent to the model for claims."},
    )
    parallel: int = field(
        default=16,
        metadata={"help": "Extraction prompts decoded together as llama.cpp sequences; 1 = one by one."},
    )
    extract_max_tokens: int = field(default=200, metadata={"help": "Token limit of one extraction."})
    attempts: int = field(default=2, metadata={"help": "Tries per model call before giving up."})
    top_k: int = field(default=2, metadata={"help": "Passages of another source judged per claim."})
    retrieve_k: int = field(
        default=3, metadata={"help": "Best passages of another source whose words decide relevance."}
    )
    min_similarity: float = field(
        default=0.5,
        metadata={
            "help": "Cosine (sentence embeddings) at which a sentence makes its source about the claim "
            "(99 % of FNC-1 unrelated bodies have no sentence above 0.43)."
        },
    )
    min_coverage: float = field(
        default=0.25,
        metadata={"help": "Share of a claim's content words the best passages must contain together."},
    )
    min_passage: float = field(
        default=0.3,
        metadata={"help": "Weighted share of a claim's words one passage must state to be judged."},
    )
    min_account: float = field(
        default=0.5,
        metadata={
            "help": "Weighted share of one party's version, as a source sets it against another's, "
            "that a claim must state to be contested by the other party there."
        },
    )
    stance_judge: str = field(
        default="encoder",
        metadata={
            "help": "What decides that a passage states the claim: encoder (the sentence encoder's "
            "cosine) or model (the LLM's judgment of each passage; the embedded 270M model's "
            "judgments ranked right passages below wrong ones on the seeds, AUC 0.43)."
        },
    )
    min_meaning: float = field(
        default=0.7,
        metadata={
            "help": "Cosine (sentence encoder) at which a sentence says the claim in other words; "
            "5 % of Climate-FEVER's topical sentences that do not state their claim reach it."
        },
    )
    min_meaning_worded: float = field(
        default=0.6,
        metadata={
            "help": "Cosine (sentence encoder) at which a passage holding most of the claim's words "
            "states it (19 % of Climate-FEVER's topical non-stating sentences reach it)."
        },
    )
    min_topic_meaning: float = field(
        default=0.5,
        metadata={
            "help": "Cosine (sentence encoder) at which a sentence makes a headline or a body about a "
            "claim not from the event's articles, whatever words they share, and its words calling the "
            "story false aimed at it (of 1,500 FNC-1 unrelated headline/body pairs, 99 % have no "
            "sentence above 0.46, 99.5 % none above 0.51)."
        },
    )
    meaning_candidates: int = field(
        default=5,
        metadata={"help": "Sentences nearest the claim by topic that the sentence encoder also reads."},
    )
    min_word_similarity: float = field(
        default=0.6,
        metadata={
            "help": "Cosine (static word vectors) at which a passage's word states a claim word it "
            "lacks (aircraft/plane 0.73, troops/soldiers 0.66; Monday/Sunday 0.56)."
        },
    )
    denial_per_1000: float = field(
        default=2.0,
        metadata={"help": "Debunking words per 1000 words of a source's related text that contradict."},
    )
    hedge_per_1000: float = field(
        default=6.0,
        metadata={"help": "Hedging words per 1000 words that make a source only report a claim."},
    )
    min_stance_prob: float = field(
        default=0.5,
        metadata={"help": "Probability a supports/contradicts judgment needs to count."},
    )

    # ---- retrieval ----
    bm25_k1: float = field(
        default=1.2, metadata={"help": "BM25 term-frequency saturation (the usual value)."}
    )
    bm25_b: float = field(
        default=0.75, metadata={"help": "BM25 sentence-length normalisation (the usual value)."}
    )
    # ---- figures and cues ----
    min_shared_for_numbers: int = field(
        default=3, metadata={"help": "Content words two sentences share before their counts are compared."}
    )
    max_query_terms: int = field(
        default=15, metadata={"help": "Claim words that count fully towards a figure conflict's score."}
    )
    unit_words: int = field(
        default=4, metadata={"help": "Most content words after a number; the last one is what it counts."}
    )
    denial_min_shared: int = field(
        default=2,
        metadata={
            "help": "Claim words a sentence must share for its debunking words to count (words that "
            "only call a story false also count in the source's first three sentences and next to "
            "such a sentence)."
        },
    )
    denial_min_share: float = field(
        default=0.5,
        metadata={
            "help": "For a claim taken from another article: share of its words (the story's aside) "
            "a sentence must hold for its debunking words to count; an article calling one party's "
            "statements misleading does not deny every fact of the story (13 of 13 such stances on "
            "13 BASIL events held at most 38%, all false)."
        },
    )
    cue_certain: float = field(
        default=2.0, metadata={"help": "A cue this many times its threshold's density scores 1.0."}
    )
    # ---- copies of one story ----
    copy_jaccard: float = field(
        default=0.5, metadata={"help": "Shared word n-grams over all n-grams that make two texts copies."}
    )
    copy_shingle: int = field(
        default=5, metadata={"help": "Words per n-gram when comparing texts for copies."}
    )
    # ---- what the model's restatement may do ----
    min_claim_words: int = field(
        default=6, metadata={"help": "Shortest sentence (and restatement) in words that can carry a claim."}
    )
    min_known_share: float = field(
        default=0.75,
        metadata={
            "help": "Share of a restatement's words that its sentence (or, for a sentence with a "
            "pronoun, its article's title) must contain."
        },
    )
    min_own_share: float = field(
        default=0.5,
        metadata={
            "help": "Share of a restatement's words that its sentence itself must contain: the title "
            "may name what a pronoun stands for, not make the claim; names, dates and figures count as "
            "the sentence's (before they did, 11 of 325 BASIL restatements fell below, all the "
            "title's story in place of the sentence's)."
        },
    )
    max_new_words: int = field(
        default=0,
        metadata={
            "help": "Words of its own, none of the sentence's in other words, a restatement may add; "
            "more: the sentence is the claim."
        },
    )
    max_reordering: float = field(
        default=0.25,
        metadata={
            "help": "Share of word pairs a restatement may put in the other order (who did what to "
            "whom); more: the sentence is the claim."
        },
    )
    max_claimer_words: int = field(
        default=6, metadata={"help": "Longest claimer in words; a longer one is the model's invention."}
    )
    # ---- events ----
    event_join: float = field(
        default=0.25,
        metadata={
            "help": "Similarity to an event's documents (mean) at which a document joins it (chosen "
            "on BASIL and FA-KES, whole and in small random inboxes; see README, events)."
        },
    )
    event_days: float = field(
        default=3.0,
        metadata={"help": "Days of publication-date distance over which similarity decays (sigma)."},
    )
    event_meaning_weight: float = field(
        default=0.5,
        metadata={"help": "Share of embedding similarity (the rest: TF-IDF) in event similarity."},
    )
    event_idf_prior: int = field(
        default=30,
        metadata={
            "help": "Empty documents added to document frequencies, and zero vectors to the mean "
            "embedding taken out of every article's: small corpora keep their weights."
        },
    )
    event_lead_words: int = field(
        default=150, metadata={"help": "Words of an article's body (after its title) that represent it."}
    )
    event_max_documents: int = field(
        default=40, metadata={"help": "Largest event checked as one; a larger one is cut by date."}
    )
    # ---- runs ----
    lock_wait: float = field(
        default=600.0,
        metadata={"help": "Seconds a scheduled run waits for another run on its output."},
    )

    def __post_init__(self) -> None:
        if self.stance_judge not in STANCE_JUDGES:
            raise ValueError(
                f"stance_judge (FACTCHECK_STANCE_JUDGE) is {self.stance_judge!r}: "
                f"use {' or '.join(STANCE_JUDGES)}"
            )

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"FACTCHECK_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.type, raw, f.name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _coerce(kind: object, raw: str, name: str) -> object:
    kind = str(kind)
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "Path":
            return Path(raw).expanduser()
    except ValueError:
        raise ValueError(f"FACTCHECK_{name.upper()}={raw!r} is not a valid {kind}") from None
    return raw
