"""Malformed model output, run through the whole flow: each kind is caught and asked again a bounded
number of times. A sentence the model still fails on is checked as itself, its verdict saying why; a
failed cross-check is an `unverified` verdict that says why. No run crashes and every quote written is
the source text at its offsets."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pipeline.records import Document
from tests.checks import check_output
from tests.conftest import scripted_source
from tests.fakes import ScriptedChatModel

ATTEMPTS = 2  # Settings.attempts

EXTRACTION = {
    "invalid JSON": ("{claimer: the outlet", "invalid JSON"),
    "not an object": ("[]", "schema violation"),
    "a quote not in the text": (
        {"claimer": "the outlet", "claim": "A jet was downed.", "quote": "Russia shot down a jet."},
        "Additional properties are not allowed ('quote' was unexpected)",
    ),
    "offsets out of range": (
        {"claimer": "the outlet", "claim": "A jet was downed.", "start": 99999, "end": 100020},
        "Additional properties are not allowed",
    ),
    "cut at the token limit": (('{"claimer": "the out', "length"), "output cut at the token limit"),
    "a claimer too long": ({"claimer": "x" * 300, "claim": "A jet was downed."}, "is too long"),
}


def _corpus(tmp_path: Path, doc_a: Document, doc_b: Document) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(doc_a.text, encoding="utf-8")
    (folder / "b.txt").write_text(doc_b.text, encoding="utf-8")
    return folder


def _run(model: ScriptedChatModel, corpus: Path, out: Path) -> Any:
    from flows.factcheck_flow import factcheck

    return factcheck(paths=[str(corpus)], out_dir=str(out), model=scripted_source(model))


def _sentence(prompt: str) -> str:
    return prompt.rsplit("Sentence: ", 1)[1].strip()


@pytest.mark.parametrize("kind", sorted(EXTRACTION))
def test_malformed_extraction_is_retried_then_checked_as_the_sentence(
    kind: str, prefect_harness: None, tmp_path: Path, doc_a: Document, doc_b: Document
) -> None:
    bad, reason = EXTRACTION[kind]
    asked: Counter[str] = Counter()
    target = "The Syrian army said the pilot was missing after the crash."

    def reply(prompt: str) -> Any:
        sentence = _sentence(prompt)
        if sentence.startswith(target):  # a re-ask has the last reply and the error after it
            asked[target] += 1
            return bad
        return {"claimer": "the outlet", "claim": sentence}

    model = ScriptedChatModel().always(json_reply=reply, choice_reply="supports")
    out = tmp_path / "out"
    manifest = _run(model, _corpus(tmp_path, doc_a, doc_b), out)
    assert asked[target] == ATTEMPTS  # bounded: asked again once with the error, then given up
    run, verdicts = check_output(out)  # every span equals the document text at its offsets
    (failed,) = [v for v in verdicts if "claim extraction failed" in v["reason"]]
    assert failed["claim"] == target and failed["quote"]["text"] == target and failed["rewrite"] == "quote"
    assert reason in failed["reason"] and f"after {ATTEMPTS} attempts" in failed["reason"]
    # Checked all the same, against b.txt, which says nothing of the pilot.
    assert failed["verdict"] == "single_source" and failed["reason"].endswith("1 other source(s) mentions it")
    assert [s["stance"] for s in failed["stances"]] == ["not_mentioned"]
    entry = next(d for d in run["documents"] if d["path"].endswith("a.txt"))
    assert entry["status"] == "partial" and reason in entry["error"]
    # The two articles' reports of the shoot-down support each other: one verdict.
    assert manifest.counts["claims"] == len(verdicts) == 5


def test_an_empty_claim_falls_back_to_its_sentence(
    prefect_harness: None, tmp_path: Path, doc_a: Document, doc_b: Document
) -> None:
    model = ScriptedChatModel().always(
        json_reply={"claimer": "the outlet", "claim": " "}, choice_reply="supports"
    )
    out = tmp_path / "out"
    _run(model, _corpus(tmp_path, doc_a, doc_b), out)
    _, verdicts = check_output(out)
    assert len(verdicts) == 5
    for verdict in verdicts:  # schema-valid but empty: the claim is the sentence, quoted exactly
        assert verdict["claim"] == verdict["quote"]["text"] and verdict["rewrite"] == "quote"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"stance": "corroborated"}, "is not one of"),
        ({"stance": "supports", "evidence": "Russia shot down the jet."}, "Additional properties"),
        ("supports", "invalid JSON"),
        (('{"stance": "supp', "length"), "invalid JSON"),
    ],
)
def test_malformed_stance_is_retried_then_unverified(
    bad: Any,
    reason: str,
    prefect_harness: None,
    tmp_path: Path,
    doc_a: Document,
    doc_b: Document,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A model without label scores answers the cross-check in JSON (when it judges the passages,
    FACTCHECK_STANCE_JUDGE=model); a bad answer fails that check."""
    monkeypatch.setenv("FACTCHECK_STANCE_JUDGE", "model")
    judged: Counter[str] = Counter()

    def reply(prompt: str) -> Any:
        if "Sentence: " in prompt:
            return {"claimer": "the outlet", "claim": _sentence(prompt)}
        judged[prompt[: prompt.rindex("Answer:")]] += 1  # a re-ask adds the reply after "Answer:"
        return bad

    model = ScriptedChatModel(supports_grammar=False).always(json_reply=reply)
    out = tmp_path / "out"
    _run(model, _corpus(tmp_path, doc_a, doc_b), out)
    assert judged and set(judged.values()) == {ATTEMPTS}
    _, verdicts = check_output(out)
    failed = [v for v in verdicts if v["verdict"] == "unverified"]
    assert failed and all("the cross-check failed" in v["reason"] and reason in v["reason"] for v in failed)
    for verdict in failed:
        assert all(s["evidence"] is None for s in verdict["stances"] if s["method"] == "error")
    assert json.dumps(verdicts).count("Russia shot down") == 0
