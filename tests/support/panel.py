"""The review panel of the panel and desk tests: five experts (甲 to 戊), each from another
city's 开放大学, and a 组长, as the 评审组 CSV a secretary would import. 甲 and the 组长 are from
石家庄 and 丙 from 保定, so the test batch's units there give 回避 something to refuse."""

from __future__ import annotations

EXPERTS = "甲乙丙丁戊"
LEAD = "组长"
ROSTER = f"""姓名,单位,城市,角色
甲,石家庄开放大学,石家庄,专家
乙,唐山开放大学,唐山,专家
丙,保定开放大学,保定,专家
丁,沧州开放大学,沧州,专家
戊,邢台开放大学,邢台,专家
{LEAD},河北开放大学,石家庄,组长
"""
