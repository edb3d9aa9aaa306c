"""Rubrics as data: schema, deterministic engine, lint. Knows nothing about files of submissions."""
