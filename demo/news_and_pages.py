"""Demo news stories and the standard pages every site needs (about, accessibility...).
Safe to run again: everything is found by its slug and updated, never duplicated. The privacy
notice is not among them: the portal makes it from what the code keeps (/privacy/)."""

import datetime

from home.models import HomePage
from network.models import NewsIndexPage, NewsPage, StandardPage

from .pages import child_page

NEWS = [
    (
        "new-housing-drop-in",
        "Housing support now every Tuesday",
        datetime.date(2026, 11, 16),
        "A housing support worker now comes to the Net Loft every Tuesday morning.",
        ["services", "housing"],
        "<p>If you are worried about your home, your rent or where you will stay, come and talk to the "
        "housing support worker on a Tuesday between 10am and midday. You do not need to book.</p>",
    ),
    (
        "network-on-the-partnership-board",
        "Two network members join the partnership board",
        datetime.date(2026, 11, 2),
        "Network members now sit on the partnership board to say what people need and want.",
        ["network", "partnership board"],
        "<p>The partnership board decides how money for alcohol and drug services is spent in Portskerry. "
        "Two members of the network now go to every meeting to share what people have told us.</p>",
    ),
    (
        "winter-opening-hours",
        "Opening hours over the winter holidays",
        datetime.date(2026, 10, 20),
        "The hub will close for a few days over Christmas and New Year.",
        ["hub"],
        "<p>The Net Loft will be closed on Christmas Day, Boxing Day and New Year's Day. On other days we keep "
        "our usual hours. If you need help when we are closed, the phone numbers at the bottom of every page "
        "are there day and night.</p>",
    ),
    (
        "thank-you-volunteers",
        "Thank you to our volunteers",
        datetime.date(2026, 9, 28),
        "Our volunteers gave more than 500 hours this year. Thank you.",
        ["network", "volunteering"],
        "<p>Volunteers run our coffee morning, help new people feel welcome and lead two of our groups. "
        "If you would like to volunteer, ask any member of staff.</p>",
    ),
]

STANDARD_PAGES = [
    (
        "about",
        "About the network",
        "We are people affected by alcohol or drug use, and the people who care about them.",
        "<p>The Portskerry Recovery Network started at the Net Loft drop-in. Its members meet every Tuesday, "
        "support each other, and tell the partnership board what we need and want from local services.</p>"
        "<p>Anyone can join. You do not need to use your real name.</p>",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "We want everyone to be able to use this site.",
        "<p>This site should work with a screen reader, with a keyboard only, when zoomed in, and without "
        "JavaScript. We test it against the Web Content Accessibility Guidelines version 2.2, level AA.</p>"
        "<p>If something does not work for you, please tell us by phone or email and we will fix it.</p>",
    ),
    (
        "community-guidelines",
        "Community guidelines",
        "How we look after each other, online and in the room.",
        "<ul><li>Be kind. Everyone here is doing their best.</li><li>Keep other people's stories private.</li>"
        "<li>Use people's display names, not their real names.</li><li>No one has to share anything.</li></ul>",
    ),
]


def load(*, stdout):
    home = HomePage.objects.get(depth=2)
    news_index = child_page(
        home,
        NewsIndexPage,
        "news",
        title="News",
        show_in_menus=True,
        introduction="What is happening in the network and at the hub.",
    )
    for slug, title, date, summary, tags, text in NEWS:
        story = child_page(
            news_index, NewsPage, slug, title=title, date=date, summary=summary, body=[("paragraph", text)]
        )
        story.tags.set(tags, clear=True)
        story.save_revision().publish()
    # An older demo's hand-written privacy page said less than the portal keeps; /privacy/ replaces it.
    for stale in StandardPage.objects.child_of(home).filter(slug="privacy"):
        stale.delete()
    for slug, title, introduction, text in STANDARD_PAGES:
        child_page(
            home, StandardPage, slug, title=title, introduction=introduction, body=[("paragraph", text)]
        )
    stdout.write("News and pages loaded.")
