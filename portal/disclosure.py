"""Which published counts to hide so that no count from 1 to 4 can be read, or worked out from the
counts that are shown. Generic: it knows cells, their values and which cells add up to which;
each app says what it publishes (consultations/figures.py, network/attendance_figures.py).

Why hide rather than round. Rounding every count (to the nearest 5, say) would also protect small
counts, but the partnership board ranks priorities by their exact totals, and a rounded table
would put priorities in an order its own numbers do not explain, with rows and columns that no
longer add up. Hiding a few cells keeps every number that is shown exact.

Why hiding the small counts is not enough. A row that shows "online: hidden, in the room: 8,
total: 10" gives online away as 2. So after the counts from 1 to 4 are hidden (primary
suppression), more cells are hidden (secondary, or complementary, suppression):

1. Every equation that holds a hidden cell must hold at least two. While one holds only one, hide
   another cell of it, choosing the one that loses least: never a 0 while another will do; then
   one whose other equation already holds a hidden cell, so hiding it forces nothing more; then
   the smallest. A total is as good a choice as a part.
2. Rule 1 alone can still leave a cell that a chain of equations pins down. Picture the equations
   as points and each cell as a line between the (at most two) equations it is in. A hidden cell
   can be worked out exactly when its line is a bridge among the hidden lines: cut it and the
   hidden lines fall into two parts, and adding up one part's equations leaves that cell alone.
   For each such cell, hide the cheapest chain of shown non-zero cells that joins the two parts
   again, so the cell lies on a loop.

Why that is enough. Every hidden cell is at least 1: small counts are 1 to 4, and rules 1 and 2
never choose a 0 (cells that add up always offer a non-zero one next to a non-zero hidden cell;
a cell tied to hide with another, below, must be non-zero too or in no equation). Every hidden
cell lies on a loop of hidden cells. Adding 1 to the cells one way round the loop and taking 1 from the cells the
other way keeps every equation true and no cell below 0, so each hidden cell has at least two
possible values. tests/consultations/test_disclosure.py (and tests/network/test_attendance_figures.py) check exactly that with an integer
solver on random tallies: for every hidden cell, the smallest and the largest value that agree
with everything shown differ.

The loop argument needs two things of the equations, and `hidden()` refuses (ValueError) rather
than answer wrongly when either is missing: each cell is in at most two equations (a table with
row and column totals, and totals of those), and the signs agree round every loop (a + b = x,
b + c = y, a + c = z is a loop with no bridge, yet it pins a, b and c down).

Cells can also be tied to hide together, for counts that bound each other outside any equation
(people who voted for a priority, and the votes they gave it).
"""

import heapq
from collections import defaultdict
from itertools import count

SMALLEST_SHOWN = 5

# Where a cell that is in only one equation ends. Nothing holds there, so a chain may pass through.
_OPEN_END = "open end"


