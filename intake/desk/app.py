"""The desk's web application (Starlette): routes, sessions, CSRF and the security headers.

Every page but the login and invitation pages needs a session; every POST needs the CSRF token
of its session (or, before login, the double-submit cookie). Whether a submission may be opened
is asked of `views.visible` on every request, from the session's name only: nothing in a URL or
a form says who is acting (the picture of a scanned page is asked the same). Decisions go through
`intake.review.decisions.record` with source `desk`, resolutions through `intake.review.resolve`,
so the desk has no rules of its own.

The store is one connection per thread: a small pool, each request borrowing one. Like every
command but `intake run`, the desk never creates a store: a missing one is refused by name.
"""

from __future__ import annotations

import io
import queue
import secrets
import tempfile
import threading
import zipfile
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    select_autoescape,
)
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from intake import settings
from intake.ask import offline
from intake.desk import auth, forms, views
from intake.present import report_html, report_xlsx
from intake.review import decisions
from intake.review.resolve import resolve
from intake.score.scoring import score_store
from intake.store import Store
from intake.store.accounts import DeskSession
from rubric import Rubric
from rubric.errors import InputError, IntakeError

COOKIE = "intake_desk"
ANON_CSRF = "intake_desk_csrf"
HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; "
                                "img-src 'self'; form-action 'self'; base-uri 'none'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the invitation token is in a URL
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
HERE = Path(str(files("intake.desk")))


class StorePool:
    """Stores opened on demand, at most `size`, each used by one request at a time."""

    def __init__(self, target: str | Path, size: int = 4) -> None:
        self.target, self.size, self.opened = target, size, 0
        self._free: queue.Queue[Store] = queue.Queue()
        self._lock = threading.Lock()
        self._open().close()  # migrate once, up front: a bad or missing --db fails before serving

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        try:
            store = self._free.get_nowait()
        except queue.Empty:
            store = self._opened() or self._free.get(timeout=60)
        try:
            yield store
        finally:
            self._free.put(store)

    def _opened(self) -> Store | None:
        with self._lock:
            if self.opened >= self.size:
                return None
            self.opened += 1
        return self._open()

    def _open(self) -> Store:
        # The store rule of every command but `intake run`: a missing store is refused, by name.
        return Store(self.target, timeout=settings.busy_timeout(), create=False)

    def close(self) -> None:
        while not self._free.empty():
            self._free.get_nowait().close()


class Desk:
    """The application's state: the store, the rubric under review, the templates."""

    def __init__(self, target: str | Path, rubric: Rubric, pool_size: int = 4) -> None:
        self.pool = StorePool(target, pool_size)
        self.rubric = rubric
        # The report's templates under "present/": the scan pictures' macro is shared, not copied.
        loader = ChoiceLoader([FileSystemLoader(HERE / "templates"), PrefixLoader(
            {"present": PackageLoader("intake.present", "templates")})])
        self.env = Environment(loader=loader,
                               autoescape=select_autoescape(default=True, default_for_string=True))

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        body = self.env.get_template(template).render(rubric=self.rubric, **context)
        return HTMLResponse(body, status_code=status, headers=HEADERS)


def _error(desk: Desk, status: int, message: str, who: views.Viewer | None = None,
           csrf: str = "") -> HTMLResponse:
    return desk.page("error.html.j2", status, message=message, who=who, csrf=csrf)


def _redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303, headers=HEADERS)


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# ---- before login ---------------------------------------------------------------------------


