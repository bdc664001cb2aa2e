"""Sending documents by e-mail through the office's SMTP server.

The server's settings live with the company profile (`smtp_*` columns, one set for the
office); its password lives in the OS keyring, never in the database. A failure is told
in one sentence: the server unreachable (exit 75: trying later may work), the login
refused, an address refused."""

from __future__ import annotations

import base64
import contextlib
import enum
import smtplib
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.errors import (
    BadInput,
    PermissionDenied,
    Refused,
    ServerUnavailable,
    ValidationError,
)
from crm_desktop.i18n import _
from crm_desktop.models import CompanyProfile
from crm_desktop.services.emails import normalize_email
from crm_desktop.services.users import require_admin
from crm_desktop.store.credentials import load_secret, save_secret

TIMEOUT = 20.0  # seconds for connecting and for each exchange with the server
HOST_MAX = 255


class MailSecurity(enum.StrEnum):
    STARTTLS = "starttls"  # plain connection made secure (port 587)
    SSL = "ssl"  # secure from the start (port 465)
    NONE = "none"  # no encryption (a server inside the office, port 25)


DEFAULT_PORTS = {MailSecurity.STARTTLS: 587, MailSecurity.SSL: 465, MailSecurity.NONE: 25}


class MailServerUnavailable(ServerUnavailable):
    """The mail server cannot be reached now (exit 75)."""


class MailRefused(Refused):
    """The mail server refused the login, an address or the message (exit 3)."""


class AddressRefused(MailRefused):
    """The mail server refused to deliver to an address (the others may still go)."""


class LetterUncertain(MailServerUnavailable):
    """The connection broke while a letter was handed over: it may have been delivered."""


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int | None = None  # None: the usual port of the security chosen
    security: MailSecurity = MailSecurity.STARTTLS
    login: str = ""  # "" : the server takes mail without a login
    sender: str = ""  # the From address
    password: str | None = None  # from the keyring, never stored in the database

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    def to_json(self) -> dict[str, object]:
        return {
            "host": self.host or None,
            "port": self.effective_port,
            "security": self.security.value,
            "login": self.login or None,
            "from": self.sender or None,
            "password_saved": self.password is not None,
        }


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str = "application/pdf"


def keyring_service(host: str) -> str:
    return f"crm-desktop-smtp:{host.strip().lower()}"


def parse_security(raw: MailSecurity | str, field: str = "smtp_security") -> MailSecurity:
    try:
        return MailSecurity(str(raw).strip().lower())
    except ValueError:
        raise ValidationError(
            field, _('"{value}" is not a kind of encryption (starttls, ssl or none)', value=raw)
        ) from None


def check_mail_settings(settings: MailSettings) -> MailSettings:
    """The settings tidied, or ValidationError naming the wrong field."""
    host = settings.host.strip().lower()
    if not host:
        raise ValidationError("smtp_host", _("Enter the mail server (SMTP) name"))
    if len(host) > HOST_MAX or any(ch.isspace() for ch in host):
        raise ValidationError("smtp_host", _('"{value}" is not a server name', value=host))
    if settings.port is not None and not 1 <= settings.port <= 65535:
        raise ValidationError("smtp_port", _("The port is a number from 1 to 65535"))
    if not settings.sender.strip():
        raise ValidationError("smtp_from", _("Enter the address mail is sent from"))
    sender = normalize_email(settings.sender, "smtp_from")
    return replace(
        settings,
        host=host,
        security=parse_security(settings.security),
        login=settings.login.strip(),
        sender=sender,
    )


def _profile(session: Session) -> CompanyProfile | None:
    query = select(CompanyProfile).where(CompanyProfile.deleted_at.is_(None))
    return session.scalars(query.order_by(CompanyProfile.created_at).limit(1)).first()


