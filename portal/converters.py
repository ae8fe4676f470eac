"""`<id:pk>` in URLs: a database id, 1 to 18 digits.

Django's `<int:...>` takes any number of digits, and a number too big for a 64-bit column makes
SQLite (and some database drivers) fail with an error instead of finding nothing. With at most
18 digits every id fits, and a longer one is simply not found (404).
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


def register():
    register_converter(IdConverter, "id")
