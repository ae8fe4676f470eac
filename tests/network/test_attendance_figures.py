"""Attendance figures for the partnership, checked against a world counted by hand.

Now is Thursday 2 April 2026, 1pm in London (BST since Sunday 29 March).

Group A ("Allotment group"):
- February: 24 Feb, held: M1 came (her first time). 1 held, 1 booked, 1 came, 0 walk-ins, 1 new.
- March: 3 Mar held (M1, M2, M3 came; 1 walk-in); 10 Mar held (M2 came, M4 did not, M5 not
  marked; 1 walk-in); 17 Mar cancelled (M7 had a place: not counted); 29 Mar 6pm BST held (M3
  came; M6 on the waiting list: not counted).
  So 3 held, 7 booked, 5 came after signing up + 2 walk-ins = 7, and 2 new (M2, M3: M1 first
  came in February, and M2 and M3 count once each).
- April: 31 Mar 23:30 UTC is 00:30 on 1 April in London: held, in April. M4 came (her first
  time, she did not come on 10 Mar); 3 walk-ins. 3 Apr, in the future: not counted.
  So 1 held, 1 booked, 1 came + 3 walk-ins, 1 new.

Group B ("Breakfast club"): March: 5 Mar held, 6 booked, all 6 came, 5 walk-ins, 6 new.
"""

import csv
import datetime
import io
import random
import re
import zipfile

import pytest
import time_machine
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import BOARD_REPRESENTATIVES, FACILITATORS
from network.attendance_figures import ALL, PROTECTED, Period, attendance_figures, protect, tally
from network.models import SessionRegistration
from network.models.choices import RegistrationStatus
from tests.checks import assert_valid_html
from tests.consultations.disclosure_solver import assert_protected
from tests.consultations.test_exports import assert_no_identifiers
from tests.factories import MemberFactory, UserFactory, user_with_roles
from tests.factories.network import (
    GroupIndexPageFactory,
    GroupPageFactory,
    GroupSessionFactory,
    facilitator_of,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
FEB, MAR, APR = datetime.date(2026, 2, 1), datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)
PERIOD = Period(datetime.date(2026, 2, 1), datetime.date(2026, 4, 30))
QUERY = {"start": "2026-02-01", "end": "2026-04-30"}
PAGE = reverse("network:attendance_figures")


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def session(group, starts_at, *, came=(), no_show=(), unmarked=(), waiting=(), walk_ins=0, cancelled=False):
    made = GroupSessionFactory(group=group, starts_at=starts_at, walk_ins=walk_ins, cancelled=cancelled)
    for members, attended in ((came, True), (no_show, False), (unmarked, None)):
        for member in members:
            SessionRegistration.objects.create(session=made, member=member, attended=attended)
    for member in waiting:
        SessionRegistration.objects.create(session=made, member=member, status=RegistrationStatus.WAITING)
    return made


@pytest.fixture
def world(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    a = GroupPageFactory(parent=index, title="Allotment group")
    b = GroupPageFactory(parent=index, title="Breakfast club")
    m1, m2, m3, m4, m5, m6, m7 = (MemberFactory() for _ in range(7))
    session(a, at(2026, 2, 24, 18), came=[m1])
    session(a, at(2026, 3, 3, 18), came=[m1, m2, m3], walk_ins=1)
    session(a, at(2026, 3, 10, 18), came=[m2], no_show=[m4], unmarked=[m5], walk_ins=1)
    session(a, at(2026, 3, 17, 18), unmarked=[m7], cancelled=True)
    session(a, at(2026, 3, 29, 17), came=[m3], waiting=[m6])  # 6pm BST
    session(a, at(2026, 3, 31, 23, 30), came=[m4], walk_ins=3)  # 00:30 on 1 April in London
    session(a, at(2026, 4, 3, 17), unmarked=[m5])  # tomorrow
    session(b, at(2026, 3, 5, 9), came=[MemberFactory() for _ in range(6)], walk_ins=5)
    return a, b


def counted(counts, titles, title, month):
    group_id = next(pk for pk, name in titles.items() if name == title)
    return counts[(group_id, month)]


def test_the_counts_are_the_ones_counted_by_hand(world):
    with time_machine.travel(NOW, tick=False):
        counts, titles = tally(PERIOD)
    assert sorted(titles.values()) == ["Allotment group", "Breakfast club"]
    assert counted(counts, titles, "Allotment group", FEB) == {
        "sessions_held": 1, "places_booked": 1, "came_signed_up": 1, "came_walk_in": 0, "new_members": 1,
    }  # fmt: skip
    assert counted(counts, titles, "Allotment group", MAR) == {
        "sessions_held": 3, "places_booked": 7, "came_signed_up": 5, "came_walk_in": 2, "new_members": 2,
    }  # fmt: skip
    assert counted(counts, titles, "Allotment group", APR) == {
        "sessions_held": 1, "places_booked": 1, "came_signed_up": 1, "came_walk_in": 3, "new_members": 1,
    }  # fmt: skip
    assert counted(counts, titles, "Breakfast club", MAR) == {
        "sessions_held": 1, "places_booked": 6, "came_signed_up": 6, "came_walk_in": 5, "new_members": 6,
    }  # fmt: skip
    assert len(counts) == 4  # no other group and month


def test_a_member_who_first_came_before_the_period_is_not_new_in_it(world):
    with time_machine.travel(NOW, tick=False):
        counts, titles = tally(Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)))
    # M1 first came in February, outside the period: still only M2 and M3 are new in March.
    assert counted(counts, titles, "Allotment group", MAR)["new_members"] == 2