def load_mail_settings(session: Session, *, with_password: bool = True) -> MailSettings:
    """The office's mail settings (empty ones when not set up), with the password from
    this computer's keyring."""
    profile = _profile(session)
    if profile is None or not profile.smtp_host:
        return MailSettings()
    try:
        security = MailSecurity(profile.smtp_security or MailSecurity.STARTTLS)
    except ValueError:
        security = MailSecurity.STARTTLS
    settings = MailSettings(
        host=profile.smtp_host,
        port=profile.smtp_port,
        security=security,
        login=profile.smtp_login or "",
        sender=profile.smtp_from or "",
    )
    if with_password and settings.login:
        settings = replace(
            settings, password=load_secret(keyring_service(settings.host), settings.login)
        )
    return settings


def save_mail_settings(session: Session, settings: MailSettings) -> MailSettings:
    """Check and store the settings (not the password: `save_mail_password`). Only an
    administrator may."""
    try:
        require_admin(session)
    except PermissionDenied:
        raise PermissionDenied(
            _("Only an administrator can change the mail server settings.")
        ) from None
    checked = check_mail_settings(settings)
    profile = _profile(session)
    if profile is None:
        profile = CompanyProfile()
        session.add(profile)
    profile.smtp_host = checked.host
    profile.smtp_port = checked.port
    profile.smtp_security = checked.security.value
    profile.smtp_login = checked.login or None
    profile.smtp_from = checked.sender
    session.flush()
    return replace(checked, password=None)


def save_mail_password(settings: MailSettings, password: str) -> bool:
    """Keep the login's password in this computer's keyring; False when it has none."""
    if not settings.host or not settings.login:
        return False
    return save_secret(keyring_service(settings.host), settings.login, password)


