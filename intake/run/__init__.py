"""`intake run`: check a batch, store it, ask an extractor for suggestions, and the triage table
that says where a reviewer should look first."""
