"""Queries that many requests make (the signed-in person, the priority a vote is for, the
moderation queue), with their SQL put together once per process instead of on every request.

Putting a query's SQL together (Django's compiler) often takes longer than running it: reading the
signed-in person with their profile, roles and app took 1.7 ms on PostgreSQL, 0.66 ms of it
compiling; the priority a vote is for 0.93 ms, about half of it compiling. A PreparedQuery
compiles its query once and runs the same SQL on each call; a PreparedLookup compiles it with a
stand-in value no row has, and runs it with the real value in the stand-in's place. The rows
become model instances through Django's own ModelIterable, as in any query: select_related,
only() and annotations behave as the ORM has them (tests/portal/test_prepared.py compares the two
on both databases). This saves putting the SQL together in Python; planning it in PostgreSQL is
saved by the statements psycopg prepares there (server-side binding, portal/settings/base.py).

The compiled state is per process and only read once made, so threads may share it.

Only for a queryset whose parameters do not change between calls, apart from the one value:
no dates worked out when it is made, no settings read, always the same database. No
prefetch_related: that runs after ModelIterable, in QuerySet._fetch_all.
"""

import threading
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models.query import ModelIterable
from django.http import Http404

# The stand-in: found once among the compiled query's parameters, and replaced on every call. A
# number no row has as its id; a lookup by a key of text gives one of text.
STAND_IN = -7_101_947
# A PreparedShape keeps the SQL of at most this many lengths of its lists, the oldest going first.
SHAPES_KEPT = 32
# A moment no row has, for a query on a date and time.
STAND_IN_MOMENT = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


class PreparedQuery:
    """`query.all()`: the instances of `make()`, a queryset with no parameter that changes, with its
    SQL compiled once (on first use, once the apps are ready)."""

    def __init__(self, make):
        self._make = make
        self._compiled = None

    def _queryset(self):
        return self._make()

    def _build(self, queryset=None):
        queryset = self._queryset() if queryset is None else queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        return queryset, compiler, sql, list(params)

    def _compile(self):
        self._compiled = self._build()
        return self._compiled

    def _run(self, queryset, compiler, sql, params):
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return list(ModelIterable(_Replay(queryset, compiler, rows)))

    def all(self):
        return self._run(*(self._compiled or self._compile()))


class PreparedLookup(PreparedQuery):
    """`lookup.all(pk)`: the instances of `make(pk)`, a queryset filtered on one value of its
    model's primary key, or of `field` (the name of one of its fields, such as a foreign key:
    "voter"; or a field of another model the query filters on through a join), with the SQL
    compiled once. `stand_in`: a value of the field's type that no row has."""

    def __init__(self, make, stand_in=STAND_IN, field="pk"):
        super().__init__(make)
        self._stand_in = stand_in
        self._field = field

    def _value_field(self, model):
        field = self._field
        if isinstance(field, str):
            field = model._meta.pk if field == "pk" else model._meta.get_field(field)
        return _value_field(field)

    def _queryset(self):
        return self._make(self._stand_in)

    def _compile(self):
        queryset, compiler, sql, params = self._build()
        # As the query holds it: on PostgreSQL, a number for an integer field is typed (Int8...).
        stand_in = self._value_field(queryset.model).get_db_prep_value(
            self._stand_in, connections[queryset.db]
        )
        places = [
            index for index, param in enumerate(params) if type(param) is type(stand_in) and param == stand_in
        ]
        if len(places) != 1:
            raise ValueError(f"The stand-in must be in the query's parameters once, not {len(places)} times")
        self._compiled = (queryset, compiler, sql, params, places[0])
        return self._compiled

    def all(self, pk):
        queryset, compiler, sql, params, place = self._compiled or self._compile()
        field = self._value_field(queryset.model)
        try:
            pk = field.to_python(pk)
        except ValidationError:
            return []
        connection = connections[queryset.db]
        if isinstance(pk, int) and not _in_range(pk, field, connection):
            return []  # as the ORM answers a number too large for the column: nothing
        params = params.copy()
        params[place] = field.get_db_prep_value(pk, connection)
        return self._run(queryset, compiler, sql, params)

    def first(self, pk):
        found = self.all(pk)
        return found[0] if found else None

    def get_or_404(self, pk):
        found = self.first(pk)
        if found is None:
            raise Http404
        return found


