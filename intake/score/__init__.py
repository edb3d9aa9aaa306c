"""`intake score` and `intake metrics`: totals from confirmed values only, the units behind
submissions, and platform statistics. No SQL: values come from intake.store."""
