"""The public API: ``__all__`` is complete, sorted and shows public paths."""

from __future__ import annotations

import eventscope


def test_exported_members_all_sorted_and_present() -> None:
    assert eventscope.__all__ == sorted(eventscope.__all__)
    public = {
        n for n in dir(eventscope) if (not n.startswith("_") and n[0].isupper()) or n == "extract"
    }
    exported = set(eventscope.__all__)
    for name in exported:
        assert hasattr(eventscope, name)
    missing = {n for n in public if isinstance(getattr(eventscope, n), type)} - exported
    assert not missing


def test_exported_members_show_public_module() -> None:
    for name in eventscope.__all__:
        obj = getattr(eventscope, name)
        if isinstance(obj, type):
            assert obj.__module__ == "eventscope", name
