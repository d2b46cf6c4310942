"""Grounding checks: every span the pipeline writes must equal the document text at its offsets."""

from __future__ import annotations

from pipeline.records import Span


def check_span(span: Span, text: str) -> bool:
    """True when the span's text equals the document text at its offsets."""
    return 0 <= span.start <= span.end <= len(text) and text[span.start : span.end] == span.text
