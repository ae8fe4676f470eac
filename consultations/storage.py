"""Where made export files live: outside MEDIA_ROOT, so no web server ever serves them.

They reach people only through the download view, which checks permission again each time.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """A file system storage rooted at PRIVATE_FILES_ROOT, read when used (so tests can move it)."""

    def __init__(self):
        super().__init__(base_url="/no-public-url/")

    @property
    def base_location(self):
        return settings.PRIVATE_FILES_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public address; use the download view.")
