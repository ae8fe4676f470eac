"""Ending a person's other sessions when something about how they sign in changes.

Each sign-in is remembered (SignedInSession). When a person's roles or staff status change, when
their password changes, or when they add or remove their authenticator app, every other session
they have is ended: a session signed in under the old rules must not carry on under the new ones.
The session making the change (the person's own, when they change their own password or app) is
kept. When an account is deleted, all of its sessions go with it.
"""

from importlib import import_module

from allauth.account.signals import password_changed, password_reset, password_set
from allauth.core import context
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .models import SignedInSession

User = get_user_model()
# Changes to these fields change what a person may see, so their other sessions end.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "is_active")


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def current_session_key(user, request=None):
    """The key of the session making this change, if it is the person's own."""
    request = request or context.request
    if request is None or not hasattr(request, "session"):
        return None
    if getattr(request, "user", None) is None or request.user.pk != user.pk:
        return None
    return request.session.session_key


def end_sessions(user, *, keep=None):
    """End every session the person is signed in with, except `keep`. Returns how many ended."""
    keys = [
        key
        for key in SignedInSession.objects.filter(user_id=user.pk).values_list("session_key", flat=True)
        if key != keep
    ]
    store = _session_store()
    for key in keys:
        store(session_key=key).delete()
    SignedInSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def end_other_sessions(user, request=None):
    return end_sessions(user, keep=current_session_key(user, request))


@receiver(user_logged_in, dispatch_uid="remember_signed_in_session")
def remember_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    SignedInSession.objects.update_or_create(session_key=session.session_key, defaults={"user": user})


@receiver(user_logged_out, dispatch_uid="forget_signed_in_session")
def forget_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SignedInSession.objects.filter(session_key=session.session_key).delete()


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="roles_changed_end_sessions")
def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:
        # group.user_set.add(...): the people are in pk_set (all of the group's, when cleared).
        people = User.objects.filter(pk__in=pk_set) if pk_set else instance.user_set.all()
    else:
        people = [instance]
    for person in people:
        end_other_sessions(person)


@receiver(pre_save, sender=User, dispatch_uid="note_privileges_before_save")
def note_privileges(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not set(update_fields) & set(PRIVILEGE_FIELDS):
        # Saving the time of sign-in and the like: nothing to compare, so no query.
        instance._privileges_before = None
        return
    before = User.objects.filter(pk=instance.pk).values(*PRIVILEGE_FIELDS).first() if instance.pk else None
    instance._privileges_before = before


@receiver(post_save, sender=User, dispatch_uid="privileges_changed_end_sessions")
def privileges_changed(sender, instance, created, **kwargs):
    before = getattr(instance, "_privileges_before", None)
    if created or before is None:
        return
    if any(before[name] != getattr(instance, name) for name in PRIVILEGE_FIELDS):
        end_other_sessions(instance)


@receiver(password_changed, dispatch_uid="password_changed_end_sessions")
@receiver(password_set, dispatch_uid="password_set_end_sessions")
@receiver(password_reset, dispatch_uid="password_reset_end_sessions")
@receiver(authenticator_added, dispatch_uid="app_added_end_sessions")
@receiver(authenticator_removed, dispatch_uid="app_removed_end_sessions")
@receiver(authenticator_reset, dispatch_uid="app_reset_end_sessions")
def sign_in_changed(sender, user, request=None, **kwargs):
    # allauth names the request: app changes reach here after the transaction commits.
    end_other_sessions(user, request)


@receiver(pre_delete, sender=User, dispatch_uid="account_deleted_end_sessions")
def account_deleted(sender, instance, **kwargs):
    end_sessions(instance)
