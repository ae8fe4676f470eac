"""The small-count protection is shared with other apps and lives in portal.disclosure; this name
stays so existing imports keep working."""

from portal.disclosure import SMALLEST_SHOWN, Cells

__all__ = ["SMALLEST_SHOWN", "Cells"]
