"""The portal's WSGI app as gunicorn loads it, plus /gc/ answering how many objects the worker
that answers has set aside from Python's garbage collector (gc.freeze in deploy/gunicorn.conf.py),
for tests/portal/test_production.py."""

import gc

from portal.wsgi import application as portal


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/gc/":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(gc.get_freeze_count()).encode()]
    return portal(environ, start_response)
