"""Work two threads share: each chore is done once, by whichever thread is free first.

Layer: data. Reading a data folder keeps two threads busy (see ``validation``): one
parses the tables, the other does the plain Python work on the texts. Rules that
only need tables already read are chores either thread may take while it would
otherwise wait, so neither idles while the other still has much to do.

>>> from concurrent.futures import Future
>>> ready = Future()
>>> chores = Chores()
>>> doubled = chores.add("double", lambda: 2 * 21, after=[ready])
>>> chores.do_one()   # its input is not ready yet
False
>>> ready.set_result(None)
>>> chores.do_all()
>>> chores.done["double"], doubled.result()
(42, 42)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future

__all__ = ["Chores"]


class Chores:
    """Named pieces of work, each with the futures it must wait for."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[tuple[str, Callable[[], object], tuple[Future, ...]]] = []
        self._futures: dict[str, Future] = {}
        self.done: dict[str, object] = {}

    def add(self, name: str, work: Callable[[], object], after: Iterable[Future] = ()) -> Future:
        """Add a chore, to be done once every future of ``after`` is done. Names are unique:
        what a chore returns is kept under its name, and is the result of the future returned
        (which another chore may wait for)."""
        with self._lock:
            if name in self._futures:
                raise ValueError(f"a chore named {name!r} is already added")
            self._futures[name] = future = Future()
            self._waiting.append((name, work, tuple(after)))
        return future

    def future(self, name: str) -> Future:
        """The future of the chore ``name``, done when the chore is."""
        return self._futures[name]

    def do_one(self, *, last: bool = False) -> bool:
        """Do the first chore whose inputs are ready (with ``last``, the last one added); False
        if none is (or none is left)."""
        with self._lock:
            places = range(len(self._waiting) - 1, -1, -1) if last else range(len(self._waiting))
            for at in places:
                if all(future.done() for future in self._waiting[at][2]):
                    name, work, _ = self._waiting.pop(at)
                    break
            else:
                return False
        try:
            self.done[name] = result = work()
        except BaseException as error:
            self._futures[name].set_exception(error)
            raise
        self._futures[name].set_result(result)
        return True

    def left(self) -> list[str]:
        """The names of the chores nobody has taken yet."""
        with self._lock:
            return [name for name, _, _ in self._waiting]

    def do_all(self) -> None:
        """Do chores until none is ready."""
        while self.do_one():
            pass
