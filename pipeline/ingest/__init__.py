"""Ingest: files, folders, saved article pages, RSS/Atom feeds and CSV/JSONL corpora become Documents
with sentence offsets; bad inputs become Rejections with a reason. Add an input format in `files.py`
(by suffix)."""

from pipeline.ingest.document import decode, make_document, read_text
from pipeline.ingest.feeds import read_feed
from pipeline.ingest.files import SUPPORTED_SUFFIXES, IngestResult, ingest
from pipeline.ingest.html import Page, html_to_text, read_page
from pipeline.ingest.injection import addressed_to_a_model
from pipeline.ingest.sentences import split_sentences

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "Page",
    "addressed_to_a_model",
    "decode",
    "html_to_text",
    "ingest",
    "make_document",
    "read_feed",
    "read_page",
    "read_text",
    "split_sentences",
]
