"""The one glossary of Chinese display names: what reviewers read for each code the tool stores.

Codes (collective, no_evidence, bulk_accept …) are the contract of the JSON output and the store;
these names are only what tables, workbooks and the HTML report show. Every room takes its names
from here, so one thing is called the same everywhere (a reviewer's "no evidence" decision is
无证据 in the terminal, the Excel workbook and the HTML report alike).
"""

from __future__ import annotations

import re

# What a submission is, from its recognised form.
SUBMISSION_KIND_NAMES = {"collective": "先进集体", "individual": "先进个人", "school": "学校自评",
                         "unknown": "未识别"}

# The tier of a unit in the programme (a rubric's UnitLevel), not a finding's severity.
UNIT_LEVEL_NAMES = {"city": "市校", "county": "县级", "department": "省校部门", "school": "学校"}

# A 先进个人's result under the programme's selection rule.
OUTCOME_NAMES = {"recommended": "推荐", "not_recommended": "不推荐", "pending": "待复核"}

# Where a unit stands in `intake score` (a 先进个人 by their result).
SCORE_STATUS_NAMES = {"scored": "已计分", "pending": "待复核", "excluded": "不参与评优",
                      "not_scorable": "需补交", **OUTCOME_NAMES}

# What an extractor made of a fact or item.
SUGGESTION_STATUS_NAMES = {"suggested": "建议", "no_evidence": "未找到依据",
                           "ungrounded": "引文未核实"}

# A reviewer's decision, and where it was made.
ACTION_NAMES = {"accept": "接受", "override": "改判", "no_evidence": "无证据",
                "bulk_accept": "批量接受"}
SOURCE_NAMES = {"terminal": "终端复核", "excel": "Excel 导入", "accept_all": "批量接受",
                "lead": "组长裁定", "desk": "网页复核",
                "excel_force": "Excel 导入（--force 覆盖较新的决定）"}

# The documents near_duplicate_text compares (intake/score/similar.py).
OVERLAP_KIND_NAMES = {"deeds": "事迹材料"}

# What a suggestion is about.
TARGET_NAMES = {"fact": "事实", "item": "指标"}

# Rubric definitions: the kind of a scoring node and whom a rubric scores.
NODE_KIND_NAMES = {"table": "规则", "expert": "专家评审", "judged": "酌情记分", "rank": "排名",
                   "ratio": "折算", "deduction": "扣分", "count": "累计", "sum": "分项合计"}
SUBJECT_NAMES = {"collective": "集体", "individual": "个人", "school": "学校"}

# A finding's code (extractors/findings.py LEVELS, DESIGN.md) as reviewers name the problem.
FINDING_NAMES = {
    "unreadable": "无法读取", "encrypted": "文件加密", "unsupported_format": "格式不支持",
    "empty": "空文档", "needs_ocr": "扫描件需OCR", "timeout": "读取超时",
    "hidden_text": "隐藏文字", "suspected_injection": "疑似指令注入", "unknown_form": "未识别表格",
    "unverifiable_count": "字数无法核实", "missing_field": "漏填", "over_limit": "超字数",
    "missing_seal": "未盖章", "missing_date": "未签日期", "missing_form": "缺申报表",
    "missing_deeds": "缺事迹材料", "duplicate_submission": "重复申报",
    "near_duplicate_text": "文字雷同", "quota_exceeded": "超名额",
    "no_county_collective": "无县级集体", "late_submission": "逾期报送",
    "out_of_range": "超出分值范围", "ungrounded": "引文未核实", "other_file": "其他文件",
    "reviewer_disagreement": "评审分歧", "selection_unstated": "评选规则未写明",
    "group_maximum_mismatch": "分组满分不符", "total_mismatch": "总分不符",
    "ocr_count": "字数来自OCR", "ocr_uncertain": "OCR识别存疑",
}

# How bad a finding is (its JSON `level`).
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

# A message ends with its English gist in ASCII parentheses: "未见盖章 (no seal image …)".
_ENGLISH_GIST = re.compile(r"\s*\([^()]*\)\s*$")


def finding_name(code: str) -> str:
    """The Chinese name of a finding code; an unknown (newer) code is shown as itself."""
    return FINDING_NAMES.get(code, code)


def chinese_message(message: str) -> str:
    """A finding's message without its English gist, for what is handed on; the codes and the
    whole message stay in JSON."""
    return _ENGLISH_GIST.sub("", message) or message

# The type of a rubric fact (rubric.model.FactType), as the reviewer is asked for it.
FACT_TYPE_NAMES = {"bool": "是/否", "int": "整数", "number": "数值", "percent": "百分数",
                   "enum": "选项"}
