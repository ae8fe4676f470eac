"""Which code this app server runs: a short digest of the files that shape what the portal shows.

What the code makes and the shared cache keeps (cached pages, parts of pages, shared reads, a
consultation's figures) is kept under it, so that
- a deploy that changes a template, a model or the styles shows at once, rather than when content
  is next saved or after an hour;
- while a deploy goes from one app server to the next, servers on the old code and on the new code
  share the cache without reading each other's copies (one could not even unpickle the other's).

Worked out from what the files hold, not their dates, so every app server with the same code has
the same digest. Once per process, the first time it is asked for (about 50 ms).
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

# What shapes the portal's pages and what it keeps, in the project's folder: its apps, templates,
# styles and scripts, and the pinned versions of everything it runs on. Not tests or docs.
SOURCES = (
    "portal",
    "accounts",
    "safeguarding",
    "network",
    "consultations",
    "home",
    "demo",
    "templates",
    "static",
    "requirements.txt",
)


def _is_source(path, root):
    return not any(part == "__pycache__" or part.startswith(".") for part in path.relative_to(root).parts)


def code_digest(root, sources=SOURCES):
    """A digest of every file under `sources` in `root`: their names and what they hold."""
    root = Path(root)
    digest = hashlib.sha256()
    for source in sources:
        path = root / source
        found = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in found:
            if not file.is_file() or not _is_source(file, root):
                continue
            content = file.read_bytes()
            digest.update(f"{file.relative_to(root).as_posix()}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()[:16]


@cache
def release():
    """This process's code, as code_digest of the project's folder."""
    return code_digest(settings.BASE_DIR)
