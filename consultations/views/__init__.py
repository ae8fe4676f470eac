"""The consultations' pages, one module per part of the work: members (reading, results, their
contributions), priorities (posting, changing, reporting), voting, moderation, in-room input, the
board area, exports, and the public "You said, we did". Thin views: the rules decide (rules.py),
services write, selectors read; form actions are portal.actions.ActionView subclasses."""
