"""Signals accounts sends, so the apps built on it can act without accounts importing them.

`account_deleting` is sent inside the deletion's transaction, before the user row goes, with
`user`, `remove_posts` (the member chose to remove what they posted) and `reason` (what they
wrote about why, possibly empty). A receiver may return a path on this site to send the person
to once the account has gone (safeguarding's help page, when the reason had crisis words)."""

from django.dispatch import Signal

account_deleting = Signal()
