"""Batch findings about copies: `duplicate_submission`, byte-identical packages in two folders.

Each folder stays a submission of its own (intake/store/submissions.py), so both copies are stored,
scored and listed; the finding names every copy with the folder it duplicates (the first by path).
"""

from __future__ import annotations

from collections.abc import Collection

from intake.store import Store
from intake.store.submissions import duplicate_groups
from rubric.batch_checks import BatchIssue


def duplicate_issues(store: Store, submissions: Collection[str]) -> list[BatchIssue]:
    """One finding per copy among `submissions`: (the copy, the folder it duplicates)."""
    issues = []
    for group in duplicate_groups(store):
        members = [(sid, path) for sid, path in group if sid in submissions]
        for sid, path in members[1:]:
            first, first_path = members[0]
            issues.append(BatchIssue(
                code="duplicate_submission", submissions=(sid, first),
                message=f"“{path}”与“{first_path}”的申报材料逐字节相同（文件名和内容都一样），"
                        "两份都已保留并列出，请核实是否重复提交"))
    return issues
