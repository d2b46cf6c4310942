"""The allocator cap is applied where the C library is glibc and is harmless to repeat."""

from __future__ import annotations

import platform

from pipeline.memory import limit_malloc_arenas


def test_malloc_arenas_are_capped_on_glibc() -> None:
    glibc = platform.libc_ver()[0] == "glibc"
    assert limit_malloc_arenas() is glibc
    assert limit_malloc_arenas() is glibc
