"""The events stage: finds event mentions and codes them in PLOVER v0.8.

Rules over the dependency parse, driven by the trigger lexicon in
``data/events/triggers.jsonl``:

1. every verb or noun whose lemma is in the lexicon is a candidate trigger;
2. structure decides what survives: a noun that names the same event as the verb it
   hangs on is merged into it ("killed in an airstrike"); a light verb hands its subject
   to its noun ("staged a protest"); verbs of threatening, accusing, demanding or agreeing
   absorb the action they talk about ("vowed to storm the town" is THREATEN, not ASSAULT);
   "denied attacking" keeps the attack, flagged as negated;
3. roles come from syntax: subjects, passive "by" agents, objects, target prepositions
   (on the trigger or its object), coordination, the addressee of a demand and the
   owner of what an act is aimed at; two-sided fighting makes both sides actors;
   violence by rioters is a riot;
4. modality flags (negated, hypothetical, future, historical, reported) come from
   negation, modal and future auxiliaries, "if" clauses, planning verbs, earlier years
   and reporting verbs;
5. v0.8 modes come from the trigger, or from what the phrase is about: a threat,
   demand or refusal takes its mode from the act it names ("threatened to impose a
   curfew" is THREATEN 'restrict').

One file per step.  :class:`EventStage` (``stage.py``) runs them per sentence and
writes the mentions; it mixes in one class per step, so that each file holds one job:

- ``detection.py``: which words are candidate triggers, and which uses report no event;
- ``structure.py``: merging and absorbing candidates of one sentence;
- ``roles.py``: actor and recipient heads; ``parties.py``: which words can be a party;
- ``modality.py``: negated, hypothetical, future, historical and reported flags;
- ``candidate.py``: the working record of a candidate; ``tokens.py``: shared helpers.
"""

from __future__ import annotations

from .stage import EventStage, make_event_stage

__all__ = ["EventStage", "make_event_stage"]
