"""Write the sample batch: realistic submissions for the demo, the tests and the benchmark.

    python samples/make_samples.py [OUT]        (default: samples/batch)

Every text here was written for this project. The batch holds collective and individual forms as
.docx and PDF; complete ones, one over each limit, one with a missing field and an undated 单位意见,
a scanned PDF and a corrupt file; and deeds materials that state the facts the rubric asks for in
the forms applicants use (6.4%, 百分之五点二, 三次, 两名, 未发生 …). `samples/expected.json` says
what a reviewer expects `intake check` to find in each.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.shared import Cm, Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).parent))
from images import photo_jpeg, scanned_page_jpeg, seal_png

from intake.counting import count_words

HERE = Path(__file__).parent
CJK_FONT = "STSong-Light"
FIXED = dt.datetime(2024, 10, 10, 9, 0, 0)
COLLECTIVE_TITLE = "河北开放大学信息化工作先进集体申报表"
INDIVIDUAL_TITLE = "河北开放大学信息化工作先进个人申报表"
PLACEHOLDER = "（详细材料另附）"


@dataclass
class Unit:
    folder: str
    name: str
    address: str = ""
    head: str = "王建国"
    post: str = "主任"
    phone: str | None = "0311-66780001"
    opinion: str = "同意推荐。\n签章\n2024年10月12日"
    seal: bool = False
    summary: str = ""
    deeds: list[str] = field(default_factory=list)


# ---- texts --------------------------------------------------------------------------------


SHIJIAZHUANG_DEEDS = [
    "石家庄开放大学信息技术中心事迹材料",
    "一、领导重视，机制健全。学校成立了由校长任组长的网络安全和信息化领导小组，分管副校长任副组长，"
    "各部门负责人为成员。本年度共召开领导小组会议3次，专题研究智慧校园建设、数据治理和网络安全工作。",
    "二、投入稳定，队伍专业。全年信息化资金投入420万元，占年度总预算的6.4%，主要用于数据中心扩容、"
    "教学平台升级和正版软件采购。现有专职信息化人员6名，其中高级职称2人。",
    "三、门户与新媒体。门户网站全年发布信息1260条，微信公众号关注人数达2.3万人，终身学习在线子站"
    "访问量超过40万人次，信息更新及时准确。",
    "四、数字化资源建设。建成数字化课程资源120门，其中省级精品在线课程8门，全年选课人数1.5万人次，"
    "与6所县级开放大学共享资源。",
    "五、信息化素养提升。组织全市体系信息化教学能力大赛，所辖11个县区全部参与，参赛教师230人；"
    "本校组织信息化专题培训12场，参训1800人次。",
    "六、支持服务。为全校在线会议、教学直播和期末考试提供技术保障，全年保障直播460场、在线考试"
    "3.2万人次，人事系统与教务系统实现数据互通。",
    "七、网络安全。制定了《网络安全管理制度》《数据备份与恢复制度》《信息系统安全事件应急预案》，"
    "网信安全管理制度健全，落实等级保护要求，全年未发生网络安全事故。",
    "八、特色与创新。自主开发“学习支持服务一网通”，实现报名、选课、缴费、答疑一站办理，"
    "学生满意度达到96%。",
]

ZHENGDING_DEEDS = [
    "正定县开放大学信息化工作事迹材料",
    "我校成立了网络安全和信息化领导小组，由书记任组长，全年召开领导小组会议三次，研究部署"
    "信息化重点任务。",
    "全年信息化投入占年度总预算的百分之五点二，新建录播教室一间，更新教学计算机四十台。",
    "学校有专职信息化人员两名，负责平台运维与教师培训。",
    "我校建立了《校园网络安全管理办法》，全年未发生网络安全事故。",
    "我校组织教师参加全市信息化教学能力大赛，获得二等奖两项；开展校内信息化培训六场。",
]

TANGSHAN_DEEDS = [
    "唐山开放大学信息化工作事迹材料",
    "学校网络安全和信息化领导小组由校长任组长，本年度召开领导小组会议2次。",
    "信息化资金投入占年度总预算的4.1%，专职信息化人员4人。",
    "学校建立了网络安全管理制度，较为健全，本年度没有发生网络安全事故。",
    "公众号关注人数8600人，建设微课资源45门，选课人数3200人次。",
]

INDIVIDUAL_DEEDS = [
    "李明同志先进事迹材料",
    "李明同志长期负责学校学习平台运维，全年处理平台故障210次，保障期末考试在线监考1.1万人次。",
    "他自编教务数据核对小程序，将每学期成绩核对时间由五天缩短到半天，在全市体系推广使用。",
    "他组织教师信息化应用培训8场，参训教师420人次，编写《在线教学平台操作手册》一册。",
]


def exactly(words: int, start: int = 1) -> str:
    """Filler prose of exactly `words` 字 as Word counts them (trimmed one character at a time)."""
    text = filler(start, words // 20 + 2)
    while count_words(text) > words:
        text = text[:-1]
    return text


def filler(start: int, sentences: int) -> str:
    """Plain deeds prose of a known shape, for texts that must pass a limit."""
    lines = ["本年度我校持续推进教学平台应用，第{n}项工作按计划完成并通过验收，师生反映良好。"]
    return "".join(lines[0].format(n=start + i) for i in range(sentences))


UNITS = [
    Unit("石家庄开放大学信息技术中心", "石家庄开放大学信息技术中心",
         "河北省石家庄市长安区建设北大街1号", seal=True,
         summary="中心围绕智慧校园建设，完善网络安全和信息化领导机制，建成数字化课程资源120门，"
                 "公众号关注人数2.3万人，全年未发生网络安全事故。",
         deeds=SHIJIAZHUANG_DEEDS),
    Unit("正定县开放大学", "正定县开放大学", "河北省石家庄市正定县常山西路18号", "赵立新", "校长",
         "0311-88010002", summary="学校重视信息化建设，由书记任组长成立领导小组，信息化投入占比"
                                  "百分之五点二，建成录播教室。", deeds=ZHENGDING_DEEDS),
    Unit("保定开放大学信息中心", "保定开放大学信息中心", "河北省保定市竞秀区东风中路99号",
         summary=exactly(1001),
         deeds=["保定开放大学信息中心事迹材料", "学校成立了网络安全和信息化领导小组。",
                filler(1, 10)]),
    Unit("沧州开放大学", "沧州开放大学", "河北省沧州市运河区永安大道6号",
         summary="学校推进信息化应用，成效明显。",
         deeds=["沧州开放大学事迹材料", exactly(2001 - 10)]),
    Unit("邢台开放大学", "邢台开放大学", "河北省邢台市信都区中兴西大街12号", phone=None,
         opinion="同意推荐。", summary="学校建成一体化教学平台，服务师生两万余人。",
         deeds=["邢台开放大学事迹材料", "学校建成一体化教学平台，服务师生两万余人。"]),
]


# ---- docx ---------------------------------------------------------------------------------


def _fixed(document: docx.document.Document) -> None:
    props = document.core_properties
    props.author, props.created, props.modified, props.revision = "intake samples", FIXED, FIXED, 1


def _cell(table: docx.table.Table, row: int, first: int, last: int, text: str) -> None:
    cell = table.cell(row, first) if first == last else table.cell(row, first).merge(
        table.cell(row, last))
    cell.text = text


def collective_form(unit: Unit, path: Path) -> None:
    document = docx.Document()
    _fixed(document)
    document.add_paragraph(COLLECTIVE_TITLE).runs[0].font.size = Pt(16)
    table = document.add_table(rows=5, cols=6)
    table.style = "Table Grid"
    _cell(table, 0, 0, 0, "单位/部门名称")
    _cell(table, 0, 1, 5, unit.name)
    _cell(table, 1, 0, 0, "通讯地址")
    _cell(table, 1, 1, 5, unit.address)
    for column, text in enumerate(["负责人", unit.head, "职务", unit.post, "联系电话",
                                   unit.phone or ""]):
        _cell(table, 2, column, column, text)
    _cell(table, 3, 0, 0, "突出事迹简介\n(1000字)")
    _cell(table, 3, 1, 5, f"{unit.summary}\n{PLACEHOLDER}")
    _cell(table, 4, 0, 0, "单位意见")
    _cell(table, 4, 1, 5, unit.opinion)
    if unit.seal:
        table.cell(4, 1).paragraphs[-1].add_run().add_picture(io.BytesIO(seal_png()), Cm(2.5))
    document.save(path)


def individual_form(path: Path, person: Sequence[str], summary: str) -> None:
    name, sex, born, school, title = person
    document = docx.Document()
    _fixed(document)
    document.add_paragraph(INDIVIDUAL_TITLE)
    table = document.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    for column, text in enumerate(["姓　　名", name, "性　　别", sex, "出生年月", born]):
        _cell(table, 0, column, column, text)
    _cell(table, 1, 0, 0, "所在单位")
    _cell(table, 1, 1, 3, school)
    _cell(table, 1, 4, 4, "职称/职务")
    _cell(table, 1, 5, 5, title)
    _cell(table, 2, 0, 0, "突出事迹简介(800字)")
    _cell(table, 2, 1, 5, f"{summary}\n{PLACEHOLDER}")
    _cell(table, 3, 0, 0, "单位意见")
    _cell(table, 3, 1, 5, "同意推荐。签章 2024年10月11日")
    document.save(path)


def deeds_docx(paragraphs: Sequence[str], path: Path, photo: bool = False) -> None:
    document = docx.Document()
    _fixed(document)
    for text in paragraphs:
        document.add_paragraph(text)
    if photo:
        document.add_picture(io.BytesIO(photo_jpeg()), Cm(8))
    document.save(path)


# ---- PDF ----------------------------------------------------------------------------------


def _canvas(path: Path) -> canvas.Canvas:
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    pdf.setFont(CJK_FONT, 11)
    return pdf


def collective_pdf(unit: Unit, path: Path) -> None:
    """The collective form drawn as a ruled table, as a PDF exported from Word looks."""
    pdf = _canvas(path)
    top = A4[1] - 100
    pdf.setFont(CJK_FONT, 15)
    pdf.drawString(120, A4[1] - 60, COLLECTIVE_TITLE)
    pdf.setFont(CJK_FONT, 10.5)
    rows = [["单位/部门名称", unit.name], ["通讯地址", unit.address],
            ["负责人", unit.head, "职务", unit.post, "联系电话", unit.phone or ""],
            ["突出事迹简介(1000字)", unit.summary], ["单位意见", "同意推荐。签章 2024年10月11日"]]
    xs6 = [50, 140, 220, 290, 360, 440, 545]
    heights = [30, 30, 30, 120, 60]
    y = top
    for row, height in zip(rows, heights, strict=True):
        xs = xs6 if len(row) == 6 else [xs6[0], xs6[1], xs6[-1]]
        pdf.line(xs[0], y, xs[-1], y)
        for x in xs:
            pdf.line(x, y, x, y - height)
        for column, text in enumerate(row):
            width = 18 if column else 5
            for n, part in enumerate(text[i:i + width * 2] for i in range(0, len(text), width * 2)):
                pdf.drawString(xs[column] + 4, y - 18 - 14 * n, part)
        y -= height
    pdf.line(xs6[0], y, xs6[-1], y)
    pdf.showPage()
    pdf.save()


def deeds_pdf(paragraphs: Sequence[str], path: Path) -> None:
    pdf = _canvas(path)
    y = A4[1] - 70
    for text in paragraphs:
        for part in (text[i:i + 38] for i in range(0, len(text), 38)):
            pdf.drawString(60, y, part)
            y -= 18
        y -= 6
    pdf.showPage()
    pdf.save()


def scanned_pdf(path: Path) -> None:
    """A scan: one page that is only a picture, no text layer."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    pdf.drawImage(ImageReader(io.BytesIO(scanned_page_jpeg())), 0, 0, *A4)
    pdf.showPage()
    pdf.save()


