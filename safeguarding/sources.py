"""Where a case's source can be read, and who else is told about it. Each app that opens cases adds, through the Wagtail hook
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


COPIES_HOOK = "register_safeguarding_copies"


def copy_addresses(case):
    """Who else gets a copy of the alerts about a case, besides the safeguarding leads. Each app
    that opens cases may add, through the Wagtail hook `register_safeguarding_copies`, a function
    (source kind, source id) -> email addresses (a group's join requests go to the member of staff
    supporting its facilitator, for example)."""
    if case.source_id is None:
        return []
    found = []
    for addresses in hooks.get_hooks(COPIES_HOOK):
        found += [address for address in addresses(case.source_kind, case.source_id) if address]
    return found
