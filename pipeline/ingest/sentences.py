"""Sentence splitting with character offsets into the text as read."""

from __future__ import annotations

import re

from pipeline.records import Span

# Tokens that end in a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        # titles before a name ("North Carolina Rep. Bob Etheridge", "Sen. John McCain")
        "rep",
        "reps",
        "sen",
        "sens",
        "gov",
        "pres",
        "rev",
        "hon",
        "atty",
        "supt",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "approx",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
# A boundary: sentence punctuation, optional closing quotes/brackets, then either whitespace
# or (for run-together text such as "aircraft.Earlier") directly a capitalised word.
_BOUNDARY = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?:\s+|(?=[A-Z][a-z]))"
    # run-together lower-case text ("the ground.back in 2016"), but not web addresses
    r"|(?<=[a-z]{3}\.)(?=[a-z]+\b)(?!(?:com|org|net|gov|edu|int|info|co|uk|ru|io|html?)\b)"
)
_MAX_SENTENCE = 600


def split_sentences(text: str, start: int = 0) -> list[Span]:
    """Split text[start:] into sentences; lines are always boundaries, so tokenised text splits too."""
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text[start:]):
        line_start = start + line.start()
        for s, e in _split_line(line.group()):
            spans.extend(_trimmed(text, line_start + s, line_start + e))
    return spans


def _split_line(line: str) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    begin = 0
    for m in _BOUNDARY.finditer(line):
        cut = m.end()
        if m.end() == m.start():  # a run-together boundary: the period is just before it
            if _is_abbreviation(line, m.start() - 1):
                continue
            parts.append((begin, cut))
            begin = cut
            continue
        if _is_abbreviation(line, m.start()) or cut >= len(line):
            continue
        nxt = line[cut : cut + 1]
        # Lowercase continuation after whitespace is not a new sentence in normal prose,
        # but tokenised all-lowercase text (" .") still splits.
        if nxt.islower() and line[m.start() - 1 : m.start()] != " ":
            continue
        parts.append((begin, cut))
        begin = cut
    parts.append((begin, len(line)))
    return parts


def _is_abbreviation(line: str, dot: int) -> bool:
    # A short window: abbreviations are short, and searching the whole line before every period is
    # quadratic (a 20 MB article with no line breaks took minutes).
    word = re.search(r"[\w.]+$", line[max(0, dot - 40) : dot])
    if word is None:
        return False
    token = word.group().lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trimmed(text: str, s: int, e: int) -> list[Span]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        return []
    if e - s <= _MAX_SENTENCE:
        return [Span(text=text[s:e], start=s, end=e)]
    # Very long runs without punctuation are cut at spaces so every passage fits a prompt.
    out: list[Span] = []
    while e - s > _MAX_SENTENCE:
        cut = text.rfind(" ", s, s + _MAX_SENTENCE)
        cut = cut if cut > s else s + _MAX_SENTENCE
        out.extend(_trimmed(text, s, cut))
        s = cut
    out.extend(_trimmed(text, s, e))
    return out
