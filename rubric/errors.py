"""The one exception tree of the project.

The root lives here, in the lowest layer, because `rubric` may import nothing else of ours and every
other package may import `rubric`. The CLI catches `IntakeError`, prints its message and exits 2.
"""

from __future__ import annotations


class IntakeError(Exception):
    """Root of every error this project raises on purpose. The message is for a reviewer."""


class InputError(IntakeError):
    """A path, file or value given by the user cannot be used."""


class RubricError(IntakeError):
    """A rubric definition is invalid, or a value does not fit the rubric."""


class ExtractorConfigError(IntakeError):
    """An extractor is unknown or misconfigured (model name, API key, base URL)."""


class ExtractorRuntimeError(IntakeError):
    """An extractor failed while running; keeps the original exception as __cause__."""


class StoreError(IntakeError):
    """The store cannot be opened, migrated or written."""


class InternalError(IntakeError):
    """A bug in intake itself: please report it with the debug log."""
