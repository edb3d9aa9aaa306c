"""Prompt templates as text files, versioned by the hash of their content."""
