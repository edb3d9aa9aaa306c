"""A stub model server on 127.0.0.1 for the llm tests: the OpenAI chat completions API (as
llama.cpp's llama-server speaks it) and Ollama's /api/chat, driven by the real langchain clients.

Each test gives a `script`: a function from the request body (and the request's number) to a
`Turn` — the answer's text or tool arguments, an HTTP error, a finish reason, a delay. A delay is
spent watching the socket, so the stub sees when the client hangs up (`disconnects`), as a real
server does when it stops computing an abandoned request. `answering` makes the Turn of a model
that follows the request (a tool call when tools were offered); `replies` and `failing_first`
are the scripts most tests need. The stub keeps every request body (`requests`).
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Turn:
    """What the stub answers to one request."""

    content: str | None = None
    tool_arguments: str | None = None  # answer as a tool call with these arguments
    status: int = 200
    error: str = ""
    finish_reason: str = "stop"
    delay: float = 0.0
    prompt_tokens: int = 700
    completion_tokens: int = 90


Script = Callable[[dict[str, Any], int], Turn]


def answering(body: dict[str, Any], answer: dict[str, Any], **turn: Any) -> Turn:
    """The Turn of a model that does as asked: `answer` as the arguments of a tool call when the
    request offered tools, else as the content (json_schema, json_mode, a plain prompt)."""
    text = json.dumps(answer, ensure_ascii=False)
    if body.get("tools"):
        return Turn(tool_arguments=text, **turn)
    return Turn(content=text, **turn)


def replies(*answers: dict[str, Any], **turn: Any) -> Script:
    """The n-th request gets the n-th answer (the last one again once they run out)."""
    def script(body: dict[str, Any], number: int) -> Turn:
        return answering(body, answers[min(number, len(answers)) - 1], **turn)
    return script


def failing_first(failures: int, then: Script, error: str = "upstream overloaded") -> Script:
    """HTTP 500 to the first `failures` requests (a server overloaded), then `then`."""
    def script(body: dict[str, Any], number: int) -> Turn:
        if number <= failures:
            return Turn(status=500, error=error)
        return then(body, number)
    return script


@dataclass
class Stub:
    script: Script
    requests: list[dict[str, Any]] = field(default_factory=list)
    disconnects: list[float] = field(default_factory=list)  # seconds waited before the hang-up
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self, body: dict[str, Any]) -> Turn:
        with self.lock:
            self.requests.append(body)
            number = len(self.requests)
        return self.script(body, number)

    def last_user_text(self, index: int = -1) -> str:
        """All the messages of request `index` (the last by default) as one text."""
        return "\n".join(str(m.get("content") or "") for m in self.requests[index]["messages"])


def openai_body(body: dict[str, Any], turn: Turn) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": turn.content}
    if turn.tool_arguments is not None:
        name = body["tools"][0]["function"]["name"] if body.get("tools") else "ModelAnswer"
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function",
             "function": {"name": name, "arguments": turn.tool_arguments}}]}
    return {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0,
            "model": body.get("model", "stub"),
            "choices": [{"index": 0, "message": message, "finish_reason": turn.finish_reason}],
            "usage": {"prompt_tokens": turn.prompt_tokens,
                      "completion_tokens": turn.completion_tokens,
                      "total_tokens": turn.prompt_tokens + turn.completion_tokens}}


def ollama_lines(body: dict[str, Any], turn: Turn) -> list[dict[str, Any]]:
    """Ollama's streamed /api/chat answer: the content, then the closing line with the counts."""
    base = {"model": body.get("model", "stub"), "created_at": "2026-01-01T00:00:00Z"}
    return [
        {**base, "message": {"role": "assistant", "content": turn.content or ""}, "done": False},
        {**base, "message": {"role": "assistant", "content": ""}, "done": True,
         "done_reason": "length" if turn.finish_reason == "length" else "stop",
         "prompt_eval_count": turn.prompt_tokens, "eval_count": turn.completion_tokens},
    ]


def _hung_up(connection: socket.socket, seconds: float) -> bool:
    """Wait up to `seconds`; True as soon as the client closes its end."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([connection], [], [], min(left, 0.05))
        if readable and connection.recv(1, socket.MSG_PEEK) == b"":
            return True
    return False


def handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            turn = stub.next(body)
            started = time.monotonic()
            if turn.delay and _hung_up(self.connection, turn.delay):
                stub.disconnects.append(time.monotonic() - started)
                self.close_connection = True
                return
            if turn.status != 200:
                # The type as OpenAI and llama-server give it: a 5xx is the server's fault.
                kind = "server_error" if turn.status >= 500 else "invalid_request_error"
                self._send(turn.status, {"error": {"code": turn.status, "message": turn.error,
                                                   "type": kind}})
            elif self.path.endswith("/chat/completions"):
                self._send(200, openai_body(body, turn))
            elif self.path.endswith("/api/chat"):
                lines = ollama_lines(body, turn)
                if body.get("stream", True):
                    self._send_lines(lines)
                else:
                    self._send(200, {**lines[0], **lines[1], "message": lines[0]["message"]})
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def _send(self, status: int, data: dict[str, Any]) -> None:
            payload = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _send_lines(self, lines: list[dict[str, Any]]) -> None:
            payload = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-ndjson")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serving(script: Script) -> Iterator[tuple[Stub, str]]:
    """The stub and its root URL (http://127.0.0.1:PORT) while the block runs."""
    stub = Stub(script)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(stub))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield stub, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
