"""Where a case's source can be read. Each app that opens cases adds, through the Wagtail hook
`register_safeguarding_sources`, a dict {source kind: function(source_id) -> url or None}: so
safeguarding never imports the apps built on it."""

from wagtail import hooks

SOURCES_HOOK = "register_safeguarding_sources"


def source_url(case):
    if case.source_id is None:
        return None
    for sources in hooks.get_hooks(SOURCES_HOOK):
        link = sources().get(case.source_kind)
        if link is not None:
            return link(case.source_id)
    return None
