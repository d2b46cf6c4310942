"""Every error the library raises on purpose, in one place so that callers catch them by name.

Errors a user can cause (a missing model, a busy output folder, a dataset that is not there) carry a
message meant for that user; the CLI prints it as one line. The others mark bugs or model failures."""

from __future__ import annotations


class ModelError(RuntimeError):
    """A model cannot be found, verified or loaded; the message is meant for the user."""


class PromptTooLongError(ValueError):
    """The prompt does not fit the model's context window."""


class KVCacheFull(RuntimeError):
    """A batch of sequences no longer fits the batch context's KV cache."""


class PromptNotFoundError(LookupError):
    """No prompt file of that name and version in prompts/."""


class OutputParseError(ValueError):
    """Model output that is not valid for the expected record."""


class StructuredOutputError(RuntimeError):
    """The model gave no valid output within the allowed attempts."""

    def __init__(self, reason: str, last_output: str, attempts: int) -> None:
        super().__init__(f"{reason} (after {attempts} attempt{'s' if attempts != 1 else ''})")
        self.reason = reason
        self.last_output = last_output
        self.attempts = attempts


class GroundingError(AssertionError):
    """A span about to be written does not equal the document text at its offsets (a bug)."""


class OutputLockedError(RuntimeError):
    """Another run is writing to the same output directory."""


class DatasetError(ValueError):
    """The dataset path does not hold what the dataset needs."""