def _anon_page(desk: Desk, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = desk.page(template, status, csrf=token, who=None, **context)
    response.set_cookie(ANON_CSRF, token, httponly=True, samesite="strict", path="/")
    return response


def anonymous(handler: Callable[[Request, Any], Response],
              post: bool = False) -> Callable[..., Any]:
    """A page before login: its form read, its work in the thread pool (the store blocks)."""

    async def endpoint(request: Request) -> Response:
        form = await request.form() if post else None
        return await run_in_threadpool(handler, request, form)

    return endpoint


def _anon_csrf_ok(request: Request, form: Any) -> bool:
    return auth.same_token(form.get("csrf"), request.cookies.get(ANON_CSRF))


def login_page(request: Request, form: Any) -> Response:
    desk: Desk = request.app.state.desk
    return _anon_page(desk, "login.html.j2", message=request.query_params.get("m", "")[:200])


def login_post(request: Request, form: Any) -> Response:
    desk: Desk = request.app.state.desk
    if not _anon_csrf_ok(request, form):
        return _error(desk, 403, "表单已失效，请重新打开登录页 (CSRF token missing or wrong)")
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    with desk.pool.borrow() as store:
        try:
            ok = auth.login(store, name, password, _address(request))
        except auth.TooManyAttempts as error:
            return _anon_page(desk, "login.html.j2", 429, message=str(error))
        if not ok:
            return _anon_page(desk, "login.html.j2", 401, message="姓名或密码不正确")
        opened = auth.open_session(store, name)
    response = _redirect("/")
    response.set_cookie(COOKIE, opened.token, httponly=True, samesite="strict", path="/",
                        max_age=auth.SESSION_HOURS * 3600)
    response.delete_cookie(ANON_CSRF, path="/")
    return response


def invite_page(request: Request, form: Any) -> Response:
    desk: Desk = request.app.state.desk
    with desk.pool.borrow() as store:
        name = auth.invited_name(store, request.path_params["token"])
    if name is None:
        return _error(desk, 404, "邀请链接无效、已使用或已过期，请向管理员重新索取")
    return _anon_page(desk, "invite.html.j2", name=name, message="")


def invite_post(request: Request, form: Any) -> Response:
    desk: Desk = request.app.state.desk
    if not _anon_csrf_ok(request, form):
        return _error(desk, 403, "表单已失效，请重新打开邀请链接 (CSRF token missing or wrong)")
    token = request.path_params["token"]
    with desk.pool.borrow() as store:
        name = auth.invited_name(store, token)
        if name is None:
            return _error(desk, 404, "邀请链接无效、已使用或已过期，请向管理员重新索取")
        try:
            auth.set_password(store, token, str(form.get("password", "")),
                              str(form.get("repeated", "")))
        except InputError as error:
            return _anon_page(desk, "invite.html.j2", 400, name=name, message=str(error))
    return _redirect("/login?m=" + quote("密码已设置，请登录"))


# ---- signed in --------------------------------------------------------------------------------

Handler = Callable[[Request, Desk, Store, DeskSession, views.Viewer], Response]


def signed_in(handler: Handler, *, post: bool = False, lead: bool = False) -> Callable[..., Any]:
    """The route with its session checked (and, for a POST, its CSRF token; for the 组长's pages,
    the role): a missing session goes to the login page, a bad token or role is 403."""

    async def endpoint(request: Request) -> Response:
        form = await request.form() if post else None
        # The store's calls block: they run in Starlette's thread pool, not on the event loop.
        return await run_in_threadpool(_checked, request, form)

    def _checked(request: Request, form: Any) -> Response:
        desk: Desk = request.app.state.desk
        with desk.pool.borrow() as store:
            found = auth.session(store, request.cookies.get(COOKIE))
            if found is None:
                return _redirect("/login") if not post else _error(desk, 401, "请先登录")
            who = views.viewer(store, found.name)
            if post and not auth.same_token((form or {}).get("csrf"), found.csrf):
                return _error(desk, 403, "表单已失效，请刷新页面后重试 (CSRF token missing "
                              "or wrong)", who, found.csrf)
            if lead and not who.lead:
                return _error(desk, 403, "只有评审组组长可以打开此页", who, found.csrf)
            request.state.form = form or {}
            try:
                return handler(request, desk, store, found, who)
            except _NotYours:
                return _error(desk, 404, "没有这份申报材料，或它未分配给您", who, found.csrf)
            except IntakeError as error:
                return _error(desk, 400, str(error), who, found.csrf)

    return endpoint


def home(request: Request, desk: Desk, store: Store, session: DeskSession,
         who: views.Viewer) -> Response:
    rows = views.progress(store, desk.rubric, who)
    return desk.page("list.html.j2", who=who, csrf=session.csrf, rows=rows,
                     left=sum(r.left for r in rows))


def _visible_sid(request: Request, desk: Desk, store: Store, who: views.Viewer) -> str:
    sid = request.path_params["sid"]
    if not views.visible(store, desk.rubric, who, sid):
        raise _NotYours
    return sid


class _NotYours(InputError):
    """Someone else's submission, or none: signed_in answers 404, so ids cannot be probed."""


def submission_page(request: Request, desk: Desk, store: Store, session: DeskSession,
                    who: views.Viewer, message: str = "", answer: Any = None,
                    status: int = 200) -> Response:
    sid = _visible_sid(request, desk, store, who)
    shown = views.submission_view(store, desk.rubric, who, sid)
    return desk.page("submission.html.j2", status, who=who, csrf=session.csrf, s=shown,
                     message=message, answer=answer,
                     question=str(request.state.form.get("question", "")))


def scan_page(request: Request, desk: Desk, store: Store, session: DeskSession,
              who: views.Viewer) -> Response:
    """The picture of an OCR'd page, under the same rule as the submission's page."""
    sid = _visible_sid(request, desk, store, who)
    params = request.path_params
    png = views.scan_picture(store, sid, params["document"], params["page"])
    if png is None:
        return _error(desk, 404, "无法显示这一页的扫描图像：原文件已移动或已改动，或没有这一页",
                      who, session.csrf)
    return Response(png, media_type="image/png", headers=HEADERS)


def decide(request: Request, desk: Desk, store: Store, session: DeskSession,
           who: views.Viewer) -> Response:
    sid = _visible_sid(request, desk, store, who)
    try:
        form = forms.parsed(forms.DecisionForm, request.state.form)
        suggestion = forms.own_suggestion(store, desk.rubric, sid, form.suggestion_id)
        made = forms.decision(desk.rubric, suggestion, form)
        decisions.record(store, desk.rubric, who.name, [made], "desk")
    except InputError as error:
        return submission_page(request, desk, store, session, who, str(error), status=400)
    return _redirect(f"/s/{sid}#s-{form.suggestion_id}")


def ask(request: Request, desk: Desk, store: Store, session: DeskSession,
        who: views.Viewer) -> Response:
    sid = _visible_sid(request, desk, store, who)
    question = str(request.state.form.get("question", "")).strip()[:500]
    if not question:
        return submission_page(request, desk, store, session, who, "请输入问题", status=400)
    found = offline.answer_one(store, sid, question, desk.rubric.id)
    return submission_page(request, desk, store, session, who, answer=found)


def lead_page(request: Request, desk: Desk, store: Store, session: DeskSession,
              who: views.Viewer, message: str = "", status: int = 200) -> Response:
    if not message and request.query_params.get("m") == "ok":
        message = "已记录组长裁定。"
    return desk.page("lead.html.j2", status, who=who, csrf=session.csrf, message=message,
                     d=views.dashboard(store, desk.rubric))


def lead_resolve(request: Request, desk: Desk, store: Store, session: DeskSession,
                 who: views.Viewer) -> Response:
    try:
        form = forms.parsed(forms.ResolveForm, request.state.form)
        resolve(store, desk.rubric, who.name, form.submission, form.target,
                forms.resolved(desk.rubric, form), form.reason)
    except InputError as error:
        return lead_page(request, desk, store, session, who, str(error), 400)
    return _redirect("/lead?m=ok")


def summary_xlsx(request: Request, desk: Desk, store: Store, session: DeskSession,
                 who: views.Viewer) -> Response:
    report = score_store(store, desk.rubric)
    data = report_xlsx.workbook_bytes(report, desk.rubric,
                                      report_xlsx.findings_by_submission(store, report))
    return _download(data, "汇总表.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def report_zip(request: Request, desk: Desk, store: Store, session: DeskSession,
               who: views.Viewer) -> Response:
    with tempfile.TemporaryDirectory(prefix="intake-desk-") as folder:
        root = Path(folder) / "html"
        report_html.write_html(store, desk.rubric, score_store(store, desk.rubric), root)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(root).as_posix())
    return _download(buffer.getvalue(), "报告.zip", "application/zip")


