"""Hidden counts stay hidden: no count from 1 to 4 is shown, and no hidden count can be worked out
from the shown ones.

The check is an exact integer solver (scipy's milp) that knows everything a reader knows: every
shown figure, every way they add up, that counts are whole numbers, 0 or more, and how votes and
voters bound each other. For each hidden cell it finds the smallest and the largest value that
agrees with all of that; they must differ.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultations.disclosure import Cells
from consultations.figures import ConsultationTally, PriorityTally, protect
from tests.consultations.disclosure_solver import assert_protected, value_ranges

# The engine on its own


def cells_from(values, equations):
    cells = Cells()
    for name, value in values.items():
        cells.add(name, value)
    for parts, total in equations:
        cells.adds_up(parts, total)
    return cells


def test_the_finding_online_2_in_the_room_8_total_10_cannot_be_worked_out():
    values = {"online": 2, "in the room": 8, "total": 10}
    equations = [(["online", "in the room"], "total")]
    hidden = cells_from(values, equations).hidden()
    assert "online" in hidden
    assert hidden & {"in the room", "total"}, "in the room or total must be hidden too"
    assert_protected(values, hidden, equations)


def test_the_smallest_non_zero_cell_is_hidden_with_a_small_one_and_zeros_are_shown():
    values = {"a": 3, "b": 0, "c": 9, "d": 7, "total": 19}
    equations = [(["a", "b", "c", "d"], "total")]
    assert cells_from(values, equations).hidden() == {"a", "d"}


def test_nothing_is_hidden_when_every_count_is_0_or_5_and_more():
    values = {"a": 0, "b": 5, "c": 12, "total": 17}
    assert cells_from(values, [(["a", "b", "c"], "total")]).hidden() == set()


def table_with_row_and_column_totals(grid):
    """Cells of a table, its row totals, column totals and grand total, and how they add up."""
    values, equations = {}, []
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            values[(r, c)] = value
    for r, row in enumerate(grid):
        values[("row", r)] = sum(row)
        equations.append(([(r, c) for c in range(len(row))], ("row", r)))
    for c in range(len(grid[0])):
        values[("column", c)] = sum(row[c] for row in grid)
        equations.append(([(r, c) for r in range(len(grid))], ("column", c)))
    values["all"] = sum(map(sum, grid))
    equations.append(([("row", r) for r in range(len(grid))], "all"))
    equations.append(([("column", c) for c in range(len(grid[0]))], "all"))
    return values, equations


def test_a_chain_of_equations_cannot_pin_a_cell_down():
    # Two loops of small counts joined by one more small count, (0, 2). Every row and column
    # holds two hidden cells or none, yet rows 0 and 1 minus columns 0 and 1 give (0, 2) away.
    grid = [
        [2, 3, 1, 30],
        [4, 2, 40, 50],
        [60, 70, 3, 2],
        [80, 90, 4, 1],
    ]
    values, equations = table_with_row_and_column_totals(grid)
    small = {key for key, value in values.items() if 0 < value < 5}
    assert value_ranges(values, small, equations)[(0, 2)] == (1, 1)
    hidden = cells_from(values, equations).hidden()
    assert hidden > small
    assert_protected(values, hidden, equations)


def test_cells_tied_together_hide_together():
    cells = cells_from({"votes": 12, "voters": 3, "other": 40, "total": 52}, [(["votes", "other"], "total")])
    cells.hide_together("votes", "voters")
    assert cells.hidden() == {"voters", "votes", "other"}


@pytest.mark.parametrize(
    ("values", "equations", "message"),
    [
        ({"a": 1, "b": 2, "t": 4}, [(["a", "b"], "t")], "do not add up"),
        ({"a": -1, "t": -1}, [], "0 or more"),
        ({"a": 1, "b": 1, "c": 1, "x": 2, "y": 2, "z": 2}, [(["a", "b"], "x"), (["b", "c"], "y"), (["a", "c"], "z")],
         "signs do not agree"),
        ({"a": 1, "b": 1, "x": 2, "y": 2, "z": 2}, [(["a", "b"], "x"), (["a", "b"], "y"), (["a", "b"], "z")],
         "more than two equations"),
    ],
)  # fmt: skip
def test_shapes_the_reasoning_does_not_hold_for_are_refused(values, equations, message):
    with pytest.raises(ValueError, match=message):
        cells_from(values, equations).hidden()


# A consultation's figures, as every page and file shows them


def published(tally, figures, budget, per_priority):
    """Everything a reader knows: the exact values (to check against), which are hidden, the
    equations, and the bounds between votes and voters."""
    values, hidden, equations, at_most = {}, set(), [], []

    def cell(name, exact, shown):
        values[name] = exact
        if shown is None:
            hidden.add(name)
        else:
            assert shown == exact

    themes = {}
    for p in tally.priorities:
        shown = figures.priorities[p.pk]
        cell(("O", p.pk), p.online_votes, shown.online_votes)
        cell(("S", p.pk), p.supporters, shown.supporters)
        cell(("I", p.pk), p.in_room_votes, shown.in_room_votes)
        cell(("T", p.pk), p.online_votes + p.in_room_votes, shown.total_votes)
        equations.append(([("O", p.pk), ("I", p.pk)], ("T", p.pk)))
        at_most += [(("S", p.pk), ("O", p.pk), 1), (("O", p.pk), ("S", p.pk), per_priority)]
        at_most += [(("S", p.pk), "V", 1)]
        themes.setdefault(p.theme, []).append(p)
    for theme in figures.themes:
        members = themes.pop(theme.name)
        assert theme.priorities == len(members)
        cell(("OT", theme.name), sum(p.online_votes for p in members), theme.online_votes)
        cell(("IT", theme.name), sum(p.in_room_votes for p in members), theme.in_room_votes)
        equations.append(([("O", p.pk) for p in members], ("OT", theme.name)))
        equations.append(([("I", p.pk) for p in members], ("IT", theme.name)))
    assert not themes
    online = sum(p.online_votes for p in tally.priorities)
    in_room = sum(p.in_room_votes for p in tally.priorities)
    cell("O", online, figures.online_votes)
    cell("I", in_room, figures.in_room_votes)
    cell("T", online + in_room, figures.total_votes)
    cell("V", tally.online_voters, figures.online_voters)
    cell("P", tally.participants, figures.participants)
    at_most += [("V", "O", 1), ("O", "V", budget), ("V", "P", 1)]
    if tally.priorities:
        equations.append(([("OT", theme.name) for theme in figures.themes], "O"))
        equations.append(([("IT", theme.name) for theme in figures.themes], "I"))
        equations.append((["O", "I"], "T"))
        equations.append(([("T", p.pk) for p in tally.priorities], "T"))
    return values, hidden, equations, at_most


@st.composite
def consultations(draw):
    """Random tallies with many small counts, made the way votes are: each voter spends up to
    `budget` votes, at most `per_priority` on one priority."""
    count = draw(st.integers(1, 15))
    theme_names = [f"Theme {n}" for n in range(draw(st.integers(0, 4)))]
    themes = [draw(st.sampled_from([*theme_names, None])) for _ in range(count)]
    budget = draw(st.integers(1, 5))
    per_priority = draw(st.integers(1, budget))
    online, supporters = [0] * count, [0] * count
    voters = draw(st.integers(0, 30))
    for _ in range(voters):
        left = budget
        for index in draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=budget, unique=True)):
            dots = draw(st.integers(1, min(per_priority, left))) if left else 0
            if dots:
                online[index] += dots
                supporters[index] += 1
                left -= dots
    small_or_any = st.one_of(st.integers(0, 6), st.integers(0, 60))
    priorities = [
        PriorityTally(pk, themes[pk], online[pk], supporters[pk], draw(small_or_any)) for pk in range(count)
    ]
    tally = ConsultationTally(
        priorities=priorities, online_voters=voters, participants=voters + draw(st.integers(0, 6))
    )
    return tally, budget, per_priority


@pytest.mark.slow  # minutes: `make test` starts it first
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consultations())
def test_no_hidden_count_can_be_worked_out_from_everything_published(case):
    tally, budget, per_priority = case
    figures = protect(tally)
    assert_protected(*published(tally, figures, budget, per_priority))


def test_the_finding_in_a_consultation():
    tally = ConsultationTally(
        priorities=[
            PriorityTally(1, "Housing", 2, 2, 8),
            PriorityTally(2, "Housing", 30, 25, 6),
            PriorityTally(3, "Health", 12, 12, 9),
        ],
        online_voters=40,
        participants=44,
    )
    figures = protect(tally)
    row = figures.priorities[1]
    assert row.online_votes is None and row.supporters is None
    assert row.in_room_votes is None or row.total_votes is None
    assert_protected(*published(tally, figures, budget=3, per_priority=2))
