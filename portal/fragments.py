"""Parts of signed-in pages that are the same for everyone, rendered once and shared by every app
server through the cache.

A fragment is kept under the content version (portal.page_cache), so it goes stale exactly when
a cached public page would: whenever what it shows is saved. All the fragments of one page are
read in one round trip. A fragment is not stored if the content changed while it was being
made: it may show the old content. With the cache away, every fragment is made afresh.
"""

from django.core.cache import cache
from django.template.loader import render_to_string

from .page_cache import current_version

KEEP_SECONDS = 3600


def shared_fragments(template_name, objects, *, name="object", prepare=None):
    """{object's pk: HTML of `template_name` rendered with the object as `name`}, for each object.
    The template must show nothing that depends on who is looking or when. `prepare`, if given,
    is handed the objects whose fragment must be made and returns them (the same pks) with what
    only the template reads, so a page whose fragments are all kept does not read it."""
    version = current_version()
    keys = {f"fragment:{version}:{template_name}:{obj.pk}": obj for obj in objects}
    found = cache.get_many(keys)
    to_make = {key: obj for key, obj in keys.items() if key not in found}
    if to_make and prepare is not None:
        ready = {obj.pk: obj for obj in prepare(list(to_make.values()))}
        to_make = {key: ready.get(obj.pk, obj) for key, obj in to_make.items()}
    made = {key: render_to_string(template_name, {name: obj}) for key, obj in to_make.items()}
    if made and current_version() == version:
        cache.set_many(made, timeout=KEEP_SECONDS)
    return {obj.pk: found[key] if key in found else made[key] for key, obj in keys.items()}
