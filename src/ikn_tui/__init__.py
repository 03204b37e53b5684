"""ikn-read: a keyboard-first terminal news reader for Indonesian news."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ikn-read")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+src"
