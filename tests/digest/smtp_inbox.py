"""A real SMTP server's handler (aiosmtpd) that keeps what it receives, for the digest tests."""

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.smtp import SMTP, Envelope, Session

from pacesetter.mail.sender import SmtpSender

PUBLIC_URL = "https://pacesetter.example.com"
SENDER = "pacesetter@example.com"


class Inbox:
    """What the server accepted: each message with the envelope's recipients; `sender` sends
    to it."""

    sender: SmtpSender

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = False

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.refuse:
            return "554 Transaction failed"
        message = message_from_bytes(envelope.content, policy=policy.default)  # type: ignore[arg-type]
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
