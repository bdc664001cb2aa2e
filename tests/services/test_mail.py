"""Sending documents through a real SMTP server (aiosmtpd) on loopback: the message with
its PDF arrives, subject, body and file name in UTF-8; a refused login, an unreachable
server and an untrusted certificate each say so in one sentence; the settings are kept
with the company profile and the password in the keyring (both databases)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import keyring
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crm_desktop.errors import BadInput, PermissionDenied, ValidationError
from crm_desktop.models import Role
from crm_desktop.services.mail import (
    Attachment,
    MailRefused,
    MailSecurity,
    MailServerUnavailable,
    MailSettings,
    load_mail_settings,
    save_mail_password,
    save_mail_settings,
    send_document,
)
from crm_desktop.services.users import add_user
from crm_desktop.store.database import Database
from tests.memory_keyring import MemoryKeyring

PDF = b"%PDF-1.4\n% a tiny stand-in for an invoice\n%%EOF\n"
LOGIN, PASSWORD = "office@vector.ru", "секрет-123"


@dataclass
class Inbox:
    """What the server received."""

    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content
        assert isinstance(content, bytes)
        message = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def check_login(
    server: Any, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode() == LOGIN and auth_data.password.decode() == PASSWORD
    )
    return AuthResult(success=ok, handled=False)


def running(inbox: Inbox, **options: Any) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    return controller


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def plain_server(inbox: Inbox) -> Iterator[Controller]:
    """A server inside the office: no encryption, no login."""
    controller = running(inbox)
    yield controller
    controller.stop()


@pytest.fixture
def login_server(inbox: Inbox) -> Iterator[Controller]:
    controller = running(inbox, authenticator=check_login, auth_require_tls=False)
    yield controller
    controller.stop()


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path


@pytest.fixture
def certificate(tmp_path: Path) -> Certificate:
    """A self-signed certificate for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    paths = Certificate(tmp_path / "server.pem", tmp_path / "server.key")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@pytest.fixture