def build_message(
    settings: MailSettings,
    to: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    """A UTF-8 message with the attachments (names may be Cyrillic)."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(body, charset="utf-8")
    for item in attachments:
        maintype, _slash, subtype = item.mime_type.partition("/")
        message.add_attachment(
            item.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=item.filename,
        )
    return message


def _connect(
    settings: MailSettings, timeout: float, context: ssl.SSLContext | None
) -> smtplib.SMTP:
    host, port = settings.host, settings.effective_port
    if settings.security == MailSecurity.SSL:
        return smtplib.SMTP_SSL(
            host, port, timeout=timeout, context=context or ssl.create_default_context()
        )
    client = smtplib.SMTP(host, port, timeout=timeout)
    try:
        client.ehlo()
        if settings.security == MailSecurity.STARTTLS:
            client.starttls(context=context or ssl.create_default_context())
            client.ehlo()
    except BaseException:
        client.close()
        raise
    return client


def _login(client: smtplib.SMTP, login: str, password: str) -> None:
    """Log in; a login or password with letters beyond ASCII ("пароль") goes as UTF-8
    through AUTH PLAIN (RFC 4616), which `smtplib` cannot send."""
    if login.isascii() and password.isascii():
        client.login(login, password)
        return
    client.ehlo_or_helo_if_needed()
    if not client.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    token = base64.b64encode(b"\0" + login.encode() + b"\0" + password.encode()).decode()
    code, answer = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


def send_document(
    settings: MailSettings,
    to: str | Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    *,
    timeout: float = TIMEOUT,
    context: ssl.SSLContext | None = None,
) -> None:
    """Send one message through the office's server. Raises MailServerUnavailable (exit
    75) when the server cannot be reached, MailRefused (exit 3) when it refuses the login,
    an address or the message, ValidationError for a wrong address or settings."""
    if not settings.configured:
        raise BadInput(_("Mail is not set up: enter the mail server in Settings → Mail"))
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        raise ValidationError("to", _("Say whom to send it to"))
    addresses = [normalize_email(address, "to") for address in recipients]
    message = build_message(settings, addresses, subject, body, attachments)
    where = f"{settings.host}:{settings.effective_port}"
    with _mapped(settings, where):
        client = _connect(settings, timeout, context)
    try:
        with _mapped(settings, where):
            if settings.login:
                _login(client, settings.login, settings.password or "")
        _hand_over(client, settings, message, addresses, where)
    finally:
        # the letter is the server's once it said so: a failing goodbye changes nothing
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def _hand_over(
    client: smtplib.SMTP,
    settings: MailSettings,
    message: EmailMessage,
    addresses: Sequence[str],
    where: str,
) -> None:
    """Give the server the message. A temporary refusal (4xx) is MailServerUnavailable
    (nothing went out: try later); a refused address or message (5xx) AddressRefused; a
    connection lost while handing it over LetterUncertain (it may have been delivered)."""
    try:
        client.send_message(message, from_addr=settings.sender, to_addrs=addresses)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _text in exc.recipients.values()]
        if codes and all(400 <= code < 500 for code in codes):
            raise _later(where, exc) from None
        raise AddressRefused(
            _(
                "The mail server {server} refused to deliver to {to}.",
                server=where,
                to=", ".join(exc.recipients) or ", ".join(addresses),
            )
        ) from None
    except smtplib.SMTPSenderRefused:
        raise MailRefused(
            _(
                "The mail server {server} refused the sender's address {sender}.",
                server=where,
                sender=settings.sender,
            )
        ) from None
    except smtplib.SMTPDataError as exc:
        if 400 <= exc.smtp_code < 500:
            raise _later(where, exc) from None
        raise AddressRefused(
            _(
                "The mail server {server} refused the message to {to}: {reason}.",
                server=where,
                to=", ".join(addresses),
                reason=_reason(exc),
            )
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise MailRefused(
            _(
                "The mail server {server} refused the message: {reason}.",
                server=where,
                reason=_reason(exc),
            )
        ) from None
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise LetterUncertain(
            _(
                "The connection with the mail server {server} broke while the letter was"
                " being handed over ({reason}): it may have been delivered.",
                server=where,
                reason=_reason(exc),
            )
        ) from None
    except smtplib.SMTPException as exc:  # e.g. the server cannot take UTF-8 addresses
        raise MailRefused(
            _(
                "The mail server {server} refused the message: {reason}.",
                server=where,
                reason=_reason(exc),
            )
        ) from None


def _later(where: str, exc: BaseException) -> MailServerUnavailable:
    return MailServerUnavailable(
        _(
            "The mail server {server} asks to try later ({reason}).",
            server=where,
            reason=_reason(exc),
        )
    )


@contextlib.contextmanager
def _mapped(settings: MailSettings, where: str) -> Iterator[None]:
    """Connecting and logging in: a failure in one sentence (nothing was sent)."""
    try:
        yield
    except smtplib.SMTPAuthenticationError:
        raise MailRefused(
            _(
                "The mail server {server} refused the login {login}: check the login and the"
                " password in Settings → Mail.",
                server=where,
                login=settings.login,
            )
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailRefused(
            _(
                "The mail server {server} does not support this ({reason}): check the"
                " encryption and the login in Settings → Mail.",
                server=where,
                reason=_reason(exc),
            )
        ) from None
    except (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected) as exc:
        raise _unavailable(where, exc) from None
    except smtplib.SMTPException as exc:
        raise MailRefused(
            _(
                "The mail server {server} refused the message: {reason}.",
                server=where,
                reason=_reason(exc),
            )
        ) from None
    except ssl.SSLError as exc:
        raise MailRefused(
            _(
                "No secure connection with the mail server {server} ({reason}): check the port"
                " and the encryption in Settings → Mail.",
                server=where,
                reason=_reason(exc),
            )
        ) from None
    except OSError as exc:  # refused, timed out, unknown host, network down
        raise _unavailable(where, exc) from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error
        detail = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{exc.smtp_code} {detail}".strip()
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


def _unavailable(where: str, exc: BaseException) -> MailServerUnavailable:
    return MailServerUnavailable(
        _(
            "Cannot reach the mail server {server} ({reason}); try again later or check"
            " Settings → Mail.",
            server=where,
            reason=_reason(exc),
        )
    )
