"""A CSV or JSON file streams in pieces of many lines, so a 1,000-row file is a handful of writes to
the network instead of one per line, and reads back exactly as written. Each CSV cell is written
as the shared rules say (formula-like text neutralised, dates and times in ISO 8601)."""

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from portal.exports.document import NUMBER, Column, ExportDocument, Table, neutralise, plain
from portal.exports.formats import csv_rows, csv_value, json_chunks


def document(rows):
    columns = [Column("Priority", lambda row: row[0]), Column("Votes", lambda row: row[1], NUMBER)]
    return ExportDocument(
        title="Results",
        filename="results",
        about=[("Made", "today")],
        tables=[Table("Priorities", columns, lambda: ((f"Priority {n}", n) for n in range(rows)))],
        main="Priorities",
    )


def test_a_csv_of_many_rows_streams_in_a_few_pieces_and_reads_back_whole():
    pieces = list(csv_rows(document(450)))
    assert len(pieces) == 3  # 452 lines (the byte-order mark, the headers, 450 rows) in 200s
    rows = list(csv.reader(io.StringIO("".join(pieces).removeprefix("\ufeff"))))
    assert rows[0] == ["Priority", "Votes"]
    assert rows[1:] == [[f"Priority {n}", str(n)] for n in range(450)]


def test_json_streams_in_a_few_pieces_and_reads_back_whole():
    pieces = list(json_chunks(document(400)))
    assert len(pieces) == 3  # 408 parts (a row is one, the title and headers eight more) in 200s
    read = json.loads("".join(pieces))
    assert read["tables"][0]["rows"][-1] == {"Priority": "Priority 399", "Votes": 399}


def test_an_empty_table_still_makes_a_whole_file():
    assert "".join(csv_rows(document(0))) == "\ufeffPriority,Votes\r\n"
    assert json.loads("".join(json_chunks(document(0))))["tables"][0]["rows"] == []


CELLS = st.one_of(
    st.text(),
    st.sampled_from(["=SUM(A1)", "+1", "-2+3", "@x", "\tx", "\rx", "'quoted"]),
    st.integers(),
    st.none(),
    st.dates(),
    st.datetimes(timezones=st.timezones()),
)


@given(CELLS)
def test_a_cell_is_written_as_the_shared_rules_say(value):
    assert csv_value(value) == neutralise(plain(value))


@given(CELLS)
def test_a_cell_in_a_csv_file_reads_back_as_the_shared_rules_say(value):
    """Through the file itself: the writer checks text and counts without calling csv_value."""
    one_cell = ExportDocument(
        title="One cell",
        filename="one-cell",
        about=[],
        tables=[Table("Cells", [Column("Cell", lambda row: row)], lambda: [value])],
        main="Cells",
    )
    text = "".join(csv_rows(one_cell)).removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    expected = neutralise(plain(value))
    assert rows == [["Cell"], ["" if expected is None else str(expected)]]


def test_formula_like_text_is_neutralised_and_plain_text_is_not():
    assert [csv_value(v) for v in ("=1+1", "-2", "Help with forms", 3)] == [
        "'=1+1",
        "'-2",
        "Help with forms",
        3,
    ]
