"""A failure as a kind plus details, not as a sentence.

The core never speaks the interface's language (``ui/`` and ``cli/`` do, through
``ikn_tui.ui.problem_words``). It describes what went wrong as a ``Problem``: a
``ProblemKind`` and a few details (a host, a status code, a file name), already
cleaned, and optionally ``where`` it happened (the source or feed). ``str()`` gives
one English line for logs and JSON output; the reader and the command line word the
kind in the current language. A stored problem (a feed's last error) is kept as JSON
(``to_json``/``from_stored``) so it can be worded again in another language later;
old stored English text comes back as a ``TEXT`` problem, shown as it is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ikn_tui.core.text import clean_line


class ProblemKind(StrEnum):
    # Outside text we cannot word (old stored English lines, a library's message).
    TEXT = "text"
    # Fetching (core/fetch).
    URL_SCHEME = "url-scheme"
    TIMEOUT = "timeout"
    CONNECT_TIMEOUT = "connect-timeout"
    READ_TIMEOUT = "read-timeout"
    DNS = "dns"
    REFUSED = "refused"
    TLS_CERTIFICATE = "tls-certificate"
    TLS = "tls"
    CONNECT = "connect"
    INVALID_URL = "invalid-url"
    NETWORK = "network"
    FETCH_FAILED = "fetch-failed"
    BAD_REDIRECT = "bad-redirect"
    HEADERS_TOO_LARGE = "headers-too-large"
    CLOSED_EARLY = "closed-early"
    INVALID_RESPONSE = "invalid-response"
    HTTP_STATUS = "http-status"
    HTTP_GONE = "http-gone"
    HTTP_RETRY = "http-retry"
    POST_REDIRECT = "post-redirect"
    REDIRECT_SCHEME = "redirect-scheme"
    REDIRECT_INVALID = "redirect-invalid"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    TOO_LARGE = "too-large"
    TOO_LARGE_DECOMPRESSED = "too-large-decompressed"
    ENCODING = "encoding"
    DECOMPRESS = "decompress"
    UNASKED_304 = "unasked-304"
    # Feeds (core/feeds).
    FEED_UNPARSABLE = "feed-unparsable"
    FEED_EMPTY = "feed-empty"
    FEED_IS_HTML = "feed-is-html"
    FEED_NO_MARKUP = "feed-no-markup"
    FEED_NO_ROOT = "feed-no-root"
    FEED_BROKEN = "feed-broken"
    FEED_NOT_WELL_FORMED = "feed-not-well-formed"
    FEED_NO_ENTRIES = "feed-no-entries"
    FEED_NO_USABLE_ENTRIES = "feed-no-usable-entries"
    FEED_ITEMS_SKIPPED = "feed-items-skipped"
    FEED_DTD_IGNORED = "feed-dtd-ignored"
    FEED_CHAR_REFS = "feed-char-refs"
    FEED_DUPLICATES = "feed-duplicates"
    FEED_SHARED_GUIDS = "feed-shared-guids"
    JSON_FEED_INVALID = "json-feed-invalid"
    JSON_FEED_NESTED = "json-feed-nested"
    JSON_FEED_EMPTY = "json-feed-empty"
    JSON_FEED_BROKEN = "json-feed-broken"
    JSON_FEED_NOT_OBJECT = "json-feed-not-object"
    JSON_FEED_ITEMS = "json-feed-items"
    JSON_FEED_NO_VERSION = "json-feed-no-version"
    OPML_EMPTY = "opml-empty"
    OPML_NO_ELEMENTS = "opml-no-elements"
    OPML_BROKEN = "opml-broken"
    OPML_ENTITIES = "opml-entities"
    OPML_TOO_LARGE = "opml-too-large"
    OPML_INVALID = "opml-invalid"
    OPML_ROOT = "opml-root"
    OPML_NO_OUTLINES = "opml-no-outlines"
    # Sources (core/sources, reader_mode, follow).
    EMPTY_FILE = "empty-file"
    EMPTY_RESPONSE = "empty-response"
    NO_ARTICLE_TEXT = "no-article-text"
    NO_TITLE_LINE = "no-title-line"
    UNREADABLE = "unreadable"
    NESTED_TOO_DEEPLY = "nested-too-deeply"
    DOCUMENT_TOO_LARGE = "document-too-large"
    XML_NOT_FEED = "xml-not-feed"
    UNSUPPORTED_CONTENT = "unsupported-content"
    NO_SUCH_FILE = "no-such-file"
    FILE_TOO_LARGE = "file-too-large"
    PERMISSION_DENIED = "permission-denied"
    IS_A_FOLDER = "is-a-folder"
    CANNOT_READ = "cannot-read"
    FOLDER_TRUNCATED = "folder-truncated"
    FOLDER_EMPTY = "folder-empty"
    ONLY_WEB_URLS = "only-web-urls"
    OFFLINE = "offline"
    NOT_AN_ARTICLE = "not-an-article"
    NO_ARTICLE = "no-article"
    NO_FULL_TEXT = "no-full-text"
    NO_WEB_URL = "no-web-url"
    LINK_NOT_FOUND = "link-not-found"
    LINK_NOT_FOUND_OFFLINE = "link-not-found-offline"
    NOT_STORED = "not-stored"
    # Refresh (core/refresh).
    FEED_GONE = "feed-gone"
    FEED_WAIT = "feed-wait"
    # Subscribing (core/subscribe).
    FEED_URL_NEEDED = "feed-url-needed"
    FEED_URL_SPACES = "feed-url-spaces"
    FEED_URL_INVALID = "feed-url-invalid"
    FEED_URL_SCHEME = "feed-url-scheme"
    FEED_URL_NO_HOST = "feed-url-no-host"
    # The store (core/store): StoreError.problem.
    DB_DAMAGED = "db-damaged"
    DB_DAMAGED_NOT_SAVED = "db-damaged-not-saved"
    DB_READONLY = "db-readonly"
    DB_FULL = "db-full"
    DB_LOCKED = "db-locked"
    DB_CANNOT_OPEN = "db-cannot-open"
    DB_ERROR = "db-error"
    DB_TOO_NEW = "db-too-new"
    DB_CLOSED = "db-closed"
    DB_NONE_TO_RECOVER = "db-none-to-recover"
    DB_UNREADABLE = "db-unreadable"
    DB_RECOVERY_FAILED = "db-recovery-failed"
    DB_CANNOT_REPLACE = "db-cannot-replace"
    DB_CANNOT_WRITE = "db-cannot-write"
    DB_BACKUP_FAILED = "db-backup-failed"
    DB_BACKUP_CANNOT_OPEN = "db-backup-cannot-open"
    DB_NOT_OURS = "db-not-ours"
    DB_BACKUP_DAMAGED = "db-backup-damaged"
    DB_BACKUP_UNREADABLE = "db-backup-unreadable"
    DB_RESTORE_FAILED = "db-restore-failed"
    DB_CANNOT_CREATE = "db-cannot-create"
    DB_CANNOT_MOVE = "db-cannot-move"
    FEED_URL_EMPTY = "feed-url-empty"
    EXPORT_FORMAT = "export-format"
    RETENTION_LIMITS = "retention-limits"
    # Sync (core/sync): SyncError.problem.
    SYNC_CREDENTIALS = "sync-credentials"
    SYNC_NOT_JSON = "sync-not-json"
    SYNC_BAD_ID = "sync-bad-id"
    SYNC_UNREACHABLE = "sync-unreachable"
    SYNC_HTTP = "sync-http"
    SYNC_PROTOCOL = "sync-protocol"  # the server broke the protocol: its details stay technical (English)
    SYNC_NOT_A_URL = "sync-not-a-url"
    SYNC_HTTPS_NEEDED = "sync-https-needed"
    SYNC_USER_IN_URL = "sync-user-in-url"
    SYNC_NO_ACCOUNT = "sync-no-account"
    SYNC_NO_PASSWORD = "sync-no-password"
    SYNC_UNKNOWN_KIND = "sync-unknown-kind"
    SYNC_EMPTY_USER = "sync-empty-user"
    SYNC_API_KEY = "sync-api-key"
    SYNC_NO_AUTH_TOKEN = "sync-no-auth-token"
    SYNC_PLAIN_HTTP = "sync-plain-http"
    SYNC_NO_WRITE_TOKEN = "sync-no-write-token"
    SYNC_MISSING = "sync-missing"
    SYNC_FEED_NO_ID = "sync-feed-no-id"
    SYNC_FEED_NO_URL = "sync-feed-no-url"
    SYNC_MALFORMED = "sync-malformed"
    SYNC_DUPLICATE = "sync-duplicate"
    SYNC_DUPLICATE_IN = "sync-duplicate-in"
    SYNC_ENDLESS = "sync-endless"
    SYNC_NOT_ACCEPTED = "sync-not-accepted"
    SYNC_NOT_SERVED = "sync-not-served"
    SYNC_OLDER = "sync-older"
    SYNC_NO_SECRET = "sync-no-secret"
    SYNC_FILE_UNREADABLE = "sync-file-unreadable"
    SYNC_FILE_UNWRITABLE = "sync-file-unwritable"
    SYNC_FILE_OPEN = "sync-file-open"
    SYNC_FILE_OWNER = "sync-file-owner"
    SYNC_FILE_BROKEN = "sync-file-broken"
    # The settings file (ikn_tui/settings.py, ui/config.py): "file" names it.
    CONFIG_KEYS_NOT_TEXT = "config-keys-not-text"
    CONFIG_KEYS_NOT_TABLE = "config-keys-not-table"
    CONFIG_NOT_TABLE = "config-not-table"
    CONFIG_UNKNOWN = "config-unknown"
    CONFIG_BAD_VALUE = "config-bad-value"
    CONFIG_BAD_VALUE_UNSET = "config-bad-value-unset"
    CONFIG_UNREADABLE = "config-unreadable"
    CONFIG_NOT_UTF8 = "config-not-utf8"
    CONFIG_NOT_TOML = "config-not-toml"
    CONFIG_OLD_UNREADABLE = "config-old-unreadable"
    CONFIG_OLD_NOT_OBJECT = "config-old-not-object"
    CONFIG_OLD_NOT_MOVED = "config-old-not-moved"
    CONFIG_OLD_MOVE_FAILED = "config-old-move-failed"
    CONFIG_OLD_MOVED = "config-old-moved"
    CONFIG_THEME = "config-theme"
    CONFIG_KEY_UNKNOWN_ID = "config-key-unknown-id"
    CONFIG_KEY_EMPTY = "config-key-empty"
    CONFIG_KEY_TAKEN = "config-key-taken"
    CONFIG_KEY_KEPT = "config-key-kept"
    CONFIG_KEY_KEPT_CLASH = "config-key-kept-clash"


# One English line per kind, for logs, JSON output and ``str()``.
ENGLISH: Mapping[ProblemKind, str] = {
    ProblemKind.TEXT: "{text}",
    ProblemKind.URL_SCHEME: "unsupported URL scheme: {scheme}",
    ProblemKind.TIMEOUT: "timed out after {seconds} s",
    ProblemKind.CONNECT_TIMEOUT: "timed out after {seconds} s connecting to {host}",
    ProblemKind.READ_TIMEOUT: "timed out after {seconds} s waiting for {host}",
    ProblemKind.DNS: "cannot resolve host {host}",
    ProblemKind.REFUSED: "connection refused by {host}",
    ProblemKind.TLS_CERTIFICATE: "TLS certificate problem for {host}",
    ProblemKind.TLS: "TLS error with {host}: {detail}",
    ProblemKind.CONNECT: "cannot connect to {host}: {detail}",
    ProblemKind.INVALID_URL: "invalid URL: {detail}",
    ProblemKind.NETWORK: "network error with {host}: {detail}",
    ProblemKind.FETCH_FAILED: "fetch failed: {detail}",
    ProblemKind.BAD_REDIRECT: "{host} redirected to an invalid Location (control characters or not a URL)",
    ProblemKind.HEADERS_TOO_LARGE: "{host} sent response headers that are too large",
    ProblemKind.CLOSED_EARLY: "connection to {host} closed before the response was complete",
    ProblemKind.INVALID_RESPONSE: "{host} sent an invalid HTTP response",
    ProblemKind.HTTP_STATUS: "HTTP {code} {phrase}",
    ProblemKind.HTTP_GONE: "HTTP {code} {phrase} (feed removed)",
    ProblemKind.HTTP_RETRY: "HTTP {code} {phrase} (retry after {seconds} s)",
    ProblemKind.POST_REDIRECT: "HTTP {code}: the server redirects to {target}",
    ProblemKind.REDIRECT_SCHEME: "redirect to unsupported scheme: {scheme}",
    ProblemKind.REDIRECT_INVALID: "redirect to an unsupported or invalid URL",
    ProblemKind.TOO_MANY_REDIRECTS: "too many redirects (more than {count})",
    ProblemKind.TOO_LARGE: "response too large (> {size})",
    ProblemKind.TOO_LARGE_DECOMPRESSED: "response too large after decompression (> {size})",
    ProblemKind.ENCODING: "unsupported content encoding: {coding}",
    ProblemKind.DECOMPRESS: "cannot decompress the response: {detail}",
    ProblemKind.UNASKED_304: "HTTP 304 Not Modified to a request that had no ETag or date to compare",
    ProblemKind.FEED_UNPARSABLE: "cannot parse feed: {reason}",
    ProblemKind.FEED_EMPTY: "empty feed body",
    ProblemKind.FEED_IS_HTML: "not a feed: looks like an HTML page",
    ProblemKind.FEED_NO_MARKUP: "not a feed: no markup (plain text?)",
    ProblemKind.FEED_NO_ROOT: "not a feed: no RSS or Atom root element",
    ProblemKind.FEED_BROKEN: "broken feed: feed is not well-formed XML ({detail}); parsed leniently",
    ProblemKind.FEED_NOT_WELL_FORMED: "feed is not well-formed XML ({detail}); parsed leniently",
    ProblemKind.FEED_NO_ENTRIES: "feed has no entries",
    ProblemKind.FEED_NO_USABLE_ENTRIES: "no usable entries",
    ProblemKind.FEED_ITEMS_SKIPPED: "{read} of {total} items read; {skipped} skipped: {reasons}",
    ProblemKind.FEED_DTD_IGNORED: "unsafe DTD entity declarations ignored",
    ProblemKind.FEED_CHAR_REFS: "invalid character references replaced with \ufffd: {count}",
    ProblemKind.FEED_DUPLICATES: "duplicate entries skipped: {count}",
    ProblemKind.FEED_SHARED_GUIDS: "entries that shared a guid (made unique): {count}",
    ProblemKind.JSON_FEED_INVALID: "not a JSON Feed: {detail}",
    ProblemKind.JSON_FEED_NESTED: "not a JSON Feed: the JSON is nested too deeply",
    ProblemKind.JSON_FEED_EMPTY: "not a JSON Feed: the document is empty",
    ProblemKind.JSON_FEED_BROKEN: "not a JSON Feed: broken JSON ({detail} at line {line} column {column})",
    ProblemKind.JSON_FEED_NOT_OBJECT: "not a JSON Feed: the top level is not an object",
    ProblemKind.JSON_FEED_ITEMS: 'not a JSON Feed: "items" is missing or not a list',
    ProblemKind.JSON_FEED_NO_VERSION: "not a JSON Feed: no jsonfeed.org version and no items",
    ProblemKind.OPML_EMPTY: "not OPML: the file is empty",
    ProblemKind.OPML_NO_ELEMENTS: "not OPML: no XML elements",
    ProblemKind.OPML_BROKEN: "not OPML: broken XML ({detail})",
    ProblemKind.OPML_ENTITIES: "not OPML: entity declarations are not allowed",
    ProblemKind.OPML_TOO_LARGE: "not OPML: the document is too large or too deeply nested",
    ProblemKind.OPML_INVALID: "not OPML: {detail}",
    ProblemKind.OPML_ROOT: "not OPML: the document is <{tag}>",
    ProblemKind.OPML_NO_OUTLINES: "not OPML: broken XML with no readable feed outlines",
    ProblemKind.EMPTY_FILE: "empty file",
    ProblemKind.EMPTY_RESPONSE: "empty response",
    ProblemKind.NO_ARTICLE_TEXT: "no article text found in this page",
    ProblemKind.NO_TITLE_LINE: "no title line in this text file",
    ProblemKind.UNREADABLE: "unreadable: {detail}",
    ProblemKind.NESTED_TOO_DEEPLY: "document is nested too deeply to read",
    ProblemKind.DOCUMENT_TOO_LARGE: "document is too large to read",
    ProblemKind.XML_NOT_FEED: "XML but not RSS, Atom or OPML",
    ProblemKind.UNSUPPORTED_CONTENT: (
        "unsupported content (not a feed, an article page, OPML, JSON Feed or a text dump)"
    ),
    ProblemKind.NO_SUCH_FILE: "no such file or folder",
    ProblemKind.FILE_TOO_LARGE: "file too large ({size}, limit {limit})",
    ProblemKind.PERMISSION_DENIED: "permission denied",
    ProblemKind.IS_A_FOLDER: "is a folder",
    ProblemKind.CANNOT_READ: "cannot read ({detail})",
    ProblemKind.FOLDER_TRUNCATED: "stopped after {count} files",
    ProblemKind.FOLDER_EMPTY: "folder holds no supported files (.html, .xml, .txt, .json, .opml)",
    ProblemKind.ONLY_WEB_URLS: "only http and https URLs are supported",
    ProblemKind.OFFLINE: "offline: URLs are not fetched",
    ProblemKind.NOT_AN_ARTICLE: "is a {found}, not an article page",
    ProblemKind.NO_ARTICLE: "no article on the page",
    ProblemKind.NO_FULL_TEXT: "full text not found on the page",
    ProblemKind.NO_WEB_URL: "this article has no web URL",
    ProblemKind.LINK_NOT_FOUND: "not found: {title}",
    ProblemKind.LINK_NOT_FOUND_OFFLINE: "not found (offline): {title}",
    ProblemKind.NOT_STORED: "not stored: {cause}",
    ProblemKind.FEED_GONE: "feed is gone (HTTP 410); remove it or add it again",
    ProblemKind.FEED_WAIT: "server asked to wait until {until}",
    ProblemKind.FEED_URL_NEEDED: "a feed URL is needed",
    ProblemKind.FEED_URL_SPACES: "{url} is not a feed URL: it has spaces or control characters in it",
    ProblemKind.FEED_URL_INVALID: "{url} is not a valid URL",
    ProblemKind.FEED_URL_SCHEME: "{url} is not a feed URL: only http:// and https:// are supported",
    ProblemKind.FEED_URL_NO_HOST: "{url} is not a feed URL: it names no host",
    ProblemKind.DB_DAMAGED: "database is damaged: {path} (run 'ikn-read store recover')",
    ProblemKind.DB_DAMAGED_NOT_SAVED: (
        "database is damaged, changes are not saved: {path} (run 'ikn-read store recover')"
    ),
    ProblemKind.DB_READONLY: "database is read-only: {path}",
    ProblemKind.DB_FULL: "disk full while writing {path}",
    ProblemKind.DB_LOCKED: "database is locked by another ikn-read",
    ProblemKind.DB_CANNOT_OPEN: "cannot open database: {path}",
    ProblemKind.DB_ERROR: "database error: {detail} ({path})",
    ProblemKind.DB_TOO_NEW: "database was written by a newer ikn-read: {path}",
    ProblemKind.DB_CLOSED: "database is closed",
    ProblemKind.DB_NONE_TO_RECOVER: "no database to recover: {path}",
    ProblemKind.DB_UNREADABLE: "cannot read the damaged file: {detail}",
    ProblemKind.DB_RECOVERY_FAILED: "recovery failed: {detail}",
    ProblemKind.DB_CANNOT_REPLACE: "cannot replace {path}: {detail}",
    ProblemKind.DB_CANNOT_WRITE: "cannot write {path}: {detail}",
    ProblemKind.DB_BACKUP_FAILED: "backup failed: {detail}",
    ProblemKind.DB_BACKUP_CANNOT_OPEN: "cannot open the backup: {path}",
    ProblemKind.DB_NOT_OURS: "not an ikn-read database: {path}",
    ProblemKind.DB_BACKUP_DAMAGED: "the backup is damaged too ({detail}): {path}",
    ProblemKind.DB_BACKUP_UNREADABLE: "not a backup this ikn-read can read: {path}",
    ProblemKind.DB_RESTORE_FAILED: "restore failed: {detail}",
    ProblemKind.DB_CANNOT_CREATE: "cannot create {path}: {detail}",
    ProblemKind.DB_CANNOT_MOVE: "cannot move {path} aside: {detail}",
    ProblemKind.FEED_URL_EMPTY: "feed URL is empty",
    ProblemKind.EXPORT_FORMAT: "unknown export format: {format} (use md or json)",
    ProblemKind.RETENTION_LIMITS: "retention limits must be 0 (no limit) or more",
    ProblemKind.SYNC_CREDENTIALS: "{what} refused the credentials (HTTP {code}): run 'ikn-read sync login' again",
    ProblemKind.SYNC_NOT_JSON: "{what} answered something that is not JSON",
    ProblemKind.SYNC_BAD_ID: "{what} sent an item id that is not a number",
    ProblemKind.SYNC_UNREACHABLE: "{what}: {cause}",
    ProblemKind.SYNC_HTTP: "{what}: HTTP {code}",
    ProblemKind.SYNC_PROTOCOL: "{detail}",
    ProblemKind.SYNC_NOT_A_URL: "not a URL: {url}",
    ProblemKind.SYNC_HTTPS_NEEDED: "the server URL must be https://HOST/...: {url}",
    ProblemKind.SYNC_USER_IN_URL: "put the user name after the URL, not in it",
    ProblemKind.SYNC_NO_ACCOUNT: "no sync account: run 'ikn-read sync login fever|greader URL USER'",
    ProblemKind.SYNC_NO_PASSWORD: "no stored password for {account}: run 'ikn-read sync login' again",
    ProblemKind.SYNC_UNKNOWN_KIND: "unknown server kind: {server} (use {kinds})",
    ProblemKind.SYNC_EMPTY_USER: "the user name is empty",
    ProblemKind.SYNC_API_KEY: "the Fever server refused the API key: check the user and password",
    ProblemKind.SYNC_NO_AUTH_TOKEN: "{what} did not give an auth token (is the URL the API endpoint?)",
    ProblemKind.CONFIG_KEYS_NOT_TEXT: '{file}: keys.{binding} must be keys as text, like "j,down" (its default stays)',
    ProblemKind.CONFIG_KEYS_NOT_TABLE: '{file}: [keys] must be a table of binding id = "keys" (ignored)',
    ProblemKind.CONFIG_NOT_TABLE: "{file}: [{table}] must be a table (ignored)",
    ProblemKind.CONFIG_UNKNOWN: "{file}: unknown setting {key} (ignored)",
    ProblemKind.CONFIG_BAD_VALUE: "{file}: {key} must be {expected}, not {value}; using {default}",
    ProblemKind.CONFIG_BAD_VALUE_UNSET: "{file}: {key} must be {expected}, not {value}; not set",
    ProblemKind.CONFIG_UNREADABLE: "{file}: cannot read it ({detail}); using the defaults",
    ProblemKind.CONFIG_NOT_UTF8: "{file}: cannot read it (not UTF-8 text); using the defaults",
    ProblemKind.CONFIG_NOT_TOML: "{file}: not valid TOML ({detail}); using the defaults",
    ProblemKind.CONFIG_OLD_UNREADABLE: "{old}: not readable JSON; not moved to {file} (using the defaults)",
    ProblemKind.CONFIG_OLD_NOT_OBJECT: "{old}: expected a JSON object; not moved to {file} (using the defaults)",
    ProblemKind.CONFIG_OLD_NOT_MOVED: "{old}: {key} was not moved to {file} (not a setting)",
    ProblemKind.CONFIG_OLD_MOVE_FAILED: "{old}: could not move it to {file} ({detail})",
    ProblemKind.CONFIG_OLD_MOVED: "{old}: settings moved to {file}; the old file is now {old}.migrated",
    ProblemKind.CONFIG_THEME: "{file}: unknown theme {theme}; using {default}",
    ProblemKind.CONFIG_KEY_UNKNOWN_ID: "{file}: unknown key binding id {binding} (ignored; see ? for the ids)",
    ProblemKind.CONFIG_KEY_EMPTY: "{file}: no keys given for {binding} (its default stays)",
    ProblemKind.CONFIG_KEY_TAKEN: "{file}: {binding} cannot take {key}: it is the key of {owner}",
    ProblemKind.CONFIG_KEY_KEPT: "{file}: {binding} keeps its key {key} as well",
    ProblemKind.CONFIG_KEY_KEPT_CLASH: "{file}: {binding} keeps its key {key} as well (its new key is also {other})",
    ProblemKind.SYNC_NO_WRITE_TOKEN: "{what} gave no write token",
    ProblemKind.SYNC_MISSING: "{what} sent no {part}",
    ProblemKind.SYNC_FEED_NO_ID: "{what} sent a subscription without an id",
    ProblemKind.SYNC_FEED_NO_URL: "{what} sent a subscription without a feed URL",
    ProblemKind.SYNC_MALFORMED: "{what} sent {part} in a shape it should not have",
    ProblemKind.SYNC_DUPLICATE: "{what} sent item {item} twice",
    ProblemKind.SYNC_DUPLICATE_IN: "{what} lists an item twice in {part}",
    ProblemKind.SYNC_ENDLESS: "{what} never stops sending items",
    ProblemKind.SYNC_NOT_ACCEPTED: "{what} did not accept the changes",
    ProblemKind.SYNC_NOT_SERVED: "{what} lists item {item} as unread or starred but does not serve it",
    ProblemKind.SYNC_OLDER: "{what} answered since_id={since} with older items",
    ProblemKind.SYNC_NO_SECRET: "{what} gave no credentials to keep",
    ProblemKind.SYNC_FILE_UNREADABLE: "cannot read {path}: {detail}",
    ProblemKind.SYNC_FILE_UNWRITABLE: "cannot write {path}: {detail}",
    ProblemKind.SYNC_FILE_OPEN: "{path} can be read by other users: run 'chmod 600 {path}' (or log in again)",
    ProblemKind.SYNC_FILE_OWNER: "{path} belongs to another user",
    ProblemKind.SYNC_FILE_BROKEN: "{path} is unreadable: log in again ('ikn-read sync login')",
    ProblemKind.SYNC_PLAIN_HTTP: (
        "refusing http:// to {host}: the password would travel unencrypted "
        "(use https://, or --insecure if you really mean it)"
    ),
}


CAUSE = "cause"  # the details key that holds a nested problem (as JSON)


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, details: Mapping[str, str]) -> str:
    """``template`` with ``details`` in its ``{names}`` (a missing one is blank), one line."""
    return clean_line(template.format_map(_Blank(details)), limit=400)


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong: a kind, its details (cleaned, one line each) and where (a source,
    a feed URL, "" when it goes without saying). ``str()`` is English, for logs."""

    kind: ProblemKind
    details: Mapping[str, str] = field(default_factory=dict)
    where: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ProblemKind(self.kind))
        object.__setattr__(self, "details", {
            str(k): clean_line(str(v), limit=2000 if k == CAUSE else 300) for k, v in self.details.items()
        })
        object.__setattr__(self, "where", clean_line(self.where, limit=200))

    def __hash__(self) -> int:
        return hash((self.kind, tuple(sorted(self.details.items())), self.where))

    @property
    def cause(self) -> Problem | None:
        """The problem this one comes from (a store error behind "not stored"), if any."""
        stored = self.details.get(CAUSE)
        return Problem.from_stored(stored) if stored else None

    def __str__(self) -> str:
        cause = self.cause
        details = {**self.details, CAUSE: str(cause)} if cause else self.details
        text = fill(ENGLISH[self.kind], details)
        return f"{self.where}: {text}" if self.where else text

    def at(self, where: str) -> Problem:
        """The same problem, said of ``where`` (a source or feed)."""
        return replace(self, where=where)

    def to_json(self) -> str:
        data: dict[str, object] = {"kind": self.kind.value, "details": dict(self.details)}
        if self.where:
            data["where"] = self.where
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_stored(cls, text: str | None) -> Problem | None:
        """A problem stored with ``to_json``; older stored text (an English line) as a
        ``TEXT`` problem, cleaned; None for nothing."""
        if not text:
            return None
        if text.startswith('{"'):
            try:
                data = json.loads(text)
                details = data.get("details") or {}
                return cls(ProblemKind(data["kind"]), {str(k): str(v) for k, v in details.items()},
                           str(data.get("where") or ""))
            except (ValueError, KeyError, TypeError, AttributeError):
                pass
        return text_problem(text)


class ProblemError(ValueError):
    """A ``ValueError`` that says what was wrong as a ``Problem`` (parsers raise it)."""

    def __init__(self, what: Problem) -> None:
        super().__init__(str(what))
        self.problem = what


def problem(kind: ProblemKind, where: str = "", **details: object) -> Problem:
    """``Problem(kind, details, where)`` with the details as keywords (any value, as text)."""
    return Problem(kind, {name: str(value) for name, value in details.items()}, where)


def caused(kind: ProblemKind, cause: Problem, where: str = "", **details: object) -> Problem:
    """A problem that comes from another one (kept whole, so it is worded too)."""
    return problem(kind, where, **details, **{CAUSE: cause.to_json()})


def text_problem(text: str, where: str = "") -> Problem:
    """Outside words we cannot name a kind for, shown as they are (cleaned)."""
    return Problem(ProblemKind.TEXT, {"text": text}, where)
