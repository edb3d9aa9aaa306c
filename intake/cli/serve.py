"""`intake serve`: the review desk in the browser (intake/desk/), served by uvicorn.

Bound to 127.0.0.1 unless --host says otherwise; any other address is said with a warning, since
the desk then answers whoever can reach that address (put it behind HTTPS on a shared network)."""

from __future__ import annotations

from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import DbOption, RubricOption, default_rubric, open_store
from rubric.errors import InputError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps the desk "
                                           "on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    rubric_id: RubricOption = None,
    db: DbOption = None,
) -> None:
    """在浏览器中复核：复核人登录（先用 intake reviewers invite 姓名 取得链接）后逐条决定。

    The review desk: reviewers log in (intake reviewers invite NAME) and decide in a browser.

    示例 / example: intake serve --db build/demo/intake.db --port 8000
    """
    from intake import settings

    try:
        import uvicorn

        from intake.desk.app import create_app
    except ImportError as error:
        raise InputError("intake serve 需要 desk 组件：pip install 'intake[desk]' "
                         f"(missing {error.name})") from None
    if not 0 < port < 65536:
        raise InputError(f"--port {port} 不是有效端口 (1-65535)")
    target = settings.store_target(db)  # --db, INTAKE_DB or intake.toml's, as every command
    with open_store(target) as store:  # a missing store is refused here, by name
        rubric = default_rubric(store, rubric_id)
    if host not in LOOPBACK:
        typer.echo(f"警告 / warning: 评审工作台监听 {host}，本机以外的人也能访问；"
                   "请只在可信网络中使用，并在前面加 HTTPS (the desk is reachable from other "
                   "machines)", err=True)
    typer.echo(f"评审工作台: http://{host}:{port}/  （{rubric.title}；Ctrl+C 停止）")
    uvicorn.run(create_app(target, rubric), host=host, port=port, log_level="warning")
