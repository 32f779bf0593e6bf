"""Level and channel codes of other systems, mapped only here, at export.

A rating is stored with its level's label and order (app.models.vocabulary.
RatingLevel); code numbers differ between the national standard and the
provinces, so each target system is one mapping below, each with its test.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Rating, RatingFollowUp, Staff
from app.models.vocabulary import AppealDecision, RatingChannel, RatingLevel, RatingReason
from app.services.errors import DomainError
from app.text import tr


@dataclass(frozen=True)
class ExportScheme:
    """How one target system codes a rating's level and channel."""

    key: str
    name: str
    levels: Mapping[RatingLevel, str]
    channels: Mapping[RatingChannel, str]

    def level_code(self, level: RatingLevel | str) -> str:
        return self.levels[RatingLevel(level)]

    def channel_code(self, channel: RatingChannel | str) -> str:
        return self.channels[RatingChannel(channel)]

    def level_of(self, code: str) -> RatingLevel:
        """The level a code of this system stands for (for importing its answers)."""
        for level, known in self.levels.items():
            if known == code:
                return level
        raise DomainError(tr(f"「{self.name}」没有满意度代码 {code}", f"{self.name} has no level code {code}"),
                          field="level")


#: GB/T 39046-2020 appendix A.8: 1 = 非常满意 … 5 = 非常不满意.
GBT_39046 = ExportScheme(
    key="gbt39046",
    name="GB/T 39046-2020",
    levels={
        RatingLevel.VERY_SATISFIED: "1",
        RatingLevel.SATISFIED: "2",
        RatingLevel.FAIRLY_SATISFIED: "3",
        RatingLevel.DISSATISFIED: "4",
        RatingLevel.VERY_DISSATISFIED: "5",
    },
    # 评价渠道 as the provincial interfaces number them (pf): 3 二维码,
    # 4 政务大厅平板电脑 (the window screen); phone varies, 6 is the common one.
    channels={RatingChannel.QR: "3", RatingChannel.WINDOW: "4", RatingChannel.PHONE: "6"},
)

#: The Zhejiang 办件评价 interface: 1 = 非常不满意 … 5 = 非常满意.
ZHEJIANG = ExportScheme(
    key="zhejiang",
    name="浙江省办件评价接口",
    levels={
        RatingLevel.VERY_DISSATISFIED: "1",
        RatingLevel.DISSATISFIED: "2",
        RatingLevel.FAIRLY_SATISFIED: "3",
        RatingLevel.SATISFIED: "4",
        RatingLevel.VERY_SATISFIED: "5",
    },
    channels={RatingChannel.QR: "3", RatingChannel.WINDOW: "4", RatingChannel.PHONE: "7"},
)

SCHEMES: Mapping[str, ExportScheme] = {scheme.key: scheme for scheme in (GBT_39046, ZHEJIANG)}


def scheme(key: str) -> ExportScheme:
    try:
        return SCHEMES[key]
    except KeyError:
        raise DomainError(tr(f"未知的导出格式「{key}」", f"Unknown export format “{key}”"), field="scheme") from None


#: GB/T 39046-2020 table 9 data items, in order (评价人 is left out: the desk
#: does not record who the resident is beyond the case).
EXPORT_COLUMNS = ("办件编号", "评价渠道", "评价时间", "评价次数", "满意度代码", "满意度", "文字评价",
                  "差评原因", "经办人", "事项编码", "事项名称")


def export_rows(session: Session, scheme: ExportScheme) -> list[dict[str, str]]:
    """Every rating not voided on appeal, coded for ``scheme``, oldest first."""
    voided = select(RatingFollowUp.rating_id).where(RatingFollowUp.appeal_decision == AppealDecision.VOIDED.value)
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    rows = []
    for rating in session.scalars(select(Rating).where(Rating.id.not_in(voided)).order_by(Rating.rated_at)):
        level = RatingLevel.of_order(rating.level)
        rows.append(dict(zip(EXPORT_COLUMNS, (
            rating.case_number, scheme.channel_code(rating.channel), rating.rated_at.isoformat(timespec="seconds"),
            str(rating.round), scheme.level_code(level), level.label.zh, rating.comment,
            "、".join(RatingReason(r).label.zh for r in rating.reasons if r in RatingReason._value2member_map_),
            names.get(rating.staff_id, "") if rating.staff_id else "", rating.item_code, rating.item_name,
        ), strict=True)))
    return rows
