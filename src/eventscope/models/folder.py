"""The ``model.json`` every saved model folder carries: one writer, one checked reader.

Each kind of model (linear classifier, fine-tuned classifier, span taggers) keeps its
weights in its own files, but they all describe themselves the same way: a format
number, a kind, the settings and the training record.  Checking format and kind before
anything else is read means an old or foreign folder fails with a clear reason instead
of a confusing error deep inside a weight loader.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

META = "model.json"


def write_meta(folder: Path, meta: dict[str, Any]) -> None:
    """Write ``model.json`` (UTF-8, readable indentation) into ``folder``."""
    text = json.dumps(meta, indent=1, ensure_ascii=False) + "\n"
    (folder / META).write_text(text, encoding="utf-8")


def read_meta(folder: Path, *, fmt: int, kind: str | None = None) -> dict[str, Any]:
    """``model.json`` of ``folder``, checked for format and kind.

    Raises:
        OSError: The file is missing or unreadable.
        ValueError: It is not JSON, or another format or kind of model; callers turn
            both into their own documented error.
    """
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    if not isinstance(meta, dict):
        raise ValueError("model.json holds no object")
    if meta.get("format") != fmt or (kind is not None and meta.get("kind") != kind):
        found = f"format {meta.get('format')!r}, kind {meta.get('kind')!r}"
        wanted = f"format {fmt!r}" + (f", kind {kind!r}" if kind else "")
        raise ValueError(f"{found}; this eventscope reads {wanted}")
    return meta


def package_version(package: str = "eventscope") -> str:
    """The installed version of ``package``, or ``unknown`` (a source checkout)."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def trained_stamp() -> dict[str, str]:
    """When a model was trained and by which eventscope: part of every training record."""
    return {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "eventscope": package_version(),
    }
