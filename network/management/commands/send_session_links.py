"""The old name of send_reminders, kept so a timer or cron line that still uses it keeps working:
the link now goes in the reminder email."""

from .send_reminders import Command as SendReminders


class Command(SendReminders):
    help = "The old name of send_reminders, which now sends the online link with the reminder."
