"""Loading a model: one `Llama` per process, shared by every stage and task that process runs.

Stages never load a model: they receive one. The CLI (or a test) builds a `ModelSource` and hands
it to the flow; the flow hands it to its tasks. In the process that built it the source holds the
loaded chat model; pickled to a Dask or process-pool worker it travels as the verified file's
reference, and the worker loads that file once, on its first task, and keeps it."""

from __future__ import annotations

import atexit
import ctypes
import os
import sys
import threading
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel

from pipeline.errors import ModelError
from pipeline.llm.chat_model import LlamaChatModel
from pipeline.llm.models import ModelFile, resolve, sha256_file
from pipeline.memory import limit_malloc_arenas
from pipeline.settings import Settings

_LOG_LEVEL_ERROR = 4  # GGML_LOG_LEVEL_ERROR
_N_BATCH = 512  # llama.cpp's prompt batch: the prompts here are a few hundred tokens

_lock = threading.Lock()
_loaded: dict[tuple[str, str], LlamaChatModel] = {}
_log_callback: object = None


class ModelSource:
    """The model a run uses: a verified file and, in the process that loaded it, the chat model."""

    # Slots keep Prefect from recording the loaded model among a flow run's parameters.
    __slots__ = ("_chat", "_verify", "file", "settings")

    def __init__(
        self, file: ModelFile, settings: Settings, chat: BaseChatModel | None = None, verify: bool = False
    ) -> None:
        self.file = file
        self.settings = settings
        self._chat = chat
        self._verify = verify

    @classmethod
    def resolve(cls, ref: str, settings: Settings, load: bool = True) -> ModelSource:
        """The source for a known model name or .gguf path; loaded now unless `load` is False (the
        work runs in other processes, which load their own copy)."""
        source = cls(resolve(ref, settings), settings)
        if load:
            source.chat()
        return source

    def chat(self) -> BaseChatModel:
        """The chat model, loaded in this process on first use."""
        if self._chat is None:
            self._chat = process_model(self.file, self.settings, verify=self._verify)
        return self._chat

    def __reduce__(self) -> tuple[Any, ...]:
        # llama.cpp state cannot leave its process: another process gets the file, checks it is the
        # same one, and loads its own copy.
        return (ModelSource, (self.file, self.settings, None, True))


def process_model(file: ModelFile, settings: Settings, verify: bool = False) -> LlamaChatModel:
    """This process's chat model for the file, loaded on first use (never twice)."""
    key = (str(file.path), file.sha256)
    with _lock:
        if key not in _loaded:
            if verify and sha256_file(file.path) != file.sha256:
                raise ModelError(
                    f"{file.path} on this machine is not the model file the run was started with"
                )
            if not _loaded:
                # Worker processes (Dask, process pools) never reach the CLI's close_all().
                atexit.register(close_all)
            _loaded[key] = open_model(file, settings)
        return _loaded[key]


def open_model(file: ModelFile, settings: Settings) -> LlamaChatModel:
    """A new chat model on the file (callers keep it: see `process_model`)."""
    limit_malloc_arenas()  # every process that runs the model: CLI worker, Dask and pool workers
    try:
        from llama_cpp import Llama

        _quiet_llama_logs()
        llm = Llama(
            model_path=str(file.path),
            n_ctx=settings.n_ctx,
            n_threads=settings.n_threads or os.cpu_count() or 1,
            n_batch=_N_BATCH,
            seed=0,
            verbose=False,
        )
    except (ValueError, RuntimeError) as err:
        raise ModelError(f"llama.cpp cannot load {file.path}: {err}") from None
    style: Literal["raw", "chat"] = "chat" if file.prompt_style == "chat" else "raw"
    if file.prompt_style == "auto":
        style = "chat" if llm.metadata.get("tokenizer.chat_template") else "raw"
    return LlamaChatModel(
        llm=llm, model_name=file.name, prompt_style=style, parallel=max(1, settings.parallel)
    )


def close_all() -> None:
    """Free every loaded model now; llama-cpp-python's own finaliser fails at interpreter exit."""
    with _lock:
        for chat in _loaded.values():
            chat.close()
        _loaded.clear()


def _quiet_llama_logs() -> None:
    """llama.cpp logs every load to stderr; keep only its errors."""
    global _log_callback
    if _log_callback is not None:
        return
    import llama_cpp

    @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
    def _log(level: int, text: bytes, _user: ctypes.c_void_p) -> None:
        if level >= _LOG_LEVEL_ERROR:
            sys.stderr.write(text.decode("utf-8", errors="replace"))

    _log_callback = _log
    llama_cpp.llama_log_set(_log, ctypes.c_void_p())
