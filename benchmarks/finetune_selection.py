"""Choose fine-tuned MiniLM settings by cross-validation on training data only.

Like ``model_selection.py`` for the linear models, but each fit fine-tunes the
transformer (half a minute to several minutes an epoch on two CPU cores), so the
grid is small and ``--folds-run`` may score only the first few of the 5 stratified
folds.  Nothing here reads a test split: the test figure of the chosen settings comes
from ``eventscope evaluate`` afterwards.

    python benchmarks/finetune_selection.py conflibert --data ../shared/data
    python benchmarks/finetune_selection.py case2021
    python benchmarks/finetune_selection.py ngec --data ../shared/data --folds-run 1
    python benchmarks/finetune_selection.py conflibert --only e6 --also-linear \
        --extra src/eventscope/data/events/quad_sentences.tsv
    python benchmarks/finetune_selection.py conflibert --only e6 --seeds 5 --also-linear \
        --extra src/eventscope/data/events/quad_sentences.tsv   # a GPU's work

``--extra FILE`` adds sentences written for the project to every fold's training side
(they are never scored, so the figure stays one on the task's training data);
``--also-linear`` runs the linear n-gram model on the same folds too and scores the
average of its probabilities with each fine-tuned candidate's (an ensemble).
``--seeds N`` fine-tunes each candidate with seeds 0..N-1 and also scores the mean of
their probabilities (a seed ensemble), alone and with the linear partner.

``case2021`` cross-validates on the sentences written for eventscope
(``src/eventscope/data/events/acled_subtypes.tsv``) and also scores, on each held-out
fold, the combinations with the rule coder: the rules' ACLED sub-event type where they
code one, the model otherwise ("rules first"); and, with ``--pipeline``, what the
pipeline codes with each fold's n-gram model in its ACLED stage (how the benchmark's
``pipeline_*`` figure is made), next to the rule coder alone.  Fine-tuned candidates
need the ``minilm`` extra.  Results: ``benchmarks/results/finetune_selection-<task>.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventscope.config import Settings
from eventscope.evaluate import case2021, conflibert
from eventscope.evaluate._run import code_sentences
from eventscope.evaluate.conflibert import CLASS_NAMES, load_split
from eventscope.evaluate.ngec import load_stories
from eventscope.models import ClassifierConfig, cross_validate, read_labelled, scores
from eventscope.models.crossval import stratified_folds
from eventscope.models.data import LabelledData
from eventscope.models.finetune import FineTuneConfig
from eventscope.models.fit import fit
from eventscope.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEED = 0


def load(task: str, data: Path) -> tuple[list[str], list[str]]:
    """Training texts and labels of a task (never its test split)."""
    if task == "conflibert":
        rows = load_split(data, "train")
        return [t for t, _ in rows], [CLASS_NAMES[y] for _, y in rows]
    if task == "ngec":
        stories = load_stories(data, "train")
        return [s["text"] for s in stories], [s["event"] for s in stories]
    path = resources.files("eventscope.data.events").joinpath("acled_subtypes.tsv")
    with resources.as_file(path) as file:
        written = read_labelled(file)
    return written.texts, written.labels


def candidates(task: str) -> dict[str, tuple[Any, bool]]:
    """name -> (config, use rule hints)."""
    if task == "ngec":
        return {"finetune e3 len256": (FineTuneConfig(epochs=3, max_length=256), False)}
    out: dict[str, tuple[Any, bool]] = {
        "finetune e3": (FineTuneConfig(epochs=3), False),
        "finetune e3 +rules": (FineTuneConfig(epochs=3), True),
        "finetune e6": (FineTuneConfig(epochs=6), False),
        "finetune e10": (FineTuneConfig(epochs=10), False),
    }
    if task == "case2021":
        out = {
            "linear minilm l2=1e-3": (
                ClassifierConfig(features=("minilm",), l2=1e-3, balanced=True),
                False,
            ),
            "linear ngrams l2=1e-4": (
                ClassifierConfig(features=("ngrams",), l2=1e-4, balanced=True, min_df=1),
                False,
            ),
            "linear ngrams l2=1e-3": (
                ClassifierConfig(features=("ngrams",), l2=1e-3, balanced=True, min_df=1),
                False,
            ),
            "linear ngrams+minilm l2=1e-4": (
                ClassifierConfig(features=("ngrams", "minilm"), l2=1e-4, balanced=True, min_df=1),
                False,
            ),
            "finetune e4": (FineTuneConfig(epochs=4), False),
            "finetune e8": (FineTuneConfig(epochs=8), False),
        }
    return out


def linear_partner(task: str) -> tuple[str, ClassifierConfig]:
    """The task's default n-gram model, the partner ``--also-linear`` runs and ensembles."""
    config = case2021.CONFIG if task == "case2021" else conflibert.CONFIG
    return f"ngrams l2={config.l2:.0e}".replace("e-0", "e-"), config


