"""Files a run writes: atomically (temp file + rename), and one run per output folder (an flock)."""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import OutputLockedError


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same directory and rename, so readers never see a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def output_lock(out_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold out_dir for one run: a second run waits up to `wait` seconds, then refuses, instead of
    interleaving its writes.

    The lock is an flock, so it is released even when the holder is killed; temp files that a
    killed run left behind are removed once the lock is held."""
    out_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    with (out_dir / ".lock").open("a+") as fh:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise OutputLockedError(
                        f"{out_dir} is in use by another factcheck run ({holder})"
                    ) from None
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        for stale in out_dir.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, ValueError):
        return False
