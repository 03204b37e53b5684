"""ikn-read: a keyboard-first terminal news reader for Indonesian news."""

# The single source of the version: hatch reads it from here (pyproject's
# [tool.hatch.version]), so startup needs no importlib.metadata lookup.
__version__ = "0.1.0"
