"""``eventscope train``: train a text classifier from a labelled file and save it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ConfigError, Messages
from ..models import ClassifierConfig, cross_validate, embed, read_labelled
from ..models.finetune import FineTuneConfig
from ..models.fit import fit


@click.command("train")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the model to (model.json and weights.npz).",
)
@click.option("--text-col", default="text", show_default=True, help="Column or key of the text.")
@click.option("--label-col", default="label", show_default=True, help="Column or key of the label.")
@click.option(
    "--features",
    default="ngrams",
    show_default=True,
    help="Comma-separated: ngrams (word 1-2-gram tf-idf) and/or minilm (needs the extra).",
)
@click.option("--l2", default=1e-3, show_default=True, help="L2 penalty of the classifier.")
@click.option(
    "--balanced/--unbalanced",
    default=True,
    show_default=True,
    help="Weight classes inversely to their frequency (helps macro-F1).",
)
@click.option(
    "--min-df", default=2, show_default=True, help="Keep n-grams seen in at least N texts."
)
@click.option(
    "--cv", default=0, show_default=True, help="Report N-fold cross-validation first (0: skip)."
)
@click.option("--seed", default=0, show_default=True, help="Seed of the cross-validation folds.")
@click.option(
    "--fine-tune",
    is_flag=True,
    help="Fine-tune MiniLM itself instead of a linear model (needs the minilm extra; "
    "minutes per epoch on a CPU, much better on small labelled sets).",
)
@click.option("--epochs", default=3, show_default=True, help="Fine-tuning epochs.")
@click.option(
    "--exclude-held-out",
    is_flag=True,
    help="Drop the stories `eventscope evaluate ngec` scores (sha1(text) % 5 == 0).",
)
def command(
    data: Path,
    out: Path,
    text_col: str,
    label_col: str,
    features: str,
    l2: float,
    balanced: bool,
    min_df: int,
    cv: int,
    seed: int,
    fine_tune: bool,
    epochs: int,
    exclude_held_out: bool,
) -> None:
    """Train a classifier on DATA (TSV text<TAB>label, CSV, JSONL or a zipped CSV).

    The model folder records what it was trained on (file name, SHA-256, counts,
    settings, cross-validation scores); load it with
    ``eventscope.models.TextClassifier.load(folder)``, or
    ``eventscope.models.finetune.FineTunedClassifier.load(folder)`` after ``--fine-tune``.

    \b
    Examples:
      eventscope train cameo_class/train.tsv -o quad-model --cv 5
      eventscope train stories.csv.zip --label-col label --exclude-held-out -o plover-model
      eventscope train mine.jsonl --features ngrams,minilm -o mine-model
      eventscope train mine.jsonl --fine-tune --epochs 4 -o mine-tuned
    """
    labelled = read_labelled(data, text_col=text_col, label_col=label_col)
    texts, labels = labelled.texts, labelled.labels
    if exclude_held_out:
        from ..evaluate.ngec import split_of

        keep = [i for i, t in enumerate(texts) if split_of(t) == "train"]
        texts, labels = [texts[i] for i in keep], [labels[i] for i in keep]
    config: ClassifierConfig | FineTuneConfig
    if fine_tune:
        if not embed.available():
            raise ConfigError(Messages.E100)
        config = FineTuneConfig(epochs=epochs, balanced=balanced, seed=seed)
    else:
        config = ClassifierConfig(
            features=tuple(f.strip() for f in features.split(",") if f.strip()),
            l2=l2,
            balanced=balanced,
            min_df=min_df,
            seed=seed,
        )
    click.echo(f"{len(texts)} examples, {len(set(labels))} labels from {data}", err=True)
    training: dict[str, object] = {
        "data": labelled.source,
        "sha256": labelled.sha256,
        "text_col": text_col,
        "label_col": label_col,
        "excluded_held_out": exclude_held_out,
    }
    embeddings = None
    if isinstance(config, ClassifierConfig) and "minilm" in config.features:
        click.echo("encoding with MiniLM…", err=True)
        embeddings = embed.encode(texts)
    if cv:
        result = cross_validate(texts, labels, config, folds=cv, embeddings=embeddings)
        summary = {k: round(v, 4) for k, v in result.items() if isinstance(v, float)}
        click.echo(f"{cv}-fold cross-validation: {json.dumps(summary)}", err=True)
        training["cross_validation"] = summary | {"folds": cv}
    if fine_tune:
        click.echo(f"fine-tuning MiniLM for {epochs} epochs…", err=True)
    fit(texts, labels, config, embeddings=embeddings, training=training).save(out)
    click.echo(f"wrote {out}", err=True)
