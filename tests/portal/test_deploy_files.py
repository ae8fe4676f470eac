"""The files in deploy/ agree with the settings and the README (make prod-check runs them)."""

import re

from tests.production_server import ROOT

DEPLOY = ROOT / "deploy"


def settings_read_from_the_environment():
    found = set()
    # The test settings (test.py) are not production's.
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        if path.name == "test.py":
            continue
        text = path.read_text()
        found |= set(re.findall(r'environ(?:\.get)?\(\s*"([A-Z_]+)"', text))
        found |= set(re.findall(r'environ\["([A-Z_]+)"\]', text))
        found |= set(re.findall(r'env_(?:bool|list)\("([A-Z_]+)"', text))
    return found


def test_the_env_example_lists_every_setting_production_reads():
    example = (DEPLOY / "portal.env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    read = settings_read_from_the_environment()
    assert {"SECRET_KEY", "REDIS_URL", "MFA_ENCRYPTION_KEYS", "EMAIL_HOST"} <= read
    assert read - listed == set()


def test_the_proxy_buffers_bodies_and_never_serves_private_files():
    config = (DEPLOY / "nginx-portal.conf").read_text()
    assert "proxy_request_buffering on;" in config
    assert "client_max_body_size 10m;" in config
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in config
    assert "proxy_set_header X-Forwarded-Proto https;" in config
    assert "private" not in config.lower().replace("private_files_root is never named", "")
    locations = re.findall(r"location (\S+)", config)
    assert locations == ["/static/", "/media/", "/"]


def test_every_scheduled_command_has_a_timer():
    commands = {
        path.stem
        for path in ROOT.glob("*/management/commands/*.py")
        # Run by hand, or (purge_old_exports, anonymise_safeguarding_cases) as apply_retention's steps.
        if path.stem
        not in {
            "__init__",
            "load_demo_content",
            "rotate_mfa_keys",
            "restore",
            "purge_old_exports",
            "anonymise_safeguarding_cases",
        }
    }
    timers = (DEPLOY / "systemd").glob("*.timer")
    services = {
        re.search(r"manage\.py (\w+)", (DEPLOY / "systemd" / f"{timer.stem}.service").read_text()).group(1)
        for timer in timers
    }
    assert commands == services
