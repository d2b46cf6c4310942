from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import flows  # noqa: F401  (sets Prefect's offline defaults before any Prefect import)
from pipeline.ingest import make_document
from pipeline.llm import ModelFile, ModelSource
from pipeline.records import Document
from pipeline.settings import Settings
from tests.fakes import ScriptedChatModel, restate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
FAKES = ROOT.parent / "shared" / "eval" / "fakes" / "fakes.csv"


def article(name: str) -> str:
    """A small article of tests/data/articles, without its final newline."""
    return (DATA / "articles" / name).read_text(encoding="utf-8").removesuffix("\n")


def fakes_csv() -> Path:
    """FA-KES beside the project (../shared/eval): required in CI, skipped elsewhere without it."""
    if FAKES.is_file():
        return FAKES
    if os.environ.get("CI"):
        pytest.fail(f"{FAKES} is missing in CI")
    pytest.skip("FA-KES is not beside the project")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests are marked by their folder: unit (no processes, servers or model), integration (real
    processes, Prefect servers, the scripted model) and real_model (the embedded llama.cpp model)."""
    for item in items:
        kind = Path(str(item.fspath)).relative_to(ROOT / "tests").parts[0]
        if kind in ("unit", "integration", "real_model"):
            item.add_marker(getattr(pytest.mark, kind))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(model_dir=tmp_path / "models")


@pytest.fixture
def fake() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture
def doc_a() -> Document:
    return make_document(
        article("raqqa_a.txt"),
        "a.txt",
        title="Jet downed near Raqqa",
        date="2017-06-18",
    )


@pytest.fixture
def doc_b() -> Document:
    return make_document(
        article("raqqa_b.txt"),
        "b.txt",
        title="US downs Syrian jet",
    )


@pytest.fixture(scope="session")
def real_model() -> Iterator[object]:
    """The embedded default model, loaded once for every test that needs it."""
    from pipeline.llm import close_all

    settings = Settings.from_env()
    yield ModelSource.resolve(settings.model, settings).chat()
    close_all()


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Prefect server for the harness runs of the session, so that each need not start its own."""
    from flows.api_server import run_server, wait_until_healthy

    with run_server(tmp_path_factory.mktemp("api") / "server.log") as server:
        wait_until_healthy(server.url, server)
        yield server.url


@pytest.fixture(scope="session")
def prefect_harness(prefect_api: str) -> Iterator[None]:
    """Flows run in this process report to the session's one Prefect server too."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: prefect_api}):
        yield


def scripted_source(chat: ScriptedChatModel, settings: Settings | None = None) -> ModelSource:
    """A scripted chat model as the model of a run (passed to the flow like a loaded GGUF)."""
    file = ModelFile("scripted-test-model", Path("scripted"), "0" * 64, "raw")
    return ModelSource(file, settings or Settings.from_env(), chat)


@pytest.fixture
def scripted() -> ScriptedChatModel:
    """A scripted model for whole runs: restates each sentence, supports every passage."""

    def judge(prompt: str) -> dict[str, float] | str:
        if prompt.endswith("Claim: N/A\nPassage: N/A\nAnswer:"):  # the calibration probe: no bias
            return {" supports": -1.0, " contradicts": -1.0, " unrelated": -1.0}
        return "supports"

    return ScriptedChatModel().always(json_reply=restate, choice_reply=judge)


def run_cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """`factcheck ARGS` in a fresh interpreter, as a user runs it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env=env,
    )


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`factcheck run seeds` with the embedded model, once for every test that reads its output."""
    out = tmp_path_factory.mktemp("seeds") / "out"
    return run_cli("run", str(SEEDS), "--out", str(out), "--quiet"), out
