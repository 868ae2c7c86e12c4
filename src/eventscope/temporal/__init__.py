"""Date expressions in news text, resolved against the publication date.

:func:`find_date_expressions` tags every date expression in a text and resolves it;
:func:`resolve_date_expression` resolves the first one.  The conventions (what "on
Monday" or "last week" mean) are documented in :mod:`eventscope.temporal.resolver`.
"""

from __future__ import annotations

from .resolver import DateMatch, find_date_expressions, resolve_date_expression

__all__ = ["DateMatch", "find_date_expressions", "resolve_date_expression"]
