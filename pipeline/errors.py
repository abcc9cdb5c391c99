"""One rooted tree of errors. Each keeps the file and position it concerns and, via
``raise … from``, the original exception; only ``cli.py`` turns them into messages and exit codes."""

from __future__ import annotations


class SubnotesError(Exception):
    """Root of every error subnotes raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, position: str | None = None) -> None:
        super().__init__(message)
        self.message, self.path, self.position = message, path, position

    def __str__(self) -> str:
        where = ": ".join(x for x in (self.path, self.position) if x)
        return f"{where}: {self.message}" if where else self.message


class InputError(SubnotesError):
    """The input file cannot be read as a transcript (encoding, format, size, content)."""


class ConfigError(SubnotesError):
    """A setting, option, lexicon or prompt file is wrong."""


class BackendError(SubnotesError):
    """A backend could not be resolved or a model call failed for good."""


class UnknownBackend(BackendError, ConfigError):
    """No backend of that name; the message lists the known ones."""
