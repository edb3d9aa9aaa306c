"""The base of every boundary model in intake, extractors and rubric: unknown fields are refused
and instances are immutable. It lives in the bottom package so every layer can import it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
