"""The review panel (评审工作组): who the reviewers are, who reviews what (回避 and balance), and
joining several experts' independent decisions into the values that scoring uses.

No SQL here: the store keeps reviewers, assignments and decisions; this room decides."""
