"""Labelled training files: one text and one label per example.

Formats, by suffix:

- ``.tsv`` / ``.txt``: ``text<TAB>label`` rows without a header (ConfliBERT's
  ``cameo_class`` files), or with a header naming the two columns;
- ``.csv``: a header row; the columns default to ``text`` and ``label``;
- ``.jsonl``: one object per line with ``text`` and ``label`` keys;
- ``.zip``: the first ``.csv``, ``.tsv`` or ``.jsonl`` inside (NGEC ships zipped CSV).

The file's SHA-256 travels with the examples, so every trained model can say exactly
what it was trained on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, Messages


@dataclass
class LabelledData:
    """Examples read from one file.

    Attributes:
        texts (list[str]): The texts.
        labels (list[str]): One label per text.
        source (str): Where they came from (the file's name).
        sha256 (str): The file's SHA-256, the key of anything trained on it.
    """

    texts: list[str]
    labels: list[str]
    source: str = ""
    sha256: str = ""
    notes: dict[str, str] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_labelled(
    path: Path | str, *, text_col: str = "text", label_col: str = "label"
) -> LabelledData:
    """Read ``(text, label)`` examples; rows with an empty text or label are left out.

    Args:
        path (Path | str): The file.
        text_col (str): Column (or JSON key) holding the text.
        label_col (str): Column (or JSON key) holding the label.
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as zf:
                inner = next(
                    n for n in zf.namelist() if n.lower().endswith((".csv", ".tsv", ".jsonl"))
                )
                raw = zf.read(inner).decode("utf-8")
            suffix = Path(inner).suffix.lower()
        else:
            raw = path.read_text(encoding="utf-8")
            suffix = path.suffix.lower()
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, StopIteration) as exc:
        raise ConfigError(Messages.E101.format(path=path, detail=exc or "no table inside")) from exc
    pairs = _rows(raw, suffix, text_col, label_col)
    pairs = [(t.strip(), lab.strip()) for t, lab in pairs if t.strip() and lab.strip()]
    if not pairs:
        raise ConfigError(Messages.E102.format(path=path, text=text_col, label=label_col))
    return LabelledData(
        [t for t, _ in pairs], [lab for _, lab in pairs], path.name, file_sha256(path)
    )


def _rows(raw: str, suffix: str, text_col: str, label_col: str) -> list[tuple[str, str]]:
    if suffix == ".jsonl":
        out = []
        for line in raw.splitlines():
            if line.strip():
                obj = json.loads(line)
                out.append((str(obj.get(text_col, "")), str(obj.get(label_col, ""))))
        return out
    csv.field_size_limit(10**8)
    delimiter = "," if suffix == ".csv" else "\t"
    rows = list(csv.reader(io.StringIO(raw), delimiter=delimiter))
    if not rows:
        return []
    header = [c.strip() for c in rows[0]]
    if text_col in header and label_col in header:
        ti, li = header.index(text_col), header.index(label_col)
        return [(r[ti], r[li]) for r in rows[1:] if len(r) > max(ti, li)]
    if suffix == ".csv":
        return []
    return [(r[0], r[1]) for r in rows if len(r) >= 2]  # headerless text<TAB>label
