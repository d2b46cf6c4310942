"""What a chat model counts: calls per stage, tokens and time spent inside llama.cpp."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ModelStats:
    """Counters a benchmark or run manifest reads: calls, tokens and time spent inside llama.cpp."""

    calls: dict[str, int] = field(default_factory=dict)
    prompt_tokens: int = 0
    cached_prompt_tokens: int = 0
    generated_tokens: int = 0
    busy_seconds: float = 0.0

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {f"calls_{k}": v for k, v in sorted(self.calls.items())}
        out.update(
            model_calls=sum(self.calls.values()),
            prompt_tokens=self.prompt_tokens,
            cached_prompt_tokens=self.cached_prompt_tokens,
            generated_tokens=self.generated_tokens,
            busy_seconds=round(self.busy_seconds, 3),
        )
        return out
