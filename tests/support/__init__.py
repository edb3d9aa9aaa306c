"""Helpers the tests share, imported as tests.support.<module>: batches run into a store (batch),
in-memory documents (documents), reader fixture files (files), facts views (facts), the hostile
corpus (hostile), the integrity tests' processes (integrity), the review panel's roster (panel)
and a model server on 127.0.0.1 replaying scripted turns (llm_stub). Forms come from
samples.builders.
"""
