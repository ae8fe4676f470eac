"""Django's Redis cache, carrying on when Redis is away.

Every page reads the cache (the page cache, the navigation, sign-in limits), so a Redis that is
down or restarting must not turn every page into an error. While it cannot be reached, the cache
behaves as an empty one that keeps nothing: pages are made fresh, and rate limits and the page
cache start again once it is back. Each failure is logged, at most once a minute, so monitoring
sees it.

Use it as CACHES["default"]["BACKEND"] = "portal.cache.ResilientRedisCache".
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60
_last_warning = 0.0


def _warn(error):
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning(
            "The shared cache cannot be reached; carrying on without it (%s).", type(error).__name__
        )


def _with_fallback(method, fallback):
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            _warn(error)
            return fallback(*args, **kwargs)

    wrapper.__name__ = method.__name__
    return wrapper


def _no_counter(*args, **kwargs):
    # What Django's caches raise for a missing counter: callers already handle it.
    raise ValueError("The shared cache cannot be reached.")


class ResilientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        """One redis-py client per connection pool, made once. Django makes a new one for every
        call, and making one (with its table of reply handlers) costs more than a small read from
        a Redis on the same machine. A client with a pool is safe to share between threads, and
        the pool starts afresh in a forked process."""
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client

    # add() says "added": a lock that cannot be taken must not lock everyone out of signing in.
    add = _with_fallback(RedisCacheClient.add, lambda self, key, value, timeout: True)
    get = _with_fallback(RedisCacheClient.get, lambda self, key, default: default)
    set = _with_fallback(RedisCacheClient.set, lambda self, key, value, timeout: None)
    touch = _with_fallback(RedisCacheClient.touch, lambda self, key, timeout: False)
    delete = _with_fallback(RedisCacheClient.delete, lambda self, key: False)
    get_many = _with_fallback(RedisCacheClient.get_many, lambda self, keys: {})
    has_key = _with_fallback(RedisCacheClient.has_key, lambda self, key: False)
    incr = _with_fallback(RedisCacheClient.incr, _no_counter)
    set_many = _with_fallback(RedisCacheClient.set_many, lambda self, data, timeout: None)
    delete_many = _with_fallback(RedisCacheClient.delete_many, lambda self, keys: None)
    clear = _with_fallback(RedisCacheClient.clear, lambda self: False)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
