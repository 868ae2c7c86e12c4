"""The ACLED sub-event classifier: word n-grams trained on sentences we wrote.

The rule coder proposes an ACLED type from the trigger word alone, and a trigger
rarely decides it: "hit" is an air strike, shelling or a roadside bomb; "rally" is a
peaceful protest or one the police broke up; "clashes" with looters are a riot.  ACLED's
coders read the whole sentence, and so does this classifier, trained on the 4,803
sentences of ``data/events/acled_subtypes.tsv`` (written for eventscope, MIT) over the
25 sub-event types and five kinds of sentence ACLED does not code (disasters, crime,
claims of responsibility, diplomacy).  Trained on first use in seconds and cached
(:func:`eventscope.models.cached_model`), so it ships as data, not weights.

The settings were chosen by cross-validation on the written sentences alone
(``benchmarks/finetune_selection.py case2021``, ``benchmarks/MODELS.md``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .cache import cached_model
from .classifier import ClassifierConfig
from .data import read_labelled
from .finetune import FineTuneConfig
from .fit import TextModel, fit, loader

ACLED_CONFIG = ClassifierConfig(features=("ngrams",), l2=1e-4, balanced=True, min_df=1)


@dataclass(frozen=True)
class AcledClass:
    """One class of the classifier and what the pipeline does with it.

    Attributes:
        label (str): The classifier's label (CASE 2021's class names).
        event_type, sub_event_type (str | None): The ACLED type; ``None`` for a kind of
            sentence ACLED does not code.
        pipeline (str): ``set`` the event's ACLED type to this one; ``drop`` its ACLED
            type (a disaster or a crime: no political event to code); ``keep`` the rule
            coder's (a claim of responsibility or a diplomatic sentence can still
            report a real attack or agreement, which ACLED codes).
    """

    label: str
    event_type: str | None
    sub_event_type: str | None
    pipeline: str


@cache
def codebook() -> dict[str, AcledClass]:
    """Classifier label -> ACLED class, from ``data/events/acled_codebook.tsv``."""
    path = resources.files("eventscope.data.events").joinpath("acled_codebook.tsv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {
        r["label"]: AcledClass(
            r["label"], r["event_type"] or None, r["sub_event_type"] or None, r["pipeline"]
        )
        for r in rows
    }


@cache
def label_of() -> dict[str, str]:
    """ACLED sub-event type -> the classifier's label for it."""
    return {c.sub_event_type: c.label for c in codebook().values() if c.sub_event_type}


def acled_classifier(config: ClassifierConfig | FineTuneConfig = ACLED_CONFIG) -> TextModel:
    """A classifier over the codebook's labels, trained on the sentences we wrote (kept in
    the model cache: the sentences change rarely, and fine-tuning takes minutes)."""
    path = resources.files("eventscope.data.events").joinpath("acled_subtypes.tsv")
    with resources.as_file(path) as file:
        data = read_labelled(file)
    training = {
        "data": f"eventscope {data.source} (written for eventscope, MIT)",
        "sha256": data.sha256,
    }
    key = {"train_sha256": data.sha256, "config": config.key(), "task": "case2021"}
    name = "case2021-finetuned" if isinstance(config, FineTuneConfig) else "case2021-written"

    def build() -> TextModel:
        return fit(data.texts, data.labels, config, training=training)

    return cached_model(name, key, build, loader(config))[0]
