"""Server passwords in the OS keyring (never in a file). A machine without a keyring
backend (a headless Linux) simply has none: nothing is stored and nothing crashes."""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError

from crm_desktop.store.location import Location

log = logging.getLogger(__name__)


def service_name(location: Location) -> str:
    # Host names are case-blind, and a URL read back lower-cases them: so does the key.
    return f"crm-desktop:{location.server_name().lower()}/{location.database or ''}"


def load_password(location: Location) -> str | None:
    if location.is_sqlite or not location.user:
        return None
    try:
        return keyring.get_password(service_name(location), location.user)
    except (KeyringError, RuntimeError) as exc:
        log.info("no keyring available: %s", exc)
        return None


def save_password(location: Location, password: str) -> bool:
    """Remember the password; False when this machine has no keyring to keep it in."""
    if location.is_sqlite or not location.user:
        return False
    try:
        keyring.set_password(service_name(location), location.user, password)
    except (KeyringError, RuntimeError) as exc:
        log.info("password not saved, no keyring: %s", exc)
        return False
    return True


def load_secret(service: str, user: str) -> str | None:
    """Another secret kept in the keyring (the mail server's password ...), or None."""
    try:
        return keyring.get_password(service, user)
    except (KeyringError, RuntimeError) as exc:
        log.info("no keyring available: %s", exc)
        return None


def save_secret(service: str, user: str, secret: str) -> bool:
    """Keep a secret in the keyring; False when this machine has no keyring."""
    try:
        keyring.set_password(service, user, secret)
    except (KeyringError, RuntimeError) as exc:
        log.info("secret not saved, no keyring: %s", exc)
        return False
    return True
