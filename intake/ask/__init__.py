"""Ask the stored submissions questions and get answers that carry verified citations.

`intake ask`, `intake ask --batch` and `intake chat` run on this engine: `retrieve` finds the
passages of the index (intake.store.passages) that match a question, `offline` answers from the
rubric's stored suggestions or from those passages (`--extractor rules`), `llm` has a chat model
answer from the passages with quotes that our code locates (`--extractor llm`), and `chat` keeps a
session's history. Every citation shown satisfies document.text[start:end] == quote; text inside a
submission is data, never an instruction, whatever it says.
"""