def test_the_totals_add_up_and_the_came_total_is_both_parts(world):
    with time_machine.travel(NOW, tick=False):
        counts, titles = tally(PERIOD)
    figures = protect(PERIOD, counts, titles)
    assert figures.total.sessions_held == 6
    march = next(row for row in figures.months if row.month == MAR)
    assert march.sessions_held == 4
    for row in figures.rows():
        if row.came is not None:
            assert row.came == row.came_signed_up + row.came_walk_in


# Protection: nothing from 1 to 4, nothing that can be worked out


def cell_equations(group_keys, months):
    """Every way the published counts add up: each measure's groups-by-months table with its
    totals, and came in all = signed up + walked in in every row."""
    equations = []
    for name in (*PROTECTED, "came"):
        for group in [*group_keys, ALL]:
            equations.append(([(name, group, month) for month in months], (name, group, ALL)))
        for month in [*months, ALL]:
            equations.append(([(name, group, month) for group in group_keys], (name, ALL, month)))
    for group in [*group_keys, ALL]:
        for month in [*months, ALL]:
            equations.append(
                ([("came_signed_up", group, month), ("came_walk_in", group, month)], ("came", group, month))
            )
    return equations


def exact_values(counts, titles, months):
    values = {}
    groups = list(titles)
    for name in PROTECTED:
        for group in [*groups, ALL]:
            for month in [*months, ALL]:
                keys = [
                    (g, m)
                    for g in (groups if group is ALL else [group])
                    for m in (months if month is ALL else [month])
                ]
                values[(name, group, month)] = sum(counts.get(key, {}).get(name, 0) for key in keys)
    for group in [*groups, ALL]:
        for month in [*months, ALL]:
            values[("came", group, month)] = (
                values[("came_signed_up", group, month)] + values[("came_walk_in", group, month)]
            )
    return values


def hidden_from(figures, titles):
    ids = {title: pk for pk, title in titles.items()}
    hidden = set()
    for row in figures.rows():
        group = ALL if row.group is None else ids[row.group]
        month = ALL if row.month is None else row.month
        for name in (*PROTECTED, "came"):
            if getattr(row, name) is None:
                hidden.add((name, group, month))
    return hidden


def assert_figures_protected(counts, titles, period):
    figures = protect(period, counts, titles)
    values = exact_values(counts, titles, period.months)
    hidden = hidden_from(figures, titles)
    assert_protected(values, hidden, cell_equations(list(titles), period.months))
    return figures, hidden


def test_the_small_counts_of_the_world_are_hidden_and_cannot_be_worked_out(world):
    with time_machine.travel(NOW, tick=False):
        counts, titles = tally(PERIOD)
    figures, _hidden = assert_figures_protected(counts, titles, PERIOD)
    allotment = figures.groups[0]
    march = allotment.months[1]
    assert (march.sessions_held, march.came_walk_in, march.new_members) == (3, None, None)
    assert figures.has_hidden


@pytest.mark.parametrize("seed", range(12))
def test_random_tables_are_protected(seed):
    """Random counts for a few groups over a few months, many of them small."""
    chance = random.Random(seed)
    months = PERIOD.months
    titles = {pk: f"Group {pk}" for pk in range(1, chance.randint(1, 4) + 1)}
    counts = {}
    for pk in titles:
        for month in months:
            if chance.random() < 0.8:
                came = chance.choice([0, 1, 2, 3, 5, 6, 9, 14])
                counts[(pk, month)] = {
                    "sessions_held": chance.randint(1, 4),
                    "places_booked": came + chance.choice([0, 1, 4, 7]),
                    "came_signed_up": came,
                    "came_walk_in": chance.choice([0, 1, 3, 5, 8]),
                    "new_members": chance.randint(0, came),
                }
    assert_figures_protected(counts, titles, PERIOD)


