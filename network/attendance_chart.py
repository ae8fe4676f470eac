"""A bar chart of how many people came to any group, month by month: an SVG drawn on the server
(templates/network/includes/attendance_chart.svg), no JavaScript. It is one bar per month, a
row each, so it reads at 320 px wide; each bar has its number (or "hidden") written beside it, and
the same numbers are in the table next to it, so the chart is never the only place they are."""

from dataclasses import dataclass

WIDTH = 320
LABEL_WIDTH = 84
NUMBER_WIDTH = 56
ROW_HEIGHT = 28
BAR_HEIGHT = 18
BAR_AREA = WIDTH - LABEL_WIDTH - NUMBER_WIDTH


@dataclass(frozen=True)
class Bar:
    label: str
    words: str  # the month in full, for the description
    value: int | None
    y: int
    width: int

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 4

    @property
    def number_x(self):
        return LABEL_WIDTH + self.width + 6

    @property
    def shown(self):
        return "hidden" if self.value is None else str(self.value)


def chart(figures):
    """What the template draws: the bars, the size, and a description that says every number."""
    months = figures.months
    largest = max([row.came for row in months if row.came is not None] or [0])
    bars = [
        Bar(
            label=f"{row.month:%b %Y}",
            words=f"{row.month:%B %Y}",
            value=row.came,
            y=index * ROW_HEIGHT + 4,
            width=round(BAR_AREA * row.came / largest) if row.came and largest else 0,
        )
        for index, row in enumerate(months)
    ]
    description = "; ".join(f"{bar.words}: {bar.shown}" for bar in bars) + "."
    return {
        "bars": bars,
        "width": WIDTH,
        "height": len(bars) * ROW_HEIGHT + 8,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "description": description,
    }
