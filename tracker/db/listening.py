"""Session-factory listeners installed once: the data version and the summary tables each keep
a table of (event name, listener) and install it through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import event


def listen_once(target: object, listeners: Iterable[tuple[str, Callable]]) -> None:
    """Install each (event name, listener) on TARGET unless it is there already."""
    for name, listener in listeners:
        if not event.contains(target, name, listener):
            event.listen(target, name, listener)
