"""Evaluation harness: gold data in, metric tables and JSON results out."""

from __future__ import annotations

from .base import BenchmarkResult, benchmark, classification_report, prf, registry, require

__all__ = ["BenchmarkResult", "benchmark", "classification_report", "prf", "registry", "require"]
