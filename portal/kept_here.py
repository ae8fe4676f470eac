"""Copies each app server keeps in its own memory of what it reads from the shared cache, so the
same copy is not fetched from Redis and unpickled on every page.

A copy is kept with the stamp it was made under (the content version, or a consultation's marks)
and used only while the stamp the caller has just read from the shared cache is the same: a
change made on any app server moves the stamp on, so it shows at once everywhere. At most
`at_most` copies are kept; the oldest goes first."""

from threading import Lock


class KeptHere:
    def __init__(self, at_most):
        self.at_most = at_most
        self._copies = {}
        self._lock = Lock()  # a threaded server's requests share the process's copies

    def __len__(self):
        return len(self._copies)

    def get(self, key, stamp):
        """The copy kept under `key`, if it was made under `stamp`; otherwise None."""
        copy = self._copies.get(key)
        return copy[1] if copy is not None and copy[0] == stamp else None

    def keep(self, key, stamp, value):
        with self._lock:
            if key not in self._copies and len(self._copies) >= self.at_most:
                self._copies.pop(next(iter(self._copies)), None)
            self._copies[key] = (stamp, value)
        return value

    def forget(self, key):
        self._copies.pop(key, None)

    def clear(self):
        self._copies.clear()
