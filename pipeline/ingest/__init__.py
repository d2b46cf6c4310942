"""Ingest: files, folders, HTML pages and CSV/JSONL corpora become Documents with sentence offsets;
bad inputs become Rejections with a reason. Add an input format in `files.py` (by suffix)."""

from pipeline.ingest.document import decode, make_document, read_text
from pipeline.ingest.files import SUPPORTED_SUFFIXES, IngestResult, ingest
from pipeline.ingest.html import html_to_text
from pipeline.ingest.injection import addressed_to_a_model
from pipeline.ingest.sentences import split_sentences

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestResult",
    "addressed_to_a_model",
    "decode",
    "html_to_text",
    "ingest",
    "make_document",
    "read_text",
    "split_sentences",
]
