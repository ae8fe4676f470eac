"""An exact integer solver (scipy's milp) for checking hidden counts: what a reader could work out
from everything shown."""

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

# Large enough to stand for "no upper limit" with the counts these tests make.
NO_LIMIT = 100_000


def value_ranges(values, hidden, equations, at_most=()):
    """{hidden cell: (smallest, largest)} over whole numbers, 0 or more, for the hidden cells, with
    every other cell at its value. `equations` are (parts, total); `at_most` are (a, b, k): a <= k*b."""
    names = list(values)
    index = {name: i for i, name in enumerate(names)}
    rows, lower, upper = [], [], []
    for parts, total in equations:
        row = np.zeros(len(names))
        for part in parts:
            row[index[part]] += 1
        row[index[total]] -= 1
        rows.append(row)
        lower.append(0)
        upper.append(0)
    for small, large, factor in at_most:
        row = np.zeros(len(names))
        row[index[small]] += 1
        row[index[large]] -= factor
        rows.append(row)
        lower.append(-np.inf)
        upper.append(0)
    bounds = Bounds(
        [0 if name in hidden else values[name] for name in names],
        [NO_LIMIT if name in hidden else values[name] for name in names],
    )
    constraints = [LinearConstraint(np.array(rows), lower, upper)] if rows else []
    ranges = {}
    for name in hidden:
        objective = np.zeros(len(names))
        objective[index[name]] = 1
        low = milp(objective, integrality=np.ones(len(names)), bounds=bounds, constraints=constraints)
        high = milp(-objective, integrality=np.ones(len(names)), bounds=bounds, constraints=constraints)
        assert low.success and high.success, (name, low.message, high.message)
        ranges[name] = (round(low.fun), round(-high.fun))
    return ranges


def assert_protected(values, hidden, equations, at_most=()):
    shown_small = {name: value for name, value in values.items() if name not in hidden and 0 < value < 5}
    assert not shown_small, f"Counts from 1 to 4 are shown: {shown_small}"
    pinned = {
        name: low
        for name, (low, high) in value_ranges(values, hidden, equations, at_most).items()
        if low == high
    }
    assert not pinned, f"Hidden counts that can be worked out: {pinned}"
