"""Every email the portal can send, sent, and read as the person receiving it would read it.

Each trigger (tests/portal/email_triggers.py) makes the portal send one kind of email the way it happens for real (a form
posted, a moderator's decision, a scheduled job). The site's configured address is not the host
the requests come in on (as when `make run` uses another port, or a proxy passes a different Host),
so a link built from the request shows up as wrong. Every email template in the project must have a
trigger here: a new email without one fails `test_every_email_template_is_sent_by_a_trigger`.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import allauth
import pytest
from allauth.account import app_settings as account_settings
from django.conf import settings
from django.core import mail
from django.test import Client
from django.test.signals import template_rendered

from tests.factories.accounts import EMAILED_CODE
from tests.portal.email_triggers import ONLINE_LINK, TRIGGERS, ask_for_a_sign_in_code

pytestmark = pytest.mark.django_db

SITE = "https://network.example.org"
REQUEST_HOST = "127.0.0.1:8104"

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# allauth's words (as it writes them), and words the portal never uses in any case (the issue and
# the design's never-do list).
ALLAUTH_PHRASES = (
    "Please Confirm Your Email Address",
    "Password Reset",
    "Request Code",
    "Sign-In Code",
    "Account Already Exists",
    "Unknown Account",
    "Authenticator App",
    "Two-Factor",
)
FORBIDDEN_PHRASES = (
    "has given your email address",
    "register an account on",
    "in our database",
    "hello from",
    "thank you for using",
    "you're receiving this",
    "you are receiving this",
    "expires shortly",
    "password forgotten procedure",
    "user ",
    "127.0.0.1",
    "localhost",
    "testserver",
    REQUEST_HOST,
)
FORBIDDEN_WORDS = re.compile(r"\b(addict\w*|abuse\w*|abusing|clean)\b", re.IGNORECASE)
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


@pytest.fixture
def world(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILADMIN_BASE_URL = SITE
    return SimpleNamespace(
        client=Client(HTTP_HOST=REQUEST_HOST),
        committed=lambda: django_capture_on_commit_callbacks(execute=True),
    )


# Written in the portal's words, but nothing in this configuration sends them: each with the
# reason, checked below, so turning the feature on fails until it has a trigger.
NOT_SENT_HERE = {
    "account/email/password_reset_code": lambda: not account_settings.PASSWORD_RESET_BY_CODE_ENABLED,
    "mfa/email/webauthn_added": lambda: "webauthn" not in settings.MFA_SUPPORTED_TYPES,
    "mfa/email/webauthn_removed": lambda: "webauthn" not in settings.MFA_SUPPORTED_TYPES,
}
# allauth has this template but no code of its own sends it.
NEVER_SENT_BY_ALLAUTH = {"account/email/email_confirm"}


def email_name(template_name):
    """allauth's emails are a pair (prefix_subject.txt, prefix_message.txt): name them by prefix."""
    return re.sub(r"_(subject|message)\.(txt|html)$", "", template_name)


def email_templates_under(folder):
    """The emails whose templates are in `folder`: files in an email/ folder, but for the bases
    that the others extend."""
    return {
        email_name(path.relative_to(folder).as_posix())
        for path in folder.rglob("*")
        if path.suffix in {".txt", ".html"}
        and "/email/" in f"/{path.relative_to(folder).as_posix()}"
        and not path.name.startswith("base_")
    }


def problems_in(message):
    text = f"{message.subject}\n{message.body}"
    problems = [f"says {phrase!r}" for phrase in ALLAUTH_PHRASES if phrase in text]
    problems += [f"says {phrase!r}" for phrase in FORBIDDEN_PHRASES if phrase in text.lower()]
    problems += [f"says {word!r}" for word in FORBIDDEN_WORDS.findall(text)]
    if "example.com" in text and "example.com" not in SITE:
        problems.append("names example.com, which is not the site's address")
    capitals = [word for word in re.findall(r"\b[A-Z][a-z]+", message.subject)[1:] if word not in WEEKDAYS]
    if capitals or "\n" in message.subject or not message.subject.strip():
        problems.append(f"subject {message.subject!r} is not one plain sentence")
    for link in re.findall(r"https?://[^\s<>\"')]+", message.body):
        if not link.startswith(f"{SITE}/") and link not in {SITE, ONLINE_LINK}:
            problems.append(f"links to {link}, not the site's address {SITE}")
    return problems


@pytest.fixture
def rendered():
    names = set()

    def note(sender, template, **kwargs):
        names.add(email_name(template.name or ""))

    template_rendered.connect(note)
    yield names
    template_rendered.disconnect(note)


@pytest.mark.parametrize("template", list(TRIGGERS))
def test_each_email_is_in_plain_neutral_words_and_links_to_the_site(world, rendered, template):
    with world.committed():
        TRIGGERS[template](world)
    assert template in rendered, f"{TRIGGERS[template].__name__} did not send {template}"
    assert mail.outbox, f"{TRIGGERS[template].__name__} sent nothing"
    problems = {f"{m.subject!r} to {m.to}": problems_in(m) for m in mail.outbox}
    assert not {subject: found for subject, found in problems.items() if found}


def test_emailed_codes_say_how_long_they_work_from_the_settings(world, settings):
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
    ask_for_a_sign_in_code(world)
    assert "It works for 10 minutes." in mail.outbox[-1].body
    assert re.search(EMAILED_CODE, mail.outbox[-1].body, re.MULTILINE)


def test_every_email_template_is_sent_by_a_trigger():
    on_disk = set()
    for config in settings.TEMPLATES:
        for folder in config["DIRS"]:
            on_disk |= email_templates_under(Path(folder))
    for app in ("portal", "accounts", "safeguarding", "home", "network", "consultations", "demo"):
        folder = Path(settings.BASE_DIR) / app / "templates"
        if folder.is_dir():
            on_disk |= email_templates_under(folder)
    assert on_disk - set(TRIGGERS) - set(NOT_SENT_HERE) == set(), "an email template with no trigger"
    assert set(TRIGGERS) - on_disk == set(), "a trigger for a template that is not there"
    assert {name: reason() for name, reason in NOT_SENT_HERE.items()} == dict.fromkeys(NOT_SENT_HERE, True)


def test_every_email_allauth_can_send_is_in_the_portals_words():
    installed = Path(allauth.__file__).parent / "templates"
    allauths = {
        f"{app}/{name}" for app in ("account", "mfa") for name in email_templates_under(installed / app)
    }
    ours = email_templates_under(TEMPLATES)
    assert allauths - NEVER_SENT_BY_ALLAUTH - ours == set()
