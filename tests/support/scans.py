"""Scans made in the tests: a digital 申报表 drawn with reportlab, rendered to a picture with
pypdfium2, stamped with a red seal, dated by "hand", skewed, JPEG-compressed, and wrapped in a PDF
(a plain scan, or an ocrmypdf-style scan whose invisible text layer pdfminer cannot decode).

Needs a CJK TrueType font on the system (Debian fonts-wqy-microhei, scripts/sysdeps.sh): the
scan must show Chinese glyphs, and a CID font without an embedded face renders as blank paper.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.support.files import raw_pdf

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT = "WQYMicroHei"
WIDTH, HEIGHT = A4
XS = [50.0, 150.0, 290.0, 390.0, 545.0]

FIELDS = {"姓名": "孙芳", "性别": "女", "出生年月": "1988.05", "所在单位": "唐山开放大学",
          "职称/职务": "工程师"}
SUMMARY = (
    "该同志自二〇一五年起负责学校学习平台的运维工作，坚持每天巡检服务器和网络设备，"
    "全年平台可用率达到百分之九十九点九。她牵头完成了教务系统与学习平台的数据对接，"
    "为全市十二个教学点开通了在线考试功能，累计服务学生三万余人次。疫情期间，"
    "她带领团队连续奋战，两周内搭建起直播教学环境，保障了八百余门课程按时开课。"
    "她还编写了信息化操作手册，组织培训教师二百余人次，推动了数字化资源建设，"
    "获得省级优秀案例一项。"
)
OPINION = "同意推荐。"


def font_available() -> bool:
    return FONT_FILE.is_file()


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def form_pdf(path: Path, seal: bool = False) -> Path:
    """The digital original: a 先进个人申报表 with every field filled in; with `seal`, a picture
    of the unit's stamp pasted into the 单位意见 cell, as offices do with e-seals."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 15)
    pdf.drawCentredString(WIDTH / 2, HEIGHT - 60, "河北开放大学信息化工作先进个人申报表")
    pdf.setFont(FONT, 11)
    names = list(FIELDS)
    summary_lines = _wrap(SUMMARY, 22)
    tops = [HEIGHT - 90 - 32 * i for i in range(4)]
    summary_bottom = tops[-1] - 20 * len(summary_lines) - 16
    ys = [*tops, summary_bottom, summary_bottom - 120]
    for y in ys:
        pdf.line(XS[0], y, XS[-1], y)
    for row in range(len(ys) - 1):
        for column, x in enumerate(XS):
            if row < 2 or column in (0, 1, 4):
                pdf.line(x, ys[row], x, ys[row + 1])
    cells = [[names[0], FIELDS[names[0]], names[1], FIELDS[names[1]]],
             [names[2], FIELDS[names[2]], names[3], FIELDS[names[3]]],
             [names[4], FIELDS[names[4]]]]
    for row, texts in enumerate(cells):
        for column, text in enumerate(texts):
            pdf.drawString(XS[column] + 6, ys[row] - 21, text)
    pdf.drawString(XS[0] + 6, ys[3] - 22, "突出事迹简介")
    pdf.drawString(XS[0] + 6, ys[3] - 40, "(800字)")
    for number, line in enumerate(summary_lines):
        pdf.drawString(XS[1] + 8, ys[3] - 22 - 20 * number, line)
    pdf.drawString(XS[0] + 6, ys[4] - 22, "单位意见")
    pdf.drawString(XS[1] + 8, ys[4] - 24, OPINION)
    pdf.drawString(XS[1] + 200, ys[4] - 100, "签章")
    if seal:
        from reportlab.lib.utils import ImageReader

        picture = Image.new("RGB", (200, 200), (255, 255, 255))
        stamp(picture, (100, 100), 90)
        out = io.BytesIO()
        picture.save(out, "PNG")
        pdf.drawImage(ImageReader(out), XS[1] + 240, ys[4] - 110, 90, 90)
    pdf.save()
    return path


def opinion_box_pixels(dpi: float) -> tuple[int, int]:
    """Where, in a page picture at `dpi`, the seal and the date go (the 单位意见 cell's right)."""
    tops = [HEIGHT - 90 - 32 * i for i in range(4)]
    bottom = tops[-1] - 20 * len(_wrap(SUMMARY, 22)) - 16
    scale = dpi / 72
    return int((XS[1] + 260) * scale), int((HEIGHT - bottom + 60) * scale)


def render(pdf: Path, dpi: float) -> Image.Image:
    page = pypdfium2.PdfDocument(str(pdf))[0]
    return page.render(scale=dpi / 72).to_pil().convert("RGB")


