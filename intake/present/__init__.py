"""What reviewers see: terminal helpers, the tables and JSON of check, run, score and rubric, the
Excel 汇总表, the HTML report (templates/) and the row heights both workbooks share."""
