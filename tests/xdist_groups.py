"""Make `--dist loadgroup` group again under pytest 9.2.

pytest-xdist 3.8 tells the scheduler a test's group by adding "@group" to the test's id, written
to a field pytest 9.2 no longer reads (its ids are structured now), so every test runs wherever:
https://github.com/pytest-dev/pytest-xdist/issues/1386 (fix proposed in pull request 1388). Until
a fixed release is pinned, this adds the suffix the way that pull request does, only where xdist's
own did not take. Registered on xdist workers run with --dist loadgroup (tests/conftest.py).
"""

import pytest
from _pytest.nodeid import coerce_node_id


def group_suffix(item):
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return "@" + "_".join(sorted(names)) if names else ""


class GroupSuffixes:
    @pytest.hookimpl(trylast=True)  # after pytest-xdist's own attempt
    def pytest_collection_modifyitems(self, items):
        for item in items:
            suffix = group_suffix(item)
            if suffix and not item.nodeid.endswith(suffix):
                item._id = coerce_node_id(item.nodeid + suffix)
