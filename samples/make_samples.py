"""Write the sample batch and what a reviewer expects of it.

    python samples/make_samples.py [OUT]        (default: samples/batch)

writes one folder per submission into OUT and `expected.json` next to OUT. Every text here was
written for this project. The batch holds collective and individual forms as .docx and PDF:
complete ones (a city-level and a county-level unit), one just over and one exactly at each
字数 limit, a missing 联系电话 with an undated 单位意见, a dated 单位意见 without a seal, a scanned
PDF, a corrupt file with a note, and deeds materials stating the facts the rubric asks for in the
forms applicants use (6.4%, 百分之五点二, 三次, 两名, 未发生 …).

The output is the same bytes on every run: fixed core-properties dates, fixed ZIP entry times,
seeded images and reportlab's invariant mode. The expected kind and finding codes are a
reviewer's reading of each submission, declared here; the expected 字数 counts are computed from
the texts written, not read back from the files.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: samples.* imports
from intake.screen.counting import count_words
from samples.builders import (
    Person,
    Unit,
    collective_form,
    collective_pdf,
    deeds_docx,
    deeds_pdf,
    individual_form,
    scanned_pdf,
)

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Written:
    """One submission folder as written, with what a reviewer expects `intake check` to find.

    `summary` and `deeds` are the texts whose 字数 the reviewer expects in counts (None: the
    reviewer cannot read it, so no count)."""

    folder: str
    kind: str
    codes: tuple[str, ...] = ()
    summary: str | None = None
    deeds: Sequence[str] | None = None


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
    "学校网络安全和信息化领导小组由校长任组长，本年度召开领导小组会议2次，审定了智慧校园三年规划。",
    "信息化资金投入占年度总预算的4.1%，专职信息化人员4人，另聘兼职网络管理员3人。",
    "学校建立了网络安全管理制度，较为健全，本年度没有发生网络安全事故。",
    "公众号关注人数8600人，全年推送图文310篇；建设微课资源45门，选课人数3200人次。",
    "全年保障线上教学直播150场、视频会议60场，期末考试在线监考5800人次。",
]

QINHUANGDAO_DEEDS = [
    "秦皇岛开放大学信息化工作事迹材料",
    "学校设有网络安全和信息化领导小组，由分管副校长任组长，本年度召开领导小组会议1次。",
    "全年信息化投入86万元，占年度总预算的2.8%；现有专职信息化人员3名。",
    "学校制定了《校园网管理规定》等制度，网信安全管理制度较健全。6月发生一起因弱口令导致的网站"
    "页面被篡改事件，两小时内恢复，未造成数据泄露，已按要求完成整改。",
    "建成微课资源32门，公众号关注人数5400人；组织教师参加全市信息化教学能力大赛，参赛教师45人。",
    "为期末考试提供在线监考保障，全年保障教学直播120场。",
]

INDIVIDUAL_DEEDS = [
    "李明同志先进事迹材料",
    "李明同志长期负责学校学习平台运维，全年处理平台故障210次，保障期末考试在线监考1.1万人次。",
    "他自编教务数据核对小程序，将每学期成绩核对时间由五天缩短到半天，在全市体系推广使用。",
    "他组织教师信息化应用培训8场，参训教师420人次，编写《在线教学平台操作手册》一册。",
]

_SENTENCES = [
    "第{n}期教师信息化应用培训围绕在线课程设计与直播教学展开，参训教师{a}人次。",
    "学校完成{c}个教学点的网络改造，出口带宽提升到{b}兆，学习平台响应明显加快。",
    "全年新建微课{a}个，更新课程导学资源{b}份，论坛答疑在{c}小时内回复。",
    "信息中心对{c}台服务器开展季度巡检，修补系统漏洞{a}个，重要数据每日异地备份。",
    "面向基层教学点开展送培上门活动{c}次，现场解答教务平台操作问题{a}个。",
    "组织学生参加数字素养线上课程，累计学习{b}人次，结业考核通过率{p}%。",
]


def sentence(n: int) -> str:
    """The n-th sentence of plain deeds prose (numbers vary with n, nothing random)."""
    template = _SENTENCES[n % len(_SENTENCES)]
    return template.format(n=n + 1, a=20 + n * 37 % 180, b=300 + n * 113 % 900, c=2 + n * 7 % 30,
                           p=80 + n * 3 % 19)


def prose(words: int, start: int = 0) -> str:
    """Deeds prose of exactly `words` 字 as Word counts them (at least 2), ending with 。."""
    text, n = "", start
    while count_words(text + sentence(n)) <= words - 2:  # the last, cut sentence needs ≥ 2
        text, n = text + sentence(n), n + 1
    for m in range(n, n + len(_SENTENCES)):
        last = sentence(m).rstrip("。")
        for cut in range(len(last), 0, -1):
            if count_words(text + last[:cut] + "。") == words:
                return text + last[:cut] + "。"
    raise ValueError(f"cannot write exactly {words} 字")




UNITS = [
    Unit("石家庄开放大学信息技术中心", "石家庄开放大学信息技术中心",
         "河北省石家庄市长安区建设北大街1号", seal=True, photo=True,
         summary="中心围绕智慧校园建设，完善网络安全和信息化领导机制，建成数字化课程资源120门，"
                 "公众号关注人数2.3万人，全年未发生网络安全事故。",
         deeds=SHIJIAZHUANG_DEEDS),
    Unit("正定县开放大学", "正定县开放大学", "河北省石家庄市正定县常山西路18号", "赵立新", "校长",
         "0311-88010002", summary="学校重视信息化建设，由书记任组长成立领导小组，信息化投入占比"
                                  "百分之五点二，建成录播教室。", deeds=ZHENGDING_DEEDS),
    Unit("保定开放大学信息中心", "保定开放大学信息中心", "河北省保定市竞秀区东风中路99号",
         "陈思远", "主任", "0312-5020016", summary=prose(1001),
         deeds=["保定开放大学信息中心事迹材料", "学校成立了网络安全和信息化领导小组。",
                prose(400, start=3)]),
    Unit("沧州开放大学", "沧州开放大学", "河北省沧州市运河区永安大道6号", "周文华", "校长",
         "0317-3090021", summary=prose(1000, start=7),
         deeds=["沧州开放大学事迹材料", prose(2001 - 10, start=11)]),
    Unit("邢台开放大学", "邢台开放大学", "河北省邢台市信都区中兴西大街12号", "马俊峰", "副校长",
         phone=None, opinion="同意推荐。", seal=True,
         summary="学校建成一体化教学平台，服务师生两万余人。",
         deeds=["邢台开放大学事迹材料", "学校建成一体化教学平台，服务师生两万余人。"]),
    Unit("秦皇岛开放大学", "秦皇岛开放大学", "河北省秦皇岛市海港区河北大街西段36号", "孙海燕",
         "副校长", "0335-3051020", opinion="同意推荐。\n2024年10月15日",
         summary="学校完善信息化管理制度，建成微课资源32门，全年保障教学直播120场。",
         deeds=QINHUANGDAO_DEEDS),
]

# What a reviewer expects of each collective .docx submission above, by folder.
UNIT_CODES: dict[str, tuple[str, ...]] = {
    "石家庄开放大学信息技术中心": (),
    "正定县开放大学": (),
    "保定开放大学信息中心": ("over_limit",),  # 突出事迹简介 1001/1000
    "沧州开放大学": ("over_limit",),  # 突出事迹简介 1000/1000 passes, 事迹材料 2001/2000
    "邢台开放大学": ("missing_date", "missing_field"),  # no 联系电话; seal image, no date
    "秦皇岛开放大学": ("missing_seal",),  # dated, but neither seal image nor 签章
}

TANGSHAN = Unit("唐山开放大学", "唐山开放大学", "河北省唐山市路北区学院路3号", "刘志强", "校长",
                "0315-2800003", opinion="同意推荐。签章 2024年10月11日",
                summary="学校推进智慧教学平台建设，公众号关注人数8600人，全年保障直播150场。",
                deeds=TANGSHAN_DEEDS)

LI_MING = Person("李明", "男", "1985.06", "唐山开放大学", "讲师/平台运维",
                 "长期负责学习平台运维，自编教务数据核对小程序并在全市推广。")
WANG_FANG = Person("王芳", "女", "1990.03", "邯郸开放大学", "助教", prose(801, start=20))


def _folder(out: Path, name: str) -> Path:
    folder = out / name
    folder.mkdir()
    return folder


def _unit(out: Path, unit: Unit) -> Written:
    folder = _folder(out, unit.folder)
    collective_form(unit, folder / "申报表.docx")
    deeds_docx(unit.deeds, folder / "事迹材料.docx", photo=unit.photo)
    return Written(unit.folder, "collective", UNIT_CODES[unit.folder], unit.summary, unit.deeds)


def _tangshan_pdf(out: Path) -> Written:
    folder = _folder(out, TANGSHAN.folder)
    collective_pdf(TANGSHAN, folder / "先进集体申报表.pdf")
    deeds_pdf(TANGSHAN.deeds, folder / "事迹材料.pdf")
    return Written(TANGSHAN.folder, "collective", (), TANGSHAN.summary, TANGSHAN.deeds)


def _li_ming(out: Path) -> Written:
    folder = _folder(out, "个人-李明")
    individual_form(LI_MING, folder / "先进个人申报表.docx")
    deeds_docx(INDIVIDUAL_DEEDS, folder / "事迹材料.docx")
    return Written(folder.name, "individual", (), LI_MING.summary, INDIVIDUAL_DEEDS)


def _wang_fang(out: Path) -> Written:
    """突出事迹简介 801/800; the deeds material exactly at its limit, 2000/2000, passes."""
    folder = _folder(out, "个人-王芳")
    individual_form(WANG_FANG, folder / "申报表.docx")
    deeds = ["王芳同志事迹材料", prose(2000 - 8, start=30)]
    deeds_docx(deeds, folder / "事迹材料.docx")
    return Written(folder.name, "individual", ("over_limit",), WANG_FANG.summary, deeds)


def _scanned(out: Path) -> Written:
    """The form only as a scan: nothing to recognise or count until it is OCRed."""
    folder = _folder(out, "廊坊开放大学")
    scanned_pdf(folder / "申报表扫描件.pdf")
    deeds = ["廊坊开放大学事迹材料", "学校成立了网络安全和信息化领导小组，全年召开会议两次。"]
    deeds_docx(deeds, folder / "事迹材料.docx")
    return Written(folder.name, "unknown", ("needs_ocr", "unknown_form"), None, deeds)


def _corrupt(out: Path) -> Written:
    """A form cut off in transfer, and the unit's note saying so. No missing_form/missing_deeds:
    the unreadable file may be either, and its own error already says what to do."""
    folder = _folder(out, "衡水开放大学")
    whole = io.BytesIO()
    unit = Unit("", "衡水开放大学", "河北省衡水市桃城区人民西路5号")
    collective_form(unit, folder / "申报表.docx")
    whole.write((folder / "申报表.docx").read_bytes())
    (folder / "申报表.docx").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    (folder / "说明.txt").write_text("申报表在传输中损坏，纸质版已另行报送。\n", encoding="utf-8")
    return Written(folder.name, "unknown", ("unreadable",))


WRITERS: list[Callable[[Path], Written]] = [_tangshan_pdf, _li_ming, _wang_fang, _scanned,
                                            _corrupt]


def write_batch(out: Path) -> list[Written]:
    """Write every sample submission into a fresh `out` folder."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = [_unit(out, unit) for unit in UNITS]
    return written + [write(out) for write in WRITERS]


