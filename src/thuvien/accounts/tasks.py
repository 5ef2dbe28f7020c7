"""Tasks of the accounts app: the password-reset mail, sent by the worker.

Sent inside the request, the mail made the answer for an existing address about ten times
slower than for an unknown one: the time told who has an account. The request now only queues
this task (the same short answer for any address); the worker makes the link and sends it.
"""

from __future__ import annotations

import logging

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .models import User

log = logging.getLogger(__name__)


@db_task(retries=3, retry_delay=60)
def password_reset_mail_send(
    *,
    user_id: int,
    domain: str,
    site_name: str,
    protocol: str,
    language: str,
    subject_template_name: str,
    email_template_name: str,
    from_email: str | None,
) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return False
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    with translation.override(language):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
    EmailMultiAlternatives(subject, body, from_email, [user.email]).send()
    log.info("accounts: password reset mail sent to user %s", user.pk)
    return True


@db_periodic_task(crontab(minute="*/5"))
def security_alerts_send() -> int:
    """Every five minutes: mail each network's administrators about a burst of security events
    (throttled inside ``security_alert_check``). Returns how many alerts went out."""
    from thuvien.network.models import Network

    from .security_events import security_alert_check

    sent = 0
    for network in Network.objects.filter(is_active=True):
        try:
            sent += security_alert_check(network=network)
        except Exception:  # one network's failure (a mail server down) must not stop the rest
            log.exception("security alert for network %s failed", network.pk)
    return sent
