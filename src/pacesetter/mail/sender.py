"""How mail leaves the app: one small interface (`EmailSender`) with an SMTP implementation.

Everything that sends mail takes an `EmailSender`; production builds `SmtpSender` from the
settings, and tests hand the same class a local SMTP server, not a mock.
"""

import smtplib
import ssl
from abc import ABC, abstractmethod
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from pacesetter.settings import Settings

TIMEOUT_SECONDS = 30
# Headers folded only past RFC 5322's hard limit: a subject folded right after "Subject:"
# reads back with a leading space in some mail readers.
HEADERS = policy.SMTP.clone(max_line_length=998)


@dataclass(frozen=True)
class Mail:
    """One message to one person: the same content as plain text and as HTML."""

    to: str
    subject: str
    text: str
    html: str


class EmailSender(ABC):
    @abstractmethod
    def send(self, mail: Mail) -> None:
        """Hand `mail` over for delivery; raise if it was not accepted."""


@dataclass(frozen=True)
class SmtpSender(EmailSender):
    """Sends through an SMTP server: plain, STARTTLS or TLS from the start (`tls`)."""

    host: str
    port: int
    sender: str
    tls: str = "none"
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpSender":
        return cls(
            settings.smtp_host,
            settings.smtp_port,
            settings.mail_from,
            settings.smtp_tls,
            settings.smtp_user,
            settings.smtp_password,
        )

    def send(self, mail: Mail) -> None:
        with self._connect() as smtp:
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(message_of(mail, self.sender))

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.tls == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_SECONDS, context=context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)
        if self.tls == "starttls":
            smtp.starttls(context=context)
        return smtp


def message_of(mail: Mail, sender: str) -> EmailMessage:
    """A multipart/alternative message: plain text first, HTML preferred by mail readers."""
    message = EmailMessage(policy=HEADERS)
    message["From"], message["To"], message["Subject"] = sender, mail.to, mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message
