"""Messenger contacts: what a handle is for each messenger, and its one stored writing.

Telegram: a user name ("@ivan_petrov", also given as a t.me link) or a phone number;
WhatsApp: a phone number (also given as a wa.me link); VK: a page, stored as its link
("https://vk.com/durov", given as a link, "@durov", "durov" or "id123")."""

from __future__ import annotations

import re

from crm_desktop.errors import ValidationError
from crm_desktop.i18n import _
from crm_desktop.models import MessengerKind
from crm_desktop.services.phones import normalize_phone

HANDLE_MAX = 100
_PHONE_LIKE = re.compile(r"^\+?[\d\s()\-.]{7,}$")
_TELEGRAM_LINK = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/([^/?#\s]+)/?$", re.IGNORECASE
)
_TELEGRAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_WHATSAPP_LINK = re.compile(
    r"^(?:https?://)?(?:wa\.me/|(?:api\.|web\.)?whatsapp\.com/send/?\?phone=)\+?(\d+)\S*$",
    re.IGNORECASE,
)
_VK_LINK = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?vk\.(?:com|ru)/([^/?#\s]+)/?(?:[?#]\S*)?$", re.IGNORECASE
)
_VK_NAME = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9_.]{2,32}$")


def messenger_kind(raw: MessengerKind | str, field: str = "messengers") -> MessengerKind:
    try:
        return MessengerKind(str(raw).strip().lower())
    except ValueError:
        raise ValidationError(field, _('"{value}" is not a known messenger', value=raw)) from None


def normalize_messenger(
    kind: MessengerKind | str, raw: str, field: str = "messengers"
) -> tuple[MessengerKind, str]:
    """(kind, handle) as stored; raises `ValidationError(field)` for an empty or
    impossible handle, saying what the messenger expects."""
    checked = messenger_kind(kind, field)
    text = raw.strip()
    if not text:
        raise ValidationError(field, _("Enter a user name, phone number or link"))
    if checked == MessengerKind.TELEGRAM:
        handle = _telegram(text, field)
    elif checked == MessengerKind.WHATSAPP:
        handle = _whatsapp(text, field)
    else:
        handle = _vk(text, field)
    if len(handle) > HANDLE_MAX:
        raise ValidationError(
            field, _("Too long: at most {n} characters, given {m}", n=HANDLE_MAX, m=len(handle))
        )
    return checked, handle


def _telegram(text: str, field: str) -> str:
    if _PHONE_LIKE.match(text):
        return normalize_phone(text, field)
    link = _TELEGRAM_LINK.match(text)
    name = link.group(1) if link else text.removeprefix("@")
    name = name.removeprefix("@")
    if not _TELEGRAM_NAME.match(name) or name.endswith("_"):
        raise ValidationError(
            field,
            _(
                '"{value}" is not a Telegram user name (@ and 4 to 32 Latin letters, digits'
                " or _) or phone number",
                value=text,
            ),
        )
    return "@" + name


def _whatsapp(text: str, field: str) -> str:
    link = _WHATSAPP_LINK.match(text)
    number = "+" + link.group(1) if link else text
    try:
        return normalize_phone(number, field)
    except ValidationError:
        raise ValidationError(
            field, _('"{value}" is not a phone number WhatsApp can reach', value=text)
        ) from None


def _vk(text: str, field: str) -> str:
    link = _VK_LINK.match(text)
    name = link.group(1) if link else text.removeprefix("@")
    if not _VK_NAME.match(name):
        raise ValidationError(
            field,
            _('"{value}" is not a VK page (a link like vk.com/name or the page name)', value=text),
        )
    return "https://vk.com/" + name