class Cells:
    """Cells with values, the equations between them, and which of them to hide."""

    def __init__(self):
        self._values = {}
        self._equations = []
        self._together = {}

    def add(self, key, value):
        if key in self._values:
            raise ValueError(f"{key!r} is already a cell")
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"{key!r} must be a whole number, 0 or more, not {value!r}")
        self._values[key] = value
        self._together[key] = {key}

    def adds_up(self, parts, total):
        """These cells add up to that cell."""
        parts = list(parts)
        if not parts or total in parts or len(set(parts)) != len(parts):
            raise ValueError(f"Cannot say that {parts!r} adds up to {total!r}")
        if sum(self._values[part] for part in parts) != self._values[total]:
            raise ValueError(f"{parts!r} do not add up to {total!r}")
        self._equations.append({**dict.fromkeys(parts, 1), total: -1})

    def hide_together(self, *keys):
        group = set().union(*(self._together[key] for key in keys))
        for key in group:
            self._together[key] = group

    def hidden(self):
        """The cells to hide: every count from 1 to 4, and enough others that none can be worked out."""
        ends = self._ends()
        hiding = _Hiding(ends, len(self._equations))
        for key, value in self._values.items():
            if 0 < value < SMALLEST_SHOWN:
                hiding.hide(self._together[key])
        while True:
            lone = hiding.first_lone_equation()
            if lone is not None:
                hiding.hide(self._together[self._complement(lone, ends, hiding)])
                continue
            bridge = self._first_bridge(ends, hiding.cells)
            if bridge is None:
                return frozenset(hiding.cells)
            for key in self._rejoining_cells(bridge, ends, hiding.cells):
                hiding.hide(self._together[key])

    # Rule 1

    def _complement(self, index, ends, hiding):
        def forces_more(key):
            other = ends[key][1] if ends[key][0] == index else ends[key][0]
            return other != _OPEN_END and not hiding.held[other]

        shown = [key for key in self._equations[index] if key not in hiding.cells]
        return min(shown, key=lambda key: (self._values[key] == 0, forces_more(key), self._values[key]))

    # Rule 2: the equations as a graph

    def _ends(self):
        """{cell: (equation, equation)} for cells in any equation; checks the shape is one the loop
        argument holds for."""
        memberships = defaultdict(list)
        for index, equation in enumerate(self._equations):
            for key, sign in equation.items():
                memberships[key].append((index, sign))
        if any(len(places) > 2 for places in memberships.values()):
            raise ValueError("A cell is in more than two equations")
        self._check_signs(memberships)
        return {
            key: (places[0][0], places[1][0] if len(places) == 2 else _OPEN_END)
            for key, places in memberships.items()
        }

    def _check_signs(self, memberships):
        """Turn equations round (times -1) so that every cell in two of them counts +1 in one and
        -1 in the other, as flow along a pipe does. Where that cannot be done, refuse."""
        links = defaultdict(list)
        for places in memberships.values():
            if len(places) == 2:
                (first, first_sign), (second, second_sign) = places
                flip = first_sign == second_sign
                links[first].append((second, flip))
                links[second].append((first, flip))
        direction = {}
        for start in range(len(self._equations)):
            if start in direction:
                continue
            direction[start] = 1
            stack = [start]
            while stack:
                here = stack.pop()
                for there, flip in links[here]:
                    wanted = -direction[here] if flip else direction[here]
                    if there not in direction:
                        direction[there] = wanted
                        stack.append(there)
                    elif direction[there] != wanted:
                        raise ValueError("The equations' signs do not agree round a loop")

    def _first_bridge(self, ends, hidden):
        """The first hidden cell (in the order cells were added) whose line is a bridge, or None."""
        lines = [(key, *ends[key]) for key in self._values if key in hidden and key in ends]
        bridges = _bridges(lines)
        return next((key for key, _a, _b in lines if key in bridges), None)

    def _rejoining_cells(self, bridge, ends, hidden):
        """The shown cells on the cheapest chain from one side of the bridge to the other."""
        near, far = ends[bridge]
        neighbours = defaultdict(list)
        for key, (a, b) in ends.items():
            if key != bridge:
                neighbours[a].append((b, key))
                neighbours[b].append((a, key))
        near_side = _reachable(near, neighbours, hidden)
        # What hiding a shown cell loses: its value. A 0 (costing more than every other cell
        # together) only if nothing else will do.
        zero_cost = sum(self._values.values()) + 1
        tie = count()
        queue = [(0, next(tie), point, ()) for point in near_side]
        done = set()
        while queue:
            cost, _tie, point, chain = heapq.heappop(queue)
            if point in done:
                continue
            done.add(point)
            if point == far:
                return chain
            for there, key in neighbours[point]:
                if there not in done:
                    step = 0 if key in hidden else (self._values[key] or zero_cost)
                    heapq.heappush(queue, (cost + step, next(tie), there, chain + ((key,) if step else ())))
        raise ValueError(f"Nothing can be hidden to protect {bridge!r}")


class _Hiding:
    """The cells hidden so far, and how many of them each equation holds, kept up to date as cells
    are hidden: so rule 1 finds the first equation that holds only one without going through every
    equation each time (that made a 3,000-priority consultation take half a second)."""

    def __init__(self, ends, equation_count):
        self.cells = set()
        self.held = [0] * equation_count
        self._ends = ends
        # Equations that held exactly one hidden cell when it came, first first. Cells are only
        # ever added, so an equation that now holds more never holds one again: it is dropped.
        self._lone = []

    def hide(self, keys):
        for key in keys:
            if key in self.cells:
                continue
            self.cells.add(key)
            for index in self._ends.get(key, ()):
                if index != _OPEN_END:
                    self.held[index] += 1
                    if self.held[index] == 1:
                        heapq.heappush(self._lone, index)

    def first_lone_equation(self):
        """The first equation (in the order they were said) that holds exactly one hidden cell."""
        lone = self._lone
        while lone and self.held[lone[0]] != 1:
            heapq.heappop(lone)
        return lone[0] if lone else None


def _reachable(start, neighbours, hidden):
    seen = {start}
    stack = [start]
    while stack:
        point = stack.pop()
        for there, key in neighbours[point]:
            if key in hidden and there not in seen:
                seen.add(there)
                stack.append(there)
    return seen


def _bridges(lines):
    """Keys of the lines that are bridges, for lines (key, a, b) of a graph that may have several
    lines between two points. Tarjan's method, without recursion."""
    neighbours = defaultdict(list)
    for key, a, b in lines:
        neighbours[a].append((b, key))
        neighbours[b].append((a, key))
    found_at, lowest, bridges = {}, {}, set()
    clock = count()
    for root in neighbours:
        if root in found_at:
            continue
        found_at[root] = lowest[root] = next(clock)
        stack = [(root, None, iter(neighbours[root]))]
        while stack:
            point, came_by, onward = stack[-1]
            step = next(onward, None)
            if step is None:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    lowest[parent] = min(lowest[parent], lowest[point])
                    if lowest[point] > found_at[parent]:
                        bridges.add(came_by)
                continue
            there, key = step
            if key == came_by:
                continue
            if there in found_at:
                lowest[point] = min(lowest[point], found_at[there])
            else:
                found_at[there] = lowest[there] = next(clock)
                stack.append((there, key, iter(neighbours[there])))
    return bridges