def load_extra(task: str, path: Path) -> LabelledData:
    """Written sentences with the task's label names (ConfliBERT's digits are named)."""
    data = read_labelled(path)
    return conflibert.with_class_names(data) if task == "conflibert" else data


def _averaged(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One run whose probabilities are the mean of ``runs``, on the texts all held out."""
    classes = runs[0]["classes"]
    common = sorted(set.intersection(*(set(r["held_out"]) for r in runs)))
    rows = np.zeros((len(common), len(classes)))
    for run in runs:
        order = [run["classes"].index(c) for c in classes]
        where = {i: k for k, i in enumerate(run["held_out"])}
        rows += np.asarray(run["probabilities"])[[where[i] for i in common]][:, order]
    return {"classes": classes, "held_out": common, "probabilities": (rows / len(runs)).tolist()}


def mean_scores(runs: Sequence[dict[str, Any]], labels: Sequence[str]) -> dict[str, float]:
    """Scores of the mean of several runs' out-of-fold probabilities, text by text.

    Runs may have drawn different folds (a fine-tuning seed also draws them): every
    probability is still from a model that never saw its text, so the mean is too.
    Texts held out in only some runs (``--folds-run`` below 5) are left out.
    """
    mean = _averaged(runs)
    classes = mean["classes"]
    pred = [classes[int(np.argmax(row))] for row in mean["probabilities"]]
    return scores([labels[i] for i in mean["held_out"]], pred)


def rule_labels(texts: Sequence[str]) -> tuple[list[str | None], list[str]]:
    """The rule coder's ACLED sub-event type per text (None where it codes none), and
    the benchmark's rules-only label (sub-event type, else its non-event cue words)."""
    coded = code_sentences(list(texts), settings=Settings(acled="rules"))
    return (
        [case2021.acled_label(events) for events in coded],
        [case2021.label_for(t, events) for t, events in zip(texts, coded, strict=True)],
    )


def pipeline_cv(
    texts: Sequence[str], labels: Sequence[str], folds: Sequence[np.ndarray]
) -> dict[str, float]:
    """What the pipeline codes, by cross-validation: each fold's n-gram model (the
    benchmark's ``CONFIG``) trained on the other folds and put in the ACLED stage, the
    held-out texts run through the whole pipeline and labelled as the benchmark does."""
    pipe = Pipeline(Settings())
    stage = pipe.nlp.get_pipe("eventscope_acled")
    gold: list[str] = []
    pred: list[str] = []
    for held in folds:
        out = set(held.tolist())
        train = [i for i in range(len(texts)) if i not in out]
        model = fit([texts[i] for i in train], [labels[i] for i in train], case2021.CONFIG)
        stage.classifier = model
        held_texts = [texts[i] for i in held]
        coded = code_sentences(held_texts, pipeline=pipe)
        snippet = model.predict(held_texts)
        triples = zip(held_texts, coded, snippet, strict=True)
        pred += [case2021.label_for(t, ev, c) for t, ev, c in triples]
        gold += [labels[i] for i in held]
    return scores(gold, pred)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("task", choices=("conflibert", "case2021", "ngec"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--folds-run", type=int, default=5, help="score only the first N folds")
    parser.add_argument("--only", default=None, help="run only candidates containing this")
    parser.add_argument("--extra", type=Path, default=None, help="written sentences to add")
    parser.add_argument("--also-linear", action="store_true", help="and ensembles with it")
    parser.add_argument("--pipeline", action="store_true", help="case2021: score the pipeline")
    parser.add_argument("--seeds", type=int, default=1, help="fine-tune seeds 0..N-1, and mean")
    args = parser.parse_args()

    texts, labels = load(args.task, args.data)
    extra = load_extra(args.task, args.extra) if args.extra else None
    folds = stratified_folds(labels, 5, SEED)[: args.folds_run]  # as cross_validate draws them
    hints = extra_hints = None
    rules, rules_alone = rule_labels(texts) if args.task == "case2021" else (None, [])
    print(f"{args.task}: {len(texts)} training texts, {len(folds)} of 5 folds", flush=True)
    results: dict[str, Any] = {}
    runs: dict[str, dict[str, Any]] = {}
    chosen = {
        name: c for name, c in candidates(args.task).items() if not args.only or args.only in name
    }
    if args.also_linear:
        lin_name, lin_config = linear_partner(args.task)
        chosen[f"linear {lin_name}"] = (lin_config, False)
        if args.task == "conflibert":  # the benchmark's default model, rule features and all
            chosen[f"linear {lin_name} +rules"] = (lin_config, True)
    suffix = f" +{args.extra.stem}" if extra else ""
    seeded = {}
    for name, (config, use_hints) in chosen.items():
        if isinstance(config, FineTuneConfig) and args.seeds > 1:
            seeded |= {
                f"{name} seed {k}": (replace(config, seed=k), use_hints) for k in range(args.seeds)
            }
        else:
            seeded[name] = (config, use_hints)
    for name, (config, use_hints) in seeded.items():
        name += suffix
        if use_hints and hints is None:
            hints = [conflibert.rule_hints(e) for e in code_sentences(texts)]
            if extra is not None:
                extra_hints = [conflibert.rule_hints(e) for e in code_sentences(extra.texts)]
        t0 = time.perf_counter()
        h = hints if use_hints else None
        cv = cross_validate(
            texts,
            labels,
            config,
            hints=h,
            max_folds=args.folds_run,
            extra=extra,
            extra_hints=extra_hints if use_hints else None,
        )
        runs[name] = cv
        summary = {k: v for k, v in cv.items() if isinstance(v, float)}
        line = f"{name:34} cv macro-F1 {summary['macro_f1']:.3f} w-F1 {summary['weighted_f1']:.3f}"
        name = f"{name} [{len(folds)} folds]"
        results[name] = {
            "config": asdict(config),
            "hints": use_hints,
            "cv": summary,
            "n_texts": len(texts),
            "extra": f"{args.extra.name} ({len(extra.texts)} texts)" if extra else None,
        }
        if rules is not None:
            mixed = [rules[i] or p for i, p in zip(cv["held_out"], cv["predictions"], strict=True)]
            mixed_summary = scores([labels[i] for i in cv["held_out"]], mixed)
            results[name]["cv_rules_first"] = mixed_summary
            line += f" | rules first: w-F1 {mixed_summary['weighted_f1']:.3f}"
        print(f"{line} ({time.perf_counter() - t0:.0f}s)", flush=True)
    linear = {n: cv for n, cv in runs.items() if n.startswith("linear")} if args.also_linear else {}
    tuned = {n: cv for n, cv in runs.items() if n not in linear}
    groups: dict[str, list[dict[str, Any]]] = {name: [cv] for name, cv in tuned.items()}
    for base in {n.rsplit(" seed ", 1)[0] for n in tuned if " seed " in n}:
        groups[f"{base} mean of {args.seeds} seeds"] = [
            cv for n, cv in tuned.items() if n.rsplit(" seed ", 1)[0] == base
        ]
    for name, group in groups.items():
        if len(group) > 1:
            results[f"{name} [{len(folds)} folds]"] = {"cv": mean_scores(group, labels)}
        for lin_name, lin in linear.items():
            both = f"ensemble: {name} + {lin_name} [{len(folds)} folds]"
            # the linear model weighs as much as all the seeds together
            mean = mean_scores([_averaged(group), lin], labels)
            results[both] = {"cv": mean}
            print(f"{both:34} cv macro-F1 {mean['macro_f1']:.3f}", flush=True)
    if rules is not None:
        held_all = [i for f in folds for i in f.tolist()]
        alone = scores([labels[i] for i in held_all], [rules_alone[i] for i in held_all])
        results[f"rule coder and cue words alone [{len(folds)} folds]"] = {"cv": alone}
        print(f"rules alone: w-F1 {alone['weighted_f1']:.3f}", flush=True)
    if args.pipeline and args.task == "case2021":
        piped = pipeline_cv(texts, labels, folds)
        results[f"pipeline: rule coder + n-gram ACLED stage [{len(folds)} folds]"] = {"cv": piped}
        print(f"pipeline: w-F1 {piped['weighted_f1']:.3f}", flush=True)
    out = ROOT / "benchmarks" / "results" / f"finetune_selection-{args.task}.json"
    if out.exists():  # runs of single candidates add up
        results = json.loads(out.read_text())["candidates"] | results
    payload = {"task": args.task, "seed": SEED, "folds_run": len(folds), "candidates": results}
    out.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