# Queries: the same number however many groups and sessions


def build(index, groups, sessions_each):
    for _ in range(groups):
        group = GroupPageFactory(parent=index)
        for week in range(sessions_each):
            session(
                group,
                at(2026, 3, 2, 18) + datetime.timedelta(days=7 * week),
                came=[MemberFactory()],
                walk_ins=2,
            )


def test_the_figures_take_three_queries_whatever_the_size(home_page, django_assert_num_queries):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    build(index, 1, 1)
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(3):
        attendance_figures(PERIOD)
    build(index, 6, 4)
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(3):
        figures = attendance_figures(PERIOD)
    assert len(figures.groups) == 7


def test_the_page_takes_the_same_number_of_queries_whatever_the_size(client, home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="groups")
    client.force_login(UserFactory(is_staff=True))
    build(index, 1, 1)
    client.get(PAGE, QUERY)  # the site's settings and the session are read once and kept
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as small:
        assert client.get(PAGE, QUERY).status_code == 200
    build(index, 6, 4)
    client.get(PAGE, QUERY)  # new pages empty the site's cached navigation: read it again first
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as large:
        assert client.get(PAGE, QUERY).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


# The page


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def text_of(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_page_shows_the_protected_figures_and_says_why_some_are_hidden(staff_client, world):
    with time_machine.travel(NOW, tick=False):
        text = text_of(staff_client.get(PAGE, QUERY))
    assert "From Sunday 1 February 2026 to Thursday 30 April 2026" in text
    assert "March 2026 3 " in text  # Allotment group, March: 3 sessions held
    assert "hidden" in text and "We hide numbers from 1 to 4" in text
    assert "People who walk in without signing up are not named, so they are never counted as new" in text
    assert "Bar chart: people who came to any group, month by month" in text
    assert_no_identifiers(text)


def test_the_chart_says_each_month_in_words_and_draws_no_bar_for_a_hidden_one(staff_client, world):
    with time_machine.travel(NOW, tick=False):
        html = staff_client.get(PAGE, QUERY).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "February 2026: hidden" in svg  # 1 came: hidden
    assert svg.count("<rect") == sum(
        1 for words in ("February", "March", "April") if f"{words} 2026: hidden" not in svg
    )


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "junk"}, "Write the first day as a date, for example 1 3 2026."),
        ({"end": "31/02/2026"}, "Write the last day as a date, for example 31 5 2026."),
        ({"start": "2026-03-10", "end": "2026-03-01"}, "The last day must be on or after the first day."),
        ({"start": "1990-01-01"}, "Choose a period of up to 3 years."),
        ({"start": "99999-01-01"}, "Write the first day as a date"),
        ({"start": "2026-02-30", "end": "x" * 500}, "Write the last day as a date"),
    ],
)
def test_bad_days_get_a_kind_message_and_figures_still(staff_client, world, query, message):
    with time_machine.travel(NOW, tick=False):
        response = staff_client.get(PAGE, query)
        file = staff_client.get(reverse("network:attendance_figures_file", args=["csv"]), query)
    text = text_of(response)
    assert "There is a problem" in text and message in text
    assert "Allotment group" in text
    assert file.status_code == 200


def test_a_period_with_no_sessions_says_so(staff_client, world):
    with time_machine.travel(NOW, tick=False):
        text = text_of(staff_client.get(PAGE, {"start": "2025-01-01", "end": "2025-01-31"}))
    assert "No group held a session on these days." in text


# Who may see it


def test_who_may_see_the_figures_and_their_files(client, world):
    group = world[0]
    people = {
        "member": (MemberFactory(), 403),
        "facilitator": (facilitator_of(group), 403),
        "facilitator elsewhere": (user_with_roles(FACILITATORS), 403),
        "board representative": (user_with_roles(BOARD_REPRESENTATIVES), 200),
        "staff": (UserFactory(is_staff=True), 200),
    }
    urls = [PAGE, *(reverse("network:attendance_figures_file", args=[kind]) for kind in ("csv", "xlsx"))]
    for name, (person, expected) in people.items():
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == expected, (name, url)
        client.logout()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("network:attendance_figures_file", args=["pdf"])).status_code == 404


