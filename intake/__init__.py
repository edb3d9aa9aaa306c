"""intake: the application layer (batch, counting, checks, store, review, report, CLI)."""