def expected(written: Sequence[Written]) -> dict[str, object]:
    """expected.json: per folder, kind, sorted finding codes and the 字数 counts."""
    def counts(w: Written) -> dict[str, int | None]:
        return {"summary": None if w.summary is None else count_words(w.summary),
                "deeds": None if w.deeds is None else count_words("\n".join(w.deeds))}

    return {
        "_comment": "What a reviewer expects `intake check samples/batch` to find: kind, finding "
                    "codes, 字数 counts. Written by samples/make_samples.py.",
        "submissions": {w.folder: {"kind": w.kind, "codes": sorted(set(w.codes)),
                                   "counts": counts(w)}
                        for w in sorted(written, key=lambda w: w.folder)},
    }


def write_expected(written: Sequence[Written], path: Path) -> None:
    data = expected(written)
    lines = [f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
             for k, v in data["submissions"].items()]  # type: ignore[attr-defined]
    comment = json.dumps(data["_comment"], ensure_ascii=False)
    path.write_text("{\n  \"_comment\": " + comment + ",\n  \"submissions\": {\n"
                    + ",\n".join(lines) + "\n  }\n}\n", encoding="utf-8")


# Platform statistics of the city-level units (ranked items 10 and 11), as the province exports
# them: 国开学习网 teacher online days and 公共服务平台 logins per capita.
METRICS = {
    "石家庄开放大学信息技术中心": (118.5, 42.3),
    "唐山开放大学": (96.0, 37.8),
    "保定开放大学信息中心": (101.2, 29.5),
    "沧州开放大学": (88.0, 31.0),
    "邢台开放大学": (90.5, 26.4),
    "秦皇岛开放大学": (79.5, 33.6),
}


def write_metrics(path: Path) -> None:
    rows = ["单位名称,teacher_online_days,platform_logins_per_capita"]
    rows += [f"{unit},{days:g},{logins:g}" for unit, (days, logins) in METRICS.items()]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: Sequence[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else HERE / "batch"
    written = write_batch(out)
    write_expected(written, out.parent / "expected.json")
    write_metrics(out.parent / "metrics.csv")
    print(f"wrote {len(written)} submissions to {out}; expected.json and metrics.csv beside it")


if __name__ == "__main__":
    main(sys.argv)

