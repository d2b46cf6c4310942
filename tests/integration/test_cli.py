"""User errors end with one clear line and exit status 2, before any model or Prefect start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_cli


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "/no/such/file.txt"], "factcheck: error: no input found: /no/such/file.txt"),
        (
            ["run", str(SEEDS), "--model", "/no/such/model.gguf"],
            "factcheck: error: model file not found: /no/such/model.gguf",
        ),
        (
            ["run", str(SEEDS), "--model", "gpt-9"],
            "factcheck: error: unknown model 'gpt-9': give one of",
        ),
    ],
)
def test_user_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = run_cli(*args, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_not_a_gguf(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"not a model")
    result = run_cli("run", str(SEEDS), "--model", str(fake), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stderr == f"factcheck: error: {fake} is not a GGUF file\n"


def test_output_dir_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("run", str(SEEDS), "--out", str(blocker / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"factcheck: error: output directory {blocker / 'out'} is not writable")


def test_schemas_are_current() -> None:
    assert run_cli("schemas", "--check").returncode == 0


def test_model_list() -> None:
    result = run_cli("model", "list")
    assert result.returncode == 0 and "gemma3-270m" in result.stdout and "smollm2-135m" in result.stdout


def test_makefile_builds_the_llama_cpp_version_the_project_pins() -> None:
    import re
    import tomllib

    pinned = next(
        d
        for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
        if d.startswith("llama-cpp-python")
    )
    makefile = (ROOT / "Makefile").read_text()
    assert f"LLAMA_CPP := {pinned}" in makefile
    version = pinned.split("==")[1]
    assert re.search(rf"llama_cpp_python-{re.escape(version)}-\*\.whl", makefile)


def test_bench_rejects_bad_options() -> None:
    proc = run_cli("bench", "no-such-folder")
    assert proc.returncode == 2 and proc.stderr.strip() == "factcheck: error: no such corpus: no-such-folder"
    proc = run_cli("bench", "seeds", "--scale", "4,x")
    assert proc.returncode == 2 and "--scale '4,x' is not a comma-separated list" in proc.stderr