def test_your_groups_links_to_the_figures_for_staff_only(client, world):
    client.force_login(UserFactory(is_staff=True))
    assert PAGE in client.get(reverse("network:my_groups")).content.decode()
    client.force_login(facilitator_of(world[0]))
    assert PAGE not in client.get(reverse("network:my_groups")).content.decode()


# The files


def csv_table(client):
    response = client.get(reverse("network:attendance_figures_file", args=["csv"]), QUERY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return text, list(csv.reader(io.StringIO(text)))


COUNT_HEADERS = ["Places booked", "Came, signed up", "Came, walked in", "Came, in all", "New to the group"]


def assert_no_small_counts(rows):
    headers = rows[0]
    for row in rows[1:]:
        for header in COUNT_HEADERS:
            value = row[headers.index(header)]
            assert value == "" or not 0 < int(float(value)) < 5, (row, header)


def test_the_csv_holds_the_page_figures_and_nothing_identifying(staff_client, world):
    with time_machine.travel(NOW, tick=False):
        text, rows = csv_table(staff_client)
        figures = attendance_figures(PERIOD)
    assert rows[0] == ["Group", "Month", "Sessions held", *COUNT_HEADERS, "About the counts"]
    assert len(rows) == 1 + len(list(figures.rows()))
    by_key = {(row[0], row[1]): row for row in rows[1:]}
    assert by_key[("Allotment group", "2026-03")][2] == "3"
    assert by_key[("Allotment group", "2026-03")][5] == ""  # 2 walk-ins: hidden
    assert by_key[("All groups", "All months")][2] == "6"
    for row in figures.rows():
        written = by_key[(row.group or "All groups", f"{row.month:%Y-%m}" if row.month else "All months")]
        assert written[3] == ("" if row.places_booked is None else str(row.places_booked))
    assert_no_small_counts(rows)
    assert_no_identifiers(text)


def xlsx_bytes(client):
    response = client.get(reverse("network:attendance_figures_file", args=["xlsx"]), QUERY)
    assert response.status_code == 200
    return response.content


def rows_by_xml(content, sheet_name):
    """The sheet read from the file's XML, with no spreadsheet library: an independent reader."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sheet = next(s for s in workbook.find("m:sheets", ns) if s.get("name") == sheet_name)
        target = targets[sheet.get(rel)].lstrip("/")
        xml = ElementTree.fromstring(archive.read(target if target.startswith("xl/") else f"xl/{target}"))
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            strings = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")) for si in strings]
    rows = []
    for row in xml.iter(f"{{{ns['m']}}}row"):
        values = {}
        for cell in row.findall("m:c", ns):
            column = re.match(r"[A-Z]+", cell.get("r")).group()
            kind = cell.get("t")
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in cell.iter(f"{{{ns['m']}}}t"))
            else:
                raw = cell.find("m:v", ns).text
                value = shared[int(raw)] if kind == "s" else raw
            values[column] = value
        width = max((ord(c) - 64 for c in values), default=0)
        rows.append([values.get(chr(65 + i), "") for i in range(width)])
    return rows


def test_the_excel_file_reads_the_same_in_openpyxl_and_in_its_own_xml(staff_client, world):
    with time_machine.travel(NOW, tick=False):
        content = xlsx_bytes(staff_client)
        _text, csv_rows = csv_table(staff_client)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["About this file", "Attendance"]
    by_openpyxl = [
        ["" if value is None else str(value) for value in row]
        for row in workbook["Attendance"].iter_rows(values_only=True)
    ]
    by_xml = rows_by_xml(content, "Attendance")

    def padded(rows):
        return [row + [""] * (len(rows[0]) - len(row)) for row in rows]

    assert padded(by_xml) == padded(by_openpyxl) == padded(csv_rows)
    assert_no_small_counts(by_xml)
    everything = " ".join(
        str(value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    )
    assert_no_identifiers(everything)
    assert "No names or contact details" in everything


@pytest.mark.xdist_group("html")  # one HTML checker run: tests/test_html_checker.py
def test_the_figures_page_is_valid_html_with_and_without_a_mistake(client, world):
    client.force_login(user_with_roles(BOARD_REPRESENTATIVES))
    page = client.get(reverse("network:attendance_figures"))
    mistake = client.get(reverse("network:attendance_figures"), {"start": "2026-03-10", "end": "2026-03-01"})
    assert "The last day must be on or after the first day." in mistake.text
    assert_valid_html({"attendance figures": page.text, "attendance figures with a mistake": mistake.text})
