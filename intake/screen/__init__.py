"""`intake check`'s work (形式审查): group files into submissions, read them in worker processes,
recognise forms, count 字数 and check every field, seal, date and limit. No store, no scores."""
