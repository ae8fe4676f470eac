"""Rows that several tests read, made once and rolled back after the last of them.

pytest-django runs each test in a transaction it rolls back. A fixture of a wider scope (module,
package) can open a transaction around them: each test's transaction becomes a savepoint in it,
so a test sees the shared rows, may change them, and leaves them as they were. When pytest leaves
the module or package, the shared rows are rolled back too, and the tests after see an empty
database again. Only for tests that do not need `transaction=True` (a transactional test empties
the tables it touched).
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def shared_rows(django_db_blocker):
    """Whatever is written inside this block (with `django_db_blocker.unblock()`) stays for the
    tests run inside it, and is rolled back when the block ends."""
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
