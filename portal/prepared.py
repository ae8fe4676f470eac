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

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models.query import ModelIterable
from django.http import Http404

# The stand-in: found once among the compiled query's parameters, and replaced on every call. A
# number no row has as its id; a lookup by a key of text gives one of text.
STAND_IN = -7_101_947


class PreparedQuery:
    """`query.all()`: the instances of `make()`, a queryset with no parameter that changes, with its
    SQL compiled once (on first use, once the apps are ready)."""

    def __init__(self, make):
        self._make = make
        self._compiled = None

    def _queryset(self):
        return self._make()

    def _build(self):
        queryset = self._queryset()
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
        return field.target_field if field.is_relation else field

    def _queryset(self):
        return self._make(self._stand_in)

    def _compile(self):
        queryset, compiler, sql, params = self._build()
        stand_in = self._stand_in
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
