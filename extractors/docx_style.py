"""Decide whether a .docx run is visible: its effective formatting, and what it sits on.

Hiding can come from direct formatting or from a style (a character style "正文隐藏" with
w:vanish hides text just as well), so run properties are resolved in Word's order: document
defaults, the paragraph style chain, the character style chain, then the run's own w:rPr.
White text is hidden only on a white background: white on a dark table-header fill is visible.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from extractors.document import HiddenReason

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TINY_HALF_POINTS = 8  # w:sz is in half-points: below 4 pt nobody reads it on paper
_MAX_STYLE_DEPTH = 20
_FALSE = {"0", "false", "off", "none"}
_WHITE = {"FFFFFF", "WHITE"}
_WHITE_THEMES = {"background1", "light1"}
_HIGHLIGHTS = {"white": "FFFFFF", "black": "000000"}
_NO_FILL = {None, "", "AUTO", "NONE"}
# The w:rPr children read_rpr reads: a run whose w:rPr has none of them looks as its styles say.
VISIBILITY_TAGS = frozenset(f"{W}{t}" for t in ("vanish", "webHidden", "color", "sz", "shd",
                                                 "highlight"))

Props = dict[str, Any]


def _toggle(element: etree._Element) -> bool:
    return element.get(f"{W}val", "true").lower() not in _FALSE


def _fill(shd: etree._Element) -> str | None:
    # A "solid" pattern paints its pattern colour (w:color) over the whole area, not w:fill.
    pattern = shd.get(f"{W}val")
    colour = shd.get(f"{W}color") if pattern == "solid" else shd.get(f"{W}fill")
    return None if pattern == "nil" else colour


def read_rpr(rpr: etree._Element | None, into: Props) -> Props:
    """Overlay the properties that matter for visibility from one w:rPr onto `into`."""
    if rpr is None:
        return into
    for child in rpr:
        tag = child.tag.removeprefix(W) if isinstance(child.tag, str) else ""
        if tag in ("vanish", "webHidden"):
            into[tag] = _toggle(child)
        elif tag == "color":
            into["color"] = (child.get(f"{W}val") or "").upper()
            into["theme"] = child.get(f"{W}themeColor")
        elif tag == "sz":
            into["sz"] = _int(child.get(f"{W}val"))
        elif tag == "shd":
            into["shd"] = _fill(child)
        elif tag == "highlight":
            value = (child.get(f"{W}val") or "none").lower()
            into["highlight"] = None if value == "none" else _HIGHLIGHTS.get(value, value)
    return into


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def background_of(ppr_or_tcpr: etree._Element | None) -> str | None:
    """The fill of a paragraph (w:pPr) or cell (w:tcPr), if it has one."""
    shd = ppr_or_tcpr.find(f"{W}shd") if ppr_or_tcpr is not None else None
    return _fill(shd) if shd is not None else None


class StyleSheet:
    """Run properties of styles, looked up by id only when a run uses them: templates define a
    few hundred styles and a document uses a handful."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._styles = styles
        self._found: dict[str, etree._Element | None] = {}
        self._cache: dict[tuple[str | None, str | None], Props] = {}
        self._reasons: dict[tuple[str | None, str | None, str | None], HiddenReason | None] = {}
        self._defaults: Props = {}
        self._default_paragraph: str | None = None
        if styles is not None:
            read_rpr(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"), self._defaults)
            for style in styles.iterfind(f"{W}style[@{W}type='paragraph']"):
                if style.get(f"{W}default") in ("1", "true"):
                    self._default_paragraph = style.get(f"{W}styleId")
                    break  # applies where a paragraph names no style

    def _style(self, style_id: str) -> etree._Element | None:
        if style_id not in self._found:
            found = None
            if self._styles is not None:
                found = next((s for s in self._styles.iterfind(f"{W}style")
                              if s.get(f"{W}styleId") == style_id), None)
            self._found[style_id] = found
        return self._found[style_id]

    def _chain(self, style_id: str | None) -> list[etree._Element | None]:
        chain: list[etree._Element | None] = []
        while style_id and len(chain) < _MAX_STYLE_DEPTH:
            style = self._style(style_id)
            if style is None:
                break
            chain.append(style.find(f"{W}rPr"))
            based_on = style.find(f"{W}basedOn")
            style_id = based_on.get(f"{W}val") if based_on is not None else None
        return chain[::-1]  # base style first, so the derived style overrides it

    def styled(self, paragraph_style: str | None, run_style: str | None) -> Props:
        key = (paragraph_style or self._default_paragraph, run_style)
        if key not in self._cache:
            props = dict(self._defaults)
            for rpr in [*self._chain(key[0]), *self._chain(run_style)]:
                read_rpr(rpr, props)
            self._cache[key] = props
        return self._cache[key]

    def reason(self, paragraph_style: str | None, run_style: str | None,
               background: str | None) -> HiddenReason | None:
        """hidden_reason of a run formatted by its styles alone; most runs are, and forms of
        one template share their sheet, so each combination is worked out once."""
        key = (paragraph_style, run_style, background)
        if key not in self._reasons:
            self._reasons[key] = hidden_reason(self.styled(paragraph_style, run_style), background)
        return self._reasons[key]


def hidden_reason(props: Props, background: str | None) -> HiddenReason | None:
    """Why a run with these effective properties cannot be seen, or None if it can."""
    if props.get("vanish"):
        return "vanish"
    if props.get("webHidden"):
        return "web_hidden"
    size = props.get("sz")
    if size is not None and size < TINY_HALF_POINTS:
        return "tiny"
    colour = props.get("color")
    behind = props.get("highlight") or props.get("shd") or background
    behind = None if behind is None or behind.upper() in _NO_FILL else behind.upper()
    white = colour in _WHITE or (colour in _NO_FILL and props.get("theme") in _WHITE_THEMES)
    if white and behind in (None, "FFFFFF"):
        return "white"
    if colour not in _NO_FILL and behind is not None and colour == behind:
        return "invisible"
    return None
