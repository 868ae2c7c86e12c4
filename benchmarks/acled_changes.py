"""How often the ACLED stage changes the rule coder's ACLED types on real articles.

CASE 2021 and the written sentences only hold snippets that report something; real
articles are mostly background.  This runs the same articles through the pipeline with
``acled="rules"`` and with the classifier, and prints how many events' ACLED types
differ, the commonest changes, and a sample to read.  There is no gold here: it is a
check for a human reader, not a score.

    .venv/bin/python benchmarks/acled_changes.py --input articles.csv -n 80 --sample 20
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from eventscope import Pipeline, Settings
from eventscope.readers import read_inputs
from eventscope.readers.article import Skipped
from eventscope.records import Event


def sub_type(event: Event) -> str | None:
    return event.acled.sub_event_type if event.acled else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", nargs="+", required=True)
    parser.add_argument("-n", type=int, default=80, help="number of articles")
    parser.add_argument("--sample", type=int, default=20, help="changes to print")
    args = parser.parse_args()
    articles = [a for a in read_inputs(args.input) if not isinstance(a, Skipped)][: args.n]
    runs = {
        name: [r.events for r in Pipeline(Settings(acled=name)).process(articles)]
        for name in ("rules", "ngrams")
    }
    changes = []
    total = 0
    for rules, ngrams in zip(runs["rules"], runs["ngrams"], strict=True):
        for before, after in zip(rules, ngrams, strict=True):
            total += 1
            if sub_type(before) != sub_type(after):
                changes.append((sub_type(before), sub_type(after), before.evidence.sentence))
    print(f"{len(articles)} articles, {total} events, {len(changes)} ACLED types changed")
    for (old, new), count in Counter((o, n) for o, n, _ in changes).most_common(12):
        print(f"{count:5d}  {old} -> {new}")
    for old, new, sentence in random.Random(0).sample(changes, min(args.sample, len(changes))):
        print(f"- {old} -> {new}: {sentence[:160]}")


if __name__ == "__main__":
    main()
