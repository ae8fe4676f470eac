from django.http import Http404


def not_found(request, *args, **kwargs):
    raise Http404
