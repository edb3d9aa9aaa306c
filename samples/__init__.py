"""The sample batch, the script that writes it (make_samples.py) and the document builders it and
the tests share (builders.py)."""
