from django.core.management import call_command


def load_demo_content():
    with open("/dev/null", "w") as quiet:
        call_command("load_demo_content", stdout=quiet)
