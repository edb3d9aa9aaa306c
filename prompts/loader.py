"""Load a prompt template from this folder and fill its `{placeholders}`.

A prompt's version is the first 12 hex digits of the SHA-256 of its file's bytes, so editing a
prompt changes its version, and cached model answers made with the old text are not reused.
Filling is strict both ways: a placeholder without a value, or a value without a placeholder, is
an error naming the file, because either means the code and the template have drifted apart.
Values are inserted as they are: braces inside submission text are never read as placeholders.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass
from pathlib import Path

PROMPTS = Path(__file__).parent
SUFFIX = ".md"


class PromptError(ValueError):
    """A prompt file is missing, unreadable, or does not fit the values given to it."""


@dataclass(frozen=True)
class Prompt:
    name: str
    text: str
    version: str
    path: Path

    @property
    def fields(self) -> frozenset[str]:
        """The placeholder names the template uses."""
        try:
            parsed = list(string.Formatter().parse(self.text))
        except ValueError as error:  # an unmatched "{" or "}"
            raise PromptError(f"{self.path}: {error}; write literal braces as {{{{ and }}}}") \
                from error
        return frozenset(name for _, name, _, _ in parsed if name is not None)

    def render(self, **values: str) -> str:
        """The template with every placeholder filled; PromptError names what is missing."""
        fields = self.fields
        missing = sorted(fields - values.keys())
        unused = sorted(values.keys() - fields)
        if missing or unused:
            raise PromptError(
                f"{self.path}: " + "; ".join(
                    part for part in (
                        f"no value for placeholder(s) {', '.join(missing)}" if missing else "",
                        f"template has no placeholder(s) {', '.join(unused)}" if unused else "",
                    ) if part))
        return self.text.format_map(values)


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def load_prompt(name: str, directory: Path | None = None) -> Prompt:
    """The prompt `name` (file `name.md`) from `directory`, by default this package's folder."""
    path = (directory or PROMPTS) / (name if name.endswith(SUFFIX) else name + SUFFIX)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PromptError(f"{path}: cannot read prompt {name!r} ({error})") from error
    return Prompt(name=path.stem, text=text, version=version_of(data), path=path)
