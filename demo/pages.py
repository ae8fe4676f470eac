"""Shared by the demo steps: pages found by their slug and updated, never duplicated."""


def child_page(parent, model, slug, **fields):
    """The child with this slug, updated with these fields and published; created if it is missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        # add_child saves with Page.save(), which runs full_clean() itself.
        page = parent.add_child(instance=model(slug=slug, **fields))
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.full_clean()
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)
