"""The sync account: which API, where, as whom. Kept in the store
(``sync_state``, as JSON, no secret in it); the secret is in ``credentials``.

An endpoint must be https://; plain http:// only to this machine (loopback)
unless the user said ``--insecure`` when logging in: the API key or password
would otherwise cross the network in clear text.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.sync.base import SyncError
from ikn_tui.core.text import clean_line

KINDS = ("fever", "greader")


@dataclass(slots=True, frozen=True)
class Account:
    kind: str  # "fever" or "greader"
    url: str  # the API endpoint as the server documents it
    user: str
    insecure: bool = False  # http:// allowed beyond loopback

    @property
    def id(self) -> str:
        """What the secret is filed under."""
        return f"{self.kind} {self.url} {self.user}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Account | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(str(data["kind"]), str(data["url"]), str(data["user"]), bool(data.get("insecure")))
        except (ValueError, KeyError, TypeError):
            return None

    def describe(self) -> str:
        return clean_line(f"{self.user} at {self.url} ({self.kind})", limit=300)


def is_loopback(host: str | None) -> bool:
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_endpoint(url: str, insecure: bool = False) -> str:
    """The endpoint URL, cleaned; ``SyncError`` ("config") when it may not be used."""
    url = clean_line(url, limit=2000)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise SyncError(problem(ProblemKind.SYNC_NOT_A_URL, url=url[:100]), "config") from None
    if parts.scheme not in ("http", "https") or not host:
        raise SyncError(problem(ProblemKind.SYNC_HTTPS_NEEDED, url=url[:100]), "config")
    if parts.username or parts.password:
        raise SyncError(problem(ProblemKind.SYNC_USER_IN_URL), "config")
    if parts.scheme == "http" and not insecure and not is_loopback(host):
        raise SyncError(problem(ProblemKind.SYNC_PLAIN_HTTP, host=host), "config")
    return url
