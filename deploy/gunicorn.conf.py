"""gunicorn settings for one app server: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Sync workers, because nginx stands in front and buffers: it reads each request body in full
before passing it on and takes each answer in full before feeding it to a slow reader (see
deploy/nginx-portal.conf). So a worker is busy only while Django works, never while a slow
phone sends or reads. Without such a proxy, a few 1-byte-a-second uploads would hold every sync
worker; never expose these ports to the internet.

Workers: 2 per core plus 1 (gunicorn's advice), set by GUNICORN_WORKERS. Each is one Django
process; the work is short database queries, so threads or async workers gain little here and
sync workers keep each request on its own connection.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
# A request that takes longer than this is stuck: the worker is killed and replaced. The request is
# rolled back (each request is one transaction for the writes that matter), so nothing is half-done.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A fresh worker now and then keeps a slow leak from growing. The app is loaded once, in the
# master, before the workers are forked (preload_app), so a fresh worker is ready in milliseconds:
# without it each one imported Django and Wagtail again (5-8 s on a busy 2-core machine), and as
# the workers share the requests evenly they reached max_requests together, so requests waited
# seconds for both (bench/load.py found it). The jitter staggers them as well. Nothing opens a
# database or Redis connection while the app loads, so none is shared across the fork; a deploy
# restarts the service, so new code is loaded then.
preload_app = True
max_requests = 2000
max_requests_jitter = 500
# The portal writes its own one-line JSON request log (portal/request_log.py); nginx keeps an
# access log without query strings. gunicorn's own access log would repeat it, with query strings.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Only nginx on this machine talks to gunicorn; X-Forwarded-* come from it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Just before each worker is forked from the master, which has loaded the app: set aside
    every object made so far (Django, Wagtail, the apps and their settings: about 230,000) so that
    Python's garbage collector never walks them again. Without this, each full collection in a
    worker walked them all: 150-220 ms, about once in every hundred board files, on this project's
    2-core machine. What a worker makes itself is collected as before. (Objects the master let go
    of before now are never collected: it makes few.)"""
    gc.freeze()