class PreparedShape(PreparedQuery):
    """`query.all(groups=[1, 2], now=moment)`: the instances of `make(groups=..., now=...)`, a
    queryset on several values, each named with the field its values are of (`fields`:
    `groups=GroupSession._meta.get_field("group")` for a list of group ids, `now=...("ends_at")`
    for one moment, which the query may use in several places), with its SQL compiled once for
    each length of the lists given. Each value is compiled as a stand-in no row has, and the real
    value put in the stand-in's places on every call. An empty list finds nothing."""

    def __init__(self, make, **fields):
        super().__init__(make)
        self._fields = {name: _value_field(field) for name, field in fields.items()}
        self._shapes = {}
        self._lock = threading.Lock()

    def _compile_shape(self, shape):
        stand_ins, first = {}, 1
        for name, count in shape:
            values = _stand_ins(self._fields[name], count or 1, first)
            stand_ins[name] = values if count is not None else values[0]
            first += len(values)
        queryset, compiler, sql, params = self._build(self._make(**stand_ins))
        places = {}
        for name, values in self._each(stand_ins, connections[queryset.db]):
            for index, prepped in enumerate(values):
                found = [
                    at for at, param in enumerate(params) if type(param) is type(prepped) and param == prepped
                ]
                if not found:
                    raise ValueError(f"The stand-in for {name} is not among the query's parameters")
                places[(name, index)] = found
        compiled = (queryset, compiler, sql, params, places)
        with self._lock:
            while len(self._shapes) >= SHAPES_KEPT:  # lengths a visitor chose need not pile up
                self._shapes.pop(next(iter(self._shapes)))
            self._shapes[shape] = compiled
        return compiled

    def _each(self, values, connection):
        """(name, [each of its values as the database takes it])."""
        for name, value in values.items():
            field = self._fields[name]
            listed = value if isinstance(value, (list, tuple)) else [value]
            yield name, [field.get_db_prep_value(one, connection) for one in listed]

    def all(self, **values):
        if any(isinstance(value, (list, tuple)) and not value for value in values.values()):
            return []
        shape = tuple(
            (name, len(value) if isinstance(value, (list, tuple)) else None)
            for name, value in sorted(values.items())
        )
        queryset, compiler, sql, params, places = self._shapes.get(shape) or self._compile_shape(shape)
        params = params.copy()
        for name, prepped in self._each(values, connections[queryset.db]):
            for index, one in enumerate(prepped):
                for at in places[(name, index)]:
                    params[at] = one
        return self._run(queryset, compiler, sql, params)


def _value_field(field):
    """The field a value is of: for a foreign key, the key it points at (and so on: a page's key
    is its link to Wagtail's page)."""
    while field.is_relation:
        field = field.target_field
    return field


def _stand_ins(field, count, first):
    """`count` values of the field's type that no row has, different for each `first`."""
    kind = field.get_internal_type()
    if kind.endswith(("IntegerField", "AutoField")):
        return [STAND_IN - first - n for n in range(count)]
    if kind == "DateTimeField":
        return [STAND_IN_MOMENT + timedelta(microseconds=first + n) for n in range(count)]
    raise ValueError(f"No stand-in for a {kind}")


def _in_range(number, field, connection):
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is None or number >= low) and (high is None or number <= high)


class _Replay:
    """What ModelIterable reads of a queryset and of its compiler, answered from the compiler made
    once and the rows just read, so the rows become instances exactly as the ORM makes them."""

    def __init__(self, queryset, compiler, rows):
        self.db = queryset.db
        self.model = queryset.model
        self._fetch_mode = queryset._fetch_mode
        self._known_related_objects = queryset._known_related_objects
        self.query = self
        self.select = compiler.select
        self.klass_info = compiler.klass_info
        self.annotation_col_map = compiler.annotation_col_map
        self._compiler = compiler
        self._rows = rows

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self

    def execute_sql(self, *args, **kwargs):
        return [self._rows]

    def results_iter(self, results):
        return self._compiler.results_iter(results)
