"""Level and channel codes of other systems, mapped only here, at export.

A rating is stored with its level's label and order (app.models.vocabulary.
RatingLevel); code numbers differ between the national standard and the
provinces, so each target system is one mapping below, each with its test.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.models.vocabulary import RatingChannel, RatingLevel
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
