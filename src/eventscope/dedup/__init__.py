"""Deduplication: several reports of one real-world event become one record.

``compatible`` decides whether two event records can describe the same event;
``cluster`` groups records (union of compatible pairs, blocked by date so it scales);
``merge`` folds a group into one record that lists every source.
"""

from __future__ import annotations

from .cluster import cluster, merge, pairs
from .match import MatchSettings, compatible

__all__ = ["MatchSettings", "cluster", "compatible", "merge", "pairs"]
