"""Write the sample batches of the two other programmes of the source documents.

    python samples/make_programme_samples.py [OUT]        (default: samples/)

- `OUT/individuals/`: a 先进个人 batch (Hebei 2024, 附件4 forms and 事迹材料): three people from
  石家庄 (quota 2, so `quota_exceeded`), one of them at a county-level school; a library post
  (非信息化岗位, condition 4) in 唐山; a nominee whose material only praises in general words (not
  recommended); a 省校 department engineer (附件2 gives 省校 no quota).
- `OUT/xunke/`: four schools' self-assessment reports (自评报告) for the Xunke 2018 rubric, one with
  an evidence file, and `OUT/xunke-metrics.csv` (班班通 average use from the monitoring system,
  item 11) and `OUT/xunke-judged.csv` (the points a review panel gives items 2.2, 8.3, 12 and 17,
  which `make demo` enters through the review workbook).
- `OUT/collective-judged.csv`: the panel's points for expert items of the 先进集体 batch where its
  material shows nothing (a bulk acceptance never gives those points).

Every text was written for this project, in the phrasing such documents use. The collective sample
batch (`make_samples.py`) is not touched. The output is the same bytes on every run.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: samples.* imports
from samples.builders import Person, deeds_docx, individual_form

HERE = Path(__file__).parent

# ---- 先进个人 ---------------------------------------------------------------------------------

PEOPLE: list[tuple[str, Person, list[str]]] = [
    ("个人-张伟", Person("张伟", "男", "1983.04", "石家庄开放大学", "高级工程师/信息技术中心主任",
                        "牵头建设学校数据中心和统一身份认证平台，自主开发学习支持服务系统并在全市体系推广。",
                        opinion="同意推荐。签章 2024年10月14日"), [
        "张伟同志先进事迹材料",
        "张伟同志2009年参加工作以来一直从事学校信息化工作，现任信息技术中心主任，是学校信息化建设的"
        "骨干力量。",
        "他牵头完成数据中心扩容改造，新增服务器12台，存储容量提升到300TB，全年核心业务系统零故障运行。",
        "他带领团队自主开发“学习支持服务一网通”系统，实现报名、选课、缴费、答疑一站办理，已在全市"
        "11个县区开放大学推广使用，服务学生2.6万人。",
        "疫情期间和每次期末考试，他都带班值守，节假日坚守机房，累计保障在线考试3.4万人次。",
        "他主持录制网络课程资源40门，参与的《数字化学习资源共建共享研究》获全省教育信息化成果二等奖。",
    ]),
    ("个人-赵敏", Person("赵敏", "女", "1992.11", "石家庄市栾城区开放大学", "教师/网络管理员",
                        "负责县级开放大学网络和教学平台运维，保障直播教学，"
                        "建设本地数字化学习资源。"), [
        "赵敏同志事迹材料",
        "赵敏同志是栾城区开放大学唯一的专职网络管理员，负责全校网络、机房和教学平台的日常运维。",
        "一年来她处理网络和平台故障180余次，保障直播课堂260场，做到了故障当天处理、课堂不断线。",
        "她利用周末和假期走访8个乡镇教学点，为基层教师开展平台操作培训15场，参训教师300人次。",
        "她主持建设本地特色微课资源36个，其中“农村电商入门”系列被市校选入共享课程库。",
    ]),
    ("个人-孙磊", Person("孙磊", "男", "1988.07", "石家庄开放大学", "教务处干事",
                        "自编排课与考务辅助小程序，在全市开放大学体系推广使用。"), [
        "孙磊同志事迹材料",
        "孙磊同志在教务处从事排课和考务工作，长期承担全校每学期600余门次课程的排课任务。",
        "他利用业余时间自编排课与考务辅助小程序，将每学期排课时间由两周缩短到三天，考场编排差错为零。",
        "该小程序已在全市7所县级开放大学推广使用，节省人工核对约1200小时。",
        "每逢期末考试，他连续加班，主动协助信息技术中心做好在线考试的保障工作，累计保障考试1.8万人次。",
    ]),
    ("个人-刘洋", Person("刘洋", "女", "1986.02", "唐山开放大学", "图书馆馆员",
                        "负责电子图书和电子教材管理，推广数字图书馆应用。"), [
        "刘洋同志事迹材料",
        "刘洋同志在图书馆工作十二年，负责纸质和电子图书、电子教材的采购、编目和管理。",
        "她牵头完成电子教材管理平台建设，上线电子教材1300种，全年师生访问量达到9.5万人次。",
        "她编写《数字图书馆使用指南》，在全市体系推广使用，为12所基层教学点开通了远程访问。",
        "为保障新学期电子教材按时发放，她连续三个寒暑假加班整理数据，核对教材目录4800条。",
    ]),
    ("个人-陈静", Person("陈静", "女", "1990.05", "保定开放大学", "讲师",
                        "热爱教育事业，积极参与学校信息化工作。"), [
        "陈静同志事迹材料",
        "陈静同志热爱本职工作，工作认真负责，团结同事，服从安排。",
        "她积极参与学校的信息化工作，注重学习新知识，不断充实自己。",
        "她爱岗敬业，在工作中起到了较好的作用，得到了领导和同事的认可。",
    ]),
    ("个人-周杰", Person("周杰", "男", "1980.09", "河北开放大学信息技术中心", "工程师",
                        "负责省校网络安全与体系数据平台建设，首次实现全省体系数据统一汇聚。",
                        opinion="同意推荐。签章 2024年10月15日"), [
        "周杰同志事迹材料",
        "周杰同志负责省校网络安全和体系数据平台建设，是信息技术中心的技术骨干。",
        "他主持建成全省开放大学体系数据平台，首次实现13个市校、96个县级开放大学数据统一汇聚。",
        "他牵头开展网络安全等级保护测评和攻防演练，全年修补高危漏洞57个，全年未发生网络安全事件。",
        "重大考试和重要会议期间他坚持值守，保障省校视频会议120场、在线考试5.2万人次。",
    ]),
]


def write_individuals(out: Path) -> int:
    for folder, person, deeds in PEOPLE:
        target = out / folder
        target.mkdir(parents=True)
        individual_form(person, target / "先进个人申报表.docx")
        deeds_docx(deeds, target / "事迹材料.docx")
    return len(PEOPLE)


# ---- Xunke 2018 school self-assessment reports ------------------------------------------------

SCHOOLS: list[tuple[str, list[str]]] = [
    ("逊克县第一中学", [
        "逊克县第一中学2018年度教育信息化管理与应用工作自评报告",
        "按照县教育体育局《逊克县中小学教育信息化管理与应用工作考核评估细则（试行）》的要求，"
        "我校对照细则逐项开展了自查，现将有关情况报告如下。",
        "一、组织管理。学校成立了以校长为组长的信息化工作领导小组，下设信息化办公室，职责明确，"
        "分工到人。学校年度工作计划和总结中均有信息化应用内容，每学期制定信息化工作计划并按期总结。",
        "学校制定了《计算机教室管理制度》《班班通设备使用与维护制度》，对教师应用信息技术设备教学"
        "有制度、有要求、有督查、有奖惩。",
        "二、设备管理。建有信息化资产经费账和实物账，账物相符。全校专任教师86人，配备办公电脑86台，"
        "做到每人一台。设备管理责任到人，有设备管理责任表。",
        "三、平台建设。在教育管理公共服务平台建立了教师、班级、学生档案，各平台帐号密码由专人管理，"
        "有存档和交接记录，全年按月上报全国教育信息化工作进展系统。",
        "四、应用创新。本年度每学期举行一次信息化应用培训，上级组织的培训无人缺席。本学期班班通设备"
        "日均使用5.6小时。学校教师获市级信息化教学大赛一等奖2人次、县级一等奖3人次。",
        "五、资料装订。自评材料按细则目录顺序装订成册。",
    ]),
    ("奇克镇中心学校", [
        "教育信息化工作自评报告",
        "逊克县奇克镇中心学校现有教学班18个，专任教师52人，学生610人。2018年，学校以班班通常态化"
        "应用为抓手，推进信息技术与教育教学深度融合，现将自评情况汇报如下。",
        "（一）组织机构健全。学校成立了信息化工作领导小组，校长任组长，成员职责明确。",
        "（二）制度建设方面，学校有设备维护管理的相关规定，但还不够完整，部分功能室尚未建立专门制度。",
        "（三）设备管理。全校现有办公电脑26台，两人一台。硬件做好了防盗、防火、防尘、防水等措施。",
        "（四）平台应用。在职教师个人空间使用率达到85%，班级空间使用率70%。进展系统上报方面，"
        "因人员调整，3月、4月未能按时上报，其余月份均已上报。",
        "（五）培训与竞赛。上半年组织校内信息化应用培训1次，下半年因迎检未能组织；参加县级培训"
        "缺席2人次。学校教师在县级信息化教学能手评选中获二等奖2人次。",
        "（六）本学期班班通设备日均使用4.2小时。",
    ]),
    ("干岔子乡中心学校", [
        "干岔子乡中心学校教育信息化工作自查报告",
        "我校（逊克县干岔子乡中心学校）是一所农村九年一贯制学校，现有教师31人，学生215人。",
        "一、学校成立了信息化工作领导小组和信息化办公室，明确了分管领导和专职管理员。",
        "二、学校制定了符合本校实际的设备维护管理制度，每周对班班通设备进行检查，发现问题及时报修。",
        "三、学校利用“专递课程”与县城学校开展同步课堂，全年开展专递课程活动46节。",
        "四、学校网站于2018年3月建成，内容适时更新，全年发布信息120条。",
        "五、本年度班班通设备日均使用3.1小时。每月按时上报全国教育信息化工作进展系统。",
        "六、材料装订方面，因档案室搬迁，部分材料未能按细则目录顺序装订，已附目录说明。",
    ]),
    ("逊克县实验小学", [
        "逊克县实验小学2018年信息化工作自评报告",
        "2018年，我校认真落实县局关于教育信息化管理与应用工作的各项要求，现自评如下。",
        "学校信息化工作领导小组由校长任组长，信息化办公室设在教务处，职责明确。",
        "学校建立了完整的班班通设备维护管理制度和计算机教室使用制度，设备管理规范，责任到人。",
        "学校分年级、分科目建立了校本数字资源库，共收录课件、微课、试题等资源3200余件。",
        "本年度每学期均开展信息化应用培训，结合教研活动每学期开展一次信息化应用与创新竞赛。",
        "学校教师获省级信息化教学大赛二等奖1人次、市级一等奖2人次，学校被评为市级教育信息化试点单位。",
        "本学期班班通设备日均使用6.3小时，全年按月上报全国教育信息化工作进展系统。",
        "自评材料按细则目录顺序规范装订。",
    ]),
]

# An evidence file some schools send with the report.
EVIDENCE = ("逊克县实验小学", "佐证材料.docx", [
    "逊克县实验小学信息化工作佐证材料目录",
    "1. 信息化工作领导小组成立文件；2. 班班通设备维护管理制度；3. 校本资源库截图；"
    "4. 获奖证书复印件。",
])

# 班班通 average hours of use per school day, from the county's monitoring system (item 11).
XUNKE_METRICS = {"逊克县第一中学": 5.6, "逊克县奇克镇中心学校": 4.2, "干岔子乡中心学校": 3.1,
                 "逊克县实验小学": 6.3}

# What the county's review panel gives the items only reviewers score, per school folder:
# 2.2 维护管理制度, 8.3 按月上报, 17 资料装订 (each "否则酌情记分" when its rule is not met)
# and 12 空间应用 (酌情记分).
# A row for an item whose rule already gave its points is not asked for, and is left unused.
XUNKE_JUDGED: list[tuple[str, str, float, str]] = [
    ("逊克县第一中学", "2.2", 2, "维护管理制度齐全，符合本校实际"),
    ("逊克县第一中学", "8.3", 5, "全年按月上报进展系统"),
    ("逊克县第一中学", "12", 4, "教师空间更新较好，学生空间使用未达60%"),
    ("逊克县第一中学", "17", 5, "按细则目录顺序装订"),
    ("奇克镇中心学校", "2.2", 1, "有维护管理的规定但不完整"),
    ("奇克镇中心学校", "8.3", 3, "12个月中有2个月未按时上报"),
    ("奇克镇中心学校", "12", 3, "教师空间使用率85%，学生空间使用情况未说明"),
    ("奇克镇中心学校", "17", 4, "装订基本规范，目录与细则顺序略有出入"),
    ("干岔子乡中心学校", "2.2", 2, "制度符合本校实际，每周检查设备"),
    ("干岔子乡中心学校", "8.3", 5, "每月按时上报"),
    ("干岔子乡中心学校", "12", 2, "报告未说明空间应用情况"),
    ("干岔子乡中心学校", "17", 3, "部分材料未按目录顺序装订，附有目录说明"),
    ("逊克县实验小学", "2.2", 2, "维护管理制度完整"),
    ("逊克县实验小学", "8.3", 5, "全年按月上报进展系统"),
    ("逊克县实验小学", "12", 4.5, "教师空间每周更新，学生空间使用情况较好"),
    ("逊克县实验小学", "17", 5, "按细则目录顺序规范装订"),
]


# The 先进集体 batch (make_samples.py): where the material shows nothing for an expert item, the
# panel still gives its points; `make demo` enters these, and only the rows it is asked for.
COLLECTIVE_FOLDERS = ("保定开放大学信息中心", "唐山开放大学", "正定县开放大学", "沧州开放大学",
                      "秦皇岛开放大学", "邢台开放大学", "石家庄开放大学信息技术中心")
COLLECTIVE_PANEL = {"4": 2, "5": 2, "6": 1, "7": 1, "8": 2, "12": 3}


def write_collective_panel(path: Path) -> None:
    lines = ["申报材料,指标,分值,理由"]
    lines += [f"{folder},{item},{points},材料中未见该项的具体内容，评审组按第三档给分"
              for folder in COLLECTIVE_FOLDERS for item, points in COLLECTIVE_PANEL.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_xunke(out: Path) -> int:
    for school, paragraphs in SCHOOLS:
        target = out / school
        target.mkdir(parents=True)
        deeds_docx(paragraphs, target / "自评报告.docx")
    folder, name, paragraphs = EVIDENCE
    deeds_docx(paragraphs, out / folder / name)
    return len(SCHOOLS)


def write_xunke_csvs(metrics: Path, judged: Path) -> None:
    rows = ["单位名称,classroom_device_usage"]
    rows += [f"{school},{hours:g}" for school, hours in XUNKE_METRICS.items()]
    metrics.write_text("\n".join(rows) + "\n", encoding="utf-8")
    lines = ["申报材料,指标,分值,理由"]
    lines += [f"{school},{item},{points:g},{why}" for school, item, points, why in XUNKE_JUDGED]
    judged.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def main(argv: Sequence[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    people = write_individuals(_fresh(out / "individuals"))
    schools = write_xunke(_fresh(out / "xunke"))
    write_xunke_csvs(out / "xunke-metrics.csv", out / "xunke-judged.csv")
    write_collective_panel(out / "collective-judged.csv")
    print(f"wrote {people} 先进个人 submissions to {out / 'individuals'} and {schools} Xunke "
          f"school reports to {out / 'xunke'}; xunke-metrics.csv and xunke-judged.csv beside them")


if __name__ == "__main__":
    main(sys.argv)
