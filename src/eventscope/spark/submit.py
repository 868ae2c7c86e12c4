"""Entry script for ``spark-submit``, which needs a Python file rather than a command.

Usage (arguments are those of ``eventscope spark``)::

    SUBMIT=$(python -c 'import eventscope.spark.submit as m; print(m.__file__)')
    spark-submit [spark options] "$SUBMIT" s3a://bucket/articles/*.jsonl -o s3a://bucket/coded/
"""

from __future__ import annotations

from eventscope.cli.spark import command

if __name__ == "__main__":
    command(prog_name="eventscope spark")
