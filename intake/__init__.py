"""intake: the application. One sub-package per job, importing only downward (pyproject's
import-linter `layers` contract): cli > ask > review > present > run > score > store > screen >
catalog | glossary | settings | tables."""
