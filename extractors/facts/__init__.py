"""Facts and expert tiers suggested from submission text, each grounded in verified citations.

Nothing here adds points or makes a score: a suggestion counts only after a reviewer confirms it.
The offline `rules` extractor lives in `rules.py`; every extractor implements `base.Extractor`.
"""
