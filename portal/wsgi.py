import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Worked out once, as the app loads: gunicorn loads it before forking its workers (preload_app),
# so none of them reads the code again for its first request.
from portal.release import release  # noqa: E402

release()
