"""Progress events from flow tasks to whoever listens (the CLI prints them)."""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[[str, int, int], None]
_listeners: list[Listener] = []
_counts: dict[str, int] = {}
_lock = threading.Lock()


def listen(listener: Listener) -> None:
    _listeners.append(listener)


def reset() -> None:
    with _lock:
        _counts.clear()


def advance(stage: str, total: int) -> None:
    """One more unit of `stage` is done, out of `total`."""
    with _lock:
        _counts[stage] = done = _counts.get(stage, 0) + 1
    for listener in list(_listeners):
        listener(stage, done, total)