def tls_server(inbox: Inbox, certificate: Certificate) -> Iterator[Controller]:
    """A server that wants STARTTLS before the login."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate.cert, certificate.key)
    controller = running(
        inbox, tls_context=context, require_starttls=True, authenticator=check_login
    )
    yield controller
    controller.stop()


def settings_for(controller: Controller, **changes: Any) -> MailSettings:
    values: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": controller.port,
        "security": MailSecurity.NONE,
        "sender": "office@vector.ru",
    }
    values.update(changes)
    return MailSettings(**values)


def invoice_pdf() -> Attachment:
    return Attachment("Счёт 2026-0001 от 27.11.2026.pdf", PDF)


def test_the_message_arrives_with_its_pdf(inbox: Inbox, plain_server: Controller) -> None:
    send_document(
        settings_for(plain_server),
        "Buh@Romashka.ru",
        "Счёт на оплату № 2026-0001 от 27 ноября 2026 г.",
        "Здравствуйте!\n\nНаправляем счёт на оплату — во вложении.\n",
        [invoice_pdf()],
    )
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert inbox.recipients == [["buh@romashka.ru"]]
    assert message["Subject"] == "Счёт на оплату № 2026-0001 от 27 ноября 2026 г."
    assert message["From"] == "office@vector.ru" and message["To"] == "buh@romashka.ru"
    body = message.get_body(("plain",))
    assert body is not None
    assert (
        body.get_content().replace("\r\n", "\n")
        == "Здравствуйте!\n\nНаправляем счёт на оплату — во вложении.\n"
    )
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    pdf = attachments[0]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == "Счёт 2026-0001 от 27.11.2026.pdf"
    assert pdf.get_content() == PDF


def test_a_login_is_given_and_a_refused_one_says_so(inbox: Inbox, login_server: Controller) -> None:
    good = settings_for(login_server, login=LOGIN, password=PASSWORD)
    send_document(good, "buh@romashka.ru", "Счёт", "Текст", [invoice_pdf()])
    assert len(inbox.messages) == 1

    with pytest.raises(MailRefused) as caught:
        send_document(
            settings_for(login_server, login=LOGIN, password="не тот"),
            "buh@romashka.ru",
            "Счёт",
            "Текст",
        )
    message = str(caught.value)
    assert caught.value.exit_code == 3
    assert "\n" not in message and message.count(". ") == 0
    assert f"refused the login {LOGIN}" in message and "Settings → Mail" in message
    assert len(inbox.messages) == 1  # nothing more was sent


def test_an_unreachable_server_is_exit_75(tmp_path: Path) -> None:
    closed = MailSettings(
        host="127.0.0.1", port=free_port(), security=MailSecurity.NONE, sender="a@vector.ru"
    )
    with pytest.raises(MailServerUnavailable) as caught:
        send_document(closed, "buh@romashka.ru", "Счёт", "Текст", timeout=5)
    assert caught.value.exit_code == 75
    message = str(caught.value)
    assert message.startswith(f"Cannot reach the mail server 127.0.0.1:{closed.port} (")
    assert "\n" not in message


def test_starttls_with_a_trusted_certificate(
    inbox: Inbox, tls_server: Controller, certificate: Certificate
) -> None:
    settings = settings_for(
        tls_server, security=MailSecurity.STARTTLS, login=LOGIN, password=PASSWORD
    )
    trusted = ssl.create_default_context(cafile=str(certificate.cert))
    send_document(settings, "buh@romashka.ru", "Счёт", "Текст", [invoice_pdf()], context=trusted)
    assert len(inbox.messages) == 1
    # the system's trust does not cover a self-signed certificate: refused, one sentence
    with pytest.raises(MailRefused) as caught:
        send_document(settings, "buh@romashka.ru", "Счёт", "Текст")
    assert "No secure connection with the mail server" in str(caught.value)
    # a plain connection to a server that wants STARTTLS: the login is not accepted
    with pytest.raises(MailRefused):
        send_document(
            settings_for(tls_server, login=LOGIN, password=PASSWORD),
            "buh@romashka.ru",
            "Счёт",
            "Текст",
        )
    assert len(inbox.messages) == 1


def test_wrong_addresses_and_missing_settings(plain_server: Controller) -> None:
    with pytest.raises(ValidationError) as caught:
        send_document(settings_for(plain_server), "not an address", "Счёт", "Текст")
    assert caught.value.field == "to"
    with pytest.raises(BadInput, match="Mail is not set up"):
        send_document(MailSettings(), "buh@romashka.ru", "Счёт", "Текст")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_settings_are_kept_and_the_password_in_the_keyring(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    with db.unit_of_work() as session:
        assert load_mail_settings(session) == MailSettings()
        saved = save_mail_settings(
            session,
            MailSettings(
                host=" SMTP.Yandex.ru ",
                port=465,
                security=MailSecurity.SSL,
                login=LOGIN,
                sender=" Office@Vector.RU ",
                password="not stored here",
            ),
        )
    assert saved.host == "smtp.yandex.ru" and saved.sender == "office@vector.ru"
    assert saved.password is None
    assert save_mail_password(saved, PASSWORD)
    with db.unit_of_work(write=False) as session:
        loaded = load_mail_settings(session)
    assert loaded == MailSettings(
        host="smtp.yandex.ru",
        port=465,
        security=MailSecurity.SSL,
        login=LOGIN,
        sender="office@vector.ru",
        password=PASSWORD,
    )
    assert list(memory_keyring.store.values()) == [PASSWORD]  # and nowhere in the database
    assert loaded.to_json()["password_saved"] is True


def test_settings_are_checked_and_only_an_admin_changes_them(db: Database) -> None:
    with db.unit_of_work() as session:
        with pytest.raises(ValidationError) as caught:
            save_mail_settings(session, MailSettings(host="", sender="a@vector.ru"))
        assert caught.value.field == "smtp_host"
        with pytest.raises(ValidationError) as caught:
            save_mail_settings(session, MailSettings(host="smtp.x.ru", port=70000, sender="a@b.ru"))
        assert caught.value.field == "smtp_port"
        with pytest.raises(ValidationError) as caught:
            save_mail_settings(session, MailSettings(host="smtp.x.ru", sender="nobody"))
        assert caught.value.field == "smtp_from"
        add_user(session, "petrov", Role.MANAGER, full_name="Петров Алексей")
    with db.unit_of_work() as session:
        session.info["login"] = "petrov"
        with pytest.raises(PermissionDenied):
            save_mail_settings(session, MailSettings(host="smtp.x.ru", sender="a@vector.ru"))