# ---- the batch ----------------------------------------------------------------------------


def write_batch(out: Path) -> list[Path]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    folders = []
    for unit in UNITS:
        folder = out / unit.folder
        folder.mkdir()
        collective_form(unit, folder / "申报表.docx")
        deeds_docx(unit.deeds, folder / "事迹材料.docx", photo=unit.seal)
        folders.append(folder)
    folders += [_tangshan(out), _person(out), _person_over(out), _scanned(out), _corrupt(out)]
    return folders


def _tangshan(out: Path) -> Path:
    folder = out / "唐山开放大学"
    folder.mkdir()
    unit = Unit("唐山开放大学", "唐山开放大学", "河北省唐山市路北区学院路3号", "刘志强", "校长",
                "0315-2800003", summary="学校推进智慧教学平台建设，公众号关注人数8600人。")
    collective_pdf(unit, folder / "先进集体申报表.pdf")
    deeds_pdf(TANGSHAN_DEEDS, folder / "事迹材料.pdf")
    return folder


def _person(out: Path) -> Path:
    folder = out / "个人-李明"
    folder.mkdir()
    individual_form(folder / "先进个人申报表.docx", ("李明", "男", "1985.06", "唐山开放大学",
                                                   "讲师/平台运维"),
                    "长期负责学习平台运维，自编教务数据核对小程序并在全市推广。")
    deeds_docx(INDIVIDUAL_DEEDS, folder / "事迹材料.docx")
    return folder