def _download(body: bytes, name: str, media: str) -> Response:
    headers = {**HEADERS, "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    return Response(body, media_type=media, headers=headers)


def logout(request: Request, desk: Desk, store: Store, session: DeskSession,
           who: views.Viewer) -> Response:
    auth.close_session(store, request.cookies.get(COOKIE))
    response = _redirect("/login")
    response.delete_cookie(COOKIE, path="/")
    return response


def _lifespan(desk: Desk) -> Callable[[Starlette], Any]:
    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        desk.pool.close()

    return lifespan


def create_app(target: str | Path, rubric: Rubric, pool_size: int = 4) -> Starlette:
    """The desk for one store and one rubric."""
    desk = Desk(target, rubric, pool_size)
    app = Starlette(routes=[
        Route("/login", anonymous(login_page), methods=["GET"]),
        Route("/login", anonymous(login_post, post=True), methods=["POST"]),
        Route("/invite/{token}", anonymous(invite_page), methods=["GET"]),
        Route("/invite/{token}", anonymous(invite_post, post=True), methods=["POST"]),
        Route("/logout", signed_in(logout, post=True), methods=["POST"]),
        Route("/", signed_in(home), methods=["GET"]),
        Route("/s/{sid}", signed_in(submission_page), methods=["GET"]),
        Route("/s/{sid}/page/{document}/{page:int}.png", signed_in(scan_page), methods=["GET"]),
        Route("/s/{sid}/decide", signed_in(decide, post=True), methods=["POST"]),
        Route("/s/{sid}/ask", signed_in(ask, post=True), methods=["POST"]),
        Route("/lead", signed_in(lead_page, lead=True), methods=["GET"]),
        Route("/lead/resolve", signed_in(lead_resolve, post=True, lead=True), methods=["POST"]),
        Route("/lead/summary.xlsx", signed_in(summary_xlsx, lead=True), methods=["GET"]),
        Route("/lead/report.zip", signed_in(report_zip, lead=True), methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], lifespan=_lifespan(desk))
    app.state.desk = desk
    return app
