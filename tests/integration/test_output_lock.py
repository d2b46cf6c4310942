"""One run per output folder: a second process is refused, and a killed run's temp files are cleared."""

from __future__ import annotations

from pathlib import Path


def test_output_lock_refuses_a_second_run_and_clears_stale_temp_files(tmp_path: Path) -> None:
    import multiprocessing

    from pipeline.files import output_lock

    stale = tmp_path / "verdicts" / ".abc.json.x1y2.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_text("partial")
    with output_lock(tmp_path):
        assert not stale.exists()
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(1) as pool:
            message = pool.apply(_try_lock, (str(tmp_path),))
        assert message.startswith(f"{tmp_path} is in use by another factcheck run (pid ")
    with output_lock(tmp_path):  # released afterwards
        assert (tmp_path / ".lock").read_text().startswith("pid ")


def _try_lock(path: str) -> str:
    from pipeline.errors import OutputLockedError
    from pipeline.files import output_lock

    try:
        with output_lock(Path(path)):
            return "acquired"
    except OutputLockedError as err:
        return str(err)
