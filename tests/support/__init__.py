"""Helpers the tests share, imported as tests.support.<module>: batches run into a store (batch),
in-memory documents (documents), reader fixture files (files), facts views (facts), the hostile
corpus (hostile) and the integrity tests' processes (integrity). Forms come from samples.builders.
"""