def _person_over(out: Path) -> Path:
    folder = out / "个人-王芳"
    folder.mkdir()
    individual_form(folder / "申报表.docx", ("王芳", "女", "1990.03", "邯郸开放大学", "助教"),
                    exactly(801))
    deeds_docx(["王芳同志事迹材料", filler(1, 8)], folder / "事迹材料.docx")
    return folder


def _scanned(out: Path) -> Path:
    folder = out / "廊坊开放大学"
    folder.mkdir()
    scanned_pdf(folder / "申报表扫描件.pdf")
    deeds_docx(["廊坊开放大学事迹材料", "学校成立了网络安全和信息化领导小组。"],
               folder / "事迹材料.docx")
    return folder


def _corrupt(out: Path) -> Path:
    folder = out / "衡水开放大学"
    folder.mkdir()
    whole = io.BytesIO()
    deeds_docx(["衡水开放大学申报表"], folder / "申报表.docx")
    whole.write((folder / "申报表.docx").read_bytes())
    (folder / "申报表.docx").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    (folder / "说明.txt").write_text("申报表在传输中损坏，纸质版已另行报送。\n", encoding="utf-8")
    return folder


def main(argv: Sequence[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else HERE / "batch"
    folders = write_batch(out)
    print(f"wrote {len(folders)} submissions to {out}")


if __name__ == "__main__":
    main(sys.argv)
