"""A background task that fails is recorded as failed by the task queue, logged as an error, and
reported to staff by email, so a file nobody receives or an email that never left is noticed.

The report names the task and when it failed, nothing about the people it was for. Failures of
the email task itself are only logged: reporting them by email could fail the same way again.
"""

import logging

from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished

from . import mail

logger = logging.getLogger(__name__)
SUBJECT = "A background job did not finish"


@receiver(task_finished, dispatch_uid="report_failed_tasks")
def report_failed_task(sender, task_result, **kwargs):
    if task_result.status != TaskResultStatus.FAILED:
        return
    name = task_result.task.name
    logger.error("The background task %s failed.", name)
    if task_result.task.func is mail.deliver.func:
        return
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    for person in staff:
        mail.send(
            to=person.email,
            subject=SUBJECT,
            template="portal/email/task_failed.txt",
            context={"task_name": name, "failed_at": task_result.finished_at},
        )
