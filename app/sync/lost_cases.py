"""Cases the ledger says were issued but the database lost: an alarm, and the county asked for them.

A deleted ``-wal`` after a crash, or a restore from an older backup, loses
the newest committed cases without a word. The issued-numbers ledger beside
the database (app.numbering) still knows their numbers. At every start the
two are compared (``store_health.missing_case_numbers``); each missing
number goes on the 需要处理 list (every worker sees it, the head included)
and, when this desk syncs with the county, the center's snapshot is read
again at the next sync: whatever reached the county comes back through the
ordinary bootstrap (app.sync.pull), and the next start clears its alarm.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Center, SyncAttention
from app.models.system import ATTENTION_NOTICE
from app.numbering import IssuedNumbers
from app.services import audit, settings
from app.services.setup import find_this_device
from app.services.store_health import missing_case_numbers
from app.sync import attention
from app.text import tr

REASON_MISSING_CASE = "missing_case"


@dataclass(frozen=True)
class LostCases:
    """What the start-up comparison found: numbers still missing, and whether the county was asked."""

    missing: tuple[str, ...]
    asked_county: bool

    @property
    def alarm(self) -> bool:
        return bool(self.missing)


def reconcile_issued_numbers(session: Session, ledger: IssuedNumbers) -> LostCases:
    """Compare the ledger with the database; note new losses, clear the ones that came back."""
    device = find_this_device(session)
    if device is None:
        return LostCases((), False)
    center = session.get(Center, device.center_id)
    assert center is not None  # a device belongs to its center
    missing = missing_case_numbers(session, ledger, device_prefix=f"{center.code}-{device.device_number:02d}-")
    now = utcnow()
    noted: set[str] = set()
    # A number noted once is never noted again, even after a worker acknowledged it.
    for item in session.scalars(select(SyncAttention).where(SyncAttention.reason_code == REASON_MISSING_CASE)):
        number = str((item.local or {}).get("case_number", ""))
        if number in missing:
            noted.add(number)
        elif item.resolved_at is None:  # it came back (from the county, or a later backup)
            item.resolved_at, item.resolution = now, "recovered"
    new = [number for number in missing if number not in noted]
    enrolled = device.enrolled_at is not None
    for number in new:
        attention.note(
            session, ATTENTION_NOTICE, entity="case", reason_code=REASON_MISSING_CASE, local={"case_number": number},
            reason=_reason(number, enrolled=enrolled),
        )
    if new:
        audit.record(session, None, "alarm", entity="case", now=now,
                     summary=f"数据库中缺少本机已发出的办件编号 {len(new)} 个：{'、'.join(new[:10])}",
                     detail={"case_numbers": new})
        if enrolled:
            # The whole snapshot again at the next sync: records the desk still
            # holds are no-ops, the lost ones are stored again.
            settings.put(session, settings.SYNC_BOOTSTRAP, {})
    return LostCases(missing, enrolled and bool(missing))


def _reason(number: str, *, enrolled: bool) -> str:
    if enrolled:
        return tr(f"办件编号 {number} 已由本机发出，但数据库中没有这件办件（可能是异常断电、日志文件丢失或恢复了较早的备份）。"
                  "如果它已同步到县级，下次同步时会自动取回，取回后本提示自动消除；否则请按纸质回执补录。",
                  f"The case number {number} was issued by this computer, but the database does not hold the case "
                  "(perhaps after a power cut, a lost log file, or a restore from an older backup). If it reached "
                  "the county, the next sync brings it back and this notice clears itself; otherwise enter it "
                  "again from the paper receipt.")
    return tr(f"办件编号 {number} 已由本机发出，但数据库中没有这件办件（可能是异常断电、日志文件丢失或恢复了较早的备份）。"
              "本机没有在县级注册，无法取回，请按纸质回执补录并告知中心主任。",
              f"The case number {number} was issued by this computer, but the database does not hold the case "
              "(perhaps after a power cut, a lost log file, or a restore from an older backup). This computer is "
              "not enrolled with the county, so it cannot be brought back: enter it again from the paper receipt "
              "and tell the center head.")


__all__ = ["REASON_MISSING_CASE", "LostCases", "reconcile_issued_numbers"]
