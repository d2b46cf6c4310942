"""Local-first multi-source fact-check pipeline (library: no Prefect imports)."""

__version__ = "0.1.0"
