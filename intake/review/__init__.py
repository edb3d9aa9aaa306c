"""`intake review`: reviewers decide on suggestions — the rules a decision must follow (no SQL),
the terminal walk, the Excel round trip and the audit log."""