def stamp(image: Image.Image, centre: tuple[int, int], radius: int) -> None:
    """A red seal: ring, star and the unit's name inside, as offices stamp."""
    draw = ImageDraw.Draw(image)
    x, y = centre
    red = (215, 30, 35)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red,
                 width=max(3, radius // 14))
    star = [(x + radius * 0.3 * np.cos(a), y + radius * 0.3 * np.sin(a))
            for a in np.linspace(-np.pi / 2, 3.5 * np.pi, 11)[:-1]]
    points = [p if i % 2 == 0 else (x + (p[0] - x) * 0.4, y + (p[1] - y) * 0.4)
              for i, p in enumerate(star)]
    draw.polygon(points, fill=red)
    font = ImageFont.truetype(str(FONT_FILE), max(radius // 4, 8))
    draw.text((x, y + radius * 0.55), "唐山开放大学", fill=red, font=font, anchor="mm")


def handwrite(image: Image.Image, origin: tuple[int, int], text: str, size: int) -> None:
    """A date in blue ink, each character a little off its line and turned (seeded: stable)."""
    rng = random.Random(7)
    font = ImageFont.truetype(str(FONT_FILE), size)
    x, y = origin
    for char in text:
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size // 2, size // 2), char, fill=255, font=font)
        glyph = glyph.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC)
        ink = Image.new("RGB", glyph.size, (25, 40, 150))
        image.paste(ink, (x - size // 2, y + rng.randint(-3, 3) - size // 2), glyph)
        x += int(size * (0.62 if char.isdigit() else 1.05))


def scan(pdf: Path, dpi: float = 100, skew: float = 1.5, quality: int = 60,
         seal: bool = True, date: str | None = "2024年5月20日") -> bytes:
    """The form as an office scanner gives it back: a JPEG of the stamped, dated, skewed page."""
    image = render(pdf, dpi)
    x, y = opinion_box_pixels(dpi)
    if date:
        handwrite(image, (x - int(dpi * 0.3), y + int(dpi * 0.15)), date, int(dpi * 0.2))
    if seal:
        stamp(image, (x + int(dpi * 0.6), y), int(dpi * 0.7))
    image = image.rotate(skew, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    noisy = np.asarray(image, dtype=np.int16) + np.random.default_rng(3).normal(0, 6, (
        image.height, image.width, 3)).astype(np.int16)
    image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def jpeg_pdf(path: Path, jpeg: bytes, text_layer: bytes = b"", fonts: bytes = b"") -> Path:
    """A one-page PDF showing the JPEG over the whole A4 page, optionally with a text layer."""
    with Image.open(io.BytesIO(jpeg)) as picture:
        width, height = picture.size
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n" + text_layer
    resources = b"/XObject << /Im1 5 0 R >>" + fonts
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << "
        + resources + b" >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % (width, height, len(jpeg)) + jpeg + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /GlyphLessFont /Flags 4 "
        b"/FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 "
        b"/CapHeight 1000 /StemV 80 >> >>",
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def ocrmypdf_style(path: Path, jpeg: bytes, glyphs: int = 13) -> Path:
    """The scan with an invisible (render mode 3) text layer in a CID font that has no ToUnicode
    map: what a scanner's OCR step leaves, and what pdfminer decodes to a dozen "(cid:N)"."""
    codes = "".join(f"{100 + i * 7:04X}" for i in range(glyphs))
    layer = f"BT 3 Tr /F1 11 Tf 60 760 Td <{codes}> Tj ET\n".encode()
    return jpeg_pdf(path, jpeg, layer, b" /Font << /F1 6 0 R >>")


def mixed_pdf(path: Path, jpeg: bytes) -> Path:
    """Page 1 typed (a 事迹材料 page with a real text layer), page 2 the scanned form."""
    from reportlab.lib.utils import ImageReader

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 12)
    pdf.drawString(60, HEIGHT - 60, "事迹材料")
    for number, line in enumerate(_wrap(SUMMARY, 36)):
        pdf.drawString(60, HEIGHT - 90 - 18 * number, line)
    pdf.showPage()
    pdf.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, WIDTH, HEIGHT)
    pdf.showPage()
    pdf.save()
    return path


def scan_docx(path: Path, jpeg: bytes) -> Path:
    """A .docx holding nothing but the scanned page, pasted as a picture."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_picture(io.BytesIO(jpeg), width=Cm(17))
    document.save(str(path))
    return path


def text_scan_pdf(path: Path, title: str, lines: list[str], dpi: float = 100) -> Path:
    """Typed paragraphs (a 事迹材料) printed and scanned: a picture-only PDF page."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    typed = path.with_suffix(".typed.pdf")
    pdf = canvas.Canvas(str(typed), pagesize=A4)
    pdf.setFont(FONT, 15)
    pdf.drawCentredString(WIDTH / 2, HEIGHT - 70, title)
    pdf.setFont(FONT, 12)
    row = 0
    for line in lines:
        for part in _wrap(line, 38):
            pdf.drawString(60, HEIGHT - 110 - 22 * row, part)
            row += 1
    pdf.save()
    out = io.BytesIO()
    render(typed, dpi).rotate(0.8, resample=Image.BICUBIC, fillcolor=(255, 255, 255)).save(
        out, "JPEG", quality=70)
    typed.unlink()
    return jpeg_pdf(path, out.getvalue())
