"""Publishing the county's catalog versions and calendar years to every desk.

A catalog is checked by the desk's own validator (app.services.catalog_import),
so the county sees exactly the problems a desk would report, and a desk never
receives a catalog it would refuse.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import uuid7
from app.services.calendar import CalendarFileError, parse_calendar_table
from app.services.catalog_import import CatalogFile, parse_catalog_bytes
from app.services.errors import DomainError
from app.services.pinyin import text_initials
from county_server import changelog
from county_server.models import CalendarYear, CatalogVersion
from county_server.models.base import utcnow
from county_server.models.sync import SCOPE_COUNTY
from county_server.rows import iso


def _catalog_rows(version_id: str, catalog: CatalogFile) -> dict[str, Any]:
    """The version as desk rows, with ids every desk will share."""
    return {
        "id": version_id,
        "version": catalog.version,
        "region": catalog.region,
        "published": iso(catalog.published),
        "is_sample": catalog.is_sample,
        "notice": catalog.notice,
        "source": catalog.source,
        "checksum": catalog.checksum,
        "departments": [{"id": str(uuid7()), "code": code, "name": name} for code, name in catalog.departments],
        "documents": catalog.documents,
        "items": [
            {
                "id": str(uuid7()),
                "code": item.code,
                "name": item.name,
                "name_initials": text_initials(item.name),
                "department_code": item.department,
                "handling_mode": item.handling_mode,
                "statutory_days": item.statutory_days,
                "committed_days": item.committed_days,
                "fee": item.fee,
                "legal_basis": item.legal_basis,
                "conditions": item.conditions,
                "process": list(item.process),
                "location": item.location,
                "high_frequency": item.high_frequency,
                "allows_deferred_materials": item.allows_deferred_materials,
                "online": item.online,
                "recurrence_months": item.recurrence_months,
                "supplement_days": item.supplement_days,
                "materials": [
                    {
                        "id": str(uuid7()),
                        "position": position,
                        "name": m.name,
                        "form": m.form,
                        "count": m.count,
                        "format": m.format,
                        "issuer": m.issuer,
                        "key": m.key,
                        "obtain": m.obtain,
                        "notes": m.notes,
                    }
                    for position, m in enumerate(item.materials, start=1)
                ],
            }
            for item in catalog.items
        ],
    }


def publish_catalog(session: Session, raw: bytes, *, source: str, published_by: str = "") -> CatalogVersion:
    """Validate and publish; raises CatalogImportError with the desk's messages."""
    document, catalog = parse_catalog_bytes(raw, source=source)
    existing = session.scalar(select(CatalogVersion).where(CatalogVersion.version == catalog.version))
    if existing is not None:
        if existing.checksum == catalog.checksum:
            raise DomainError(f"目录版本「{catalog.version}」已发布过，无需重复发布", field="version")
        raise DomainError(f"目录版本「{catalog.version}」已存在但内容不同；请在文件中使用新的版本号", field="version")
    version_id = uuid7()
    rows = _catalog_rows(str(version_id), catalog)
    version = CatalogVersion(
        id=version_id,
        version=catalog.version,
        region=catalog.region,
        published=catalog.published,
        is_sample=catalog.is_sample,
        checksum=catalog.checksum,
        item_count=len(catalog.items),
        document=document,
        rows=rows,
        source=source,
        published_by=published_by,
    )
    session.add(version)
    session.flush()
    # The newest published version is the current one at every desk.
    changelog.append(
        session, scope=SCOPE_COUNTY, stream=changelog.CATALOG, entity="catalog_version",
        entity_id=version.id, data=rows | {"is_current": True},
    )
    return version


def list_catalogs(session: Session) -> list[CatalogVersion]:
    return list(session.scalars(select(CatalogVersion).order_by(CatalogVersion.published_at.desc())))


def find_catalog_item(session: Session, catalog_version: str, item_id: str) -> dict[str, Any] | None:
    version = session.scalar(select(CatalogVersion).where(CatalogVersion.version == catalog_version))
    if version is None:
        return None
    return next((item for item in version.rows["items"] if item["id"] == item_id), None)


@dataclass(frozen=True)
class PublishedYear:
    year: int
    version: int
    days: int


def _year_table_text(year: int, days: list[dict[str, Any]]) -> str:
    """The year in the desk's own local-calendar format (date,kind,name)."""
    lines = ["date,kind,name", f"{year},全年,县级发布"]
    for day in days:
        name = day["name"].replace(",", "，")
        lines.append(f"{day['date']},{'班' if day['working'] else '休'},{name}")
    return "\n".join(lines) + "\n"


def publish_calendar(session: Session, text: str, *, source: str, published_by: str = "") -> list[PublishedYear]:
    """Publish the complete years of a calendar table (the desk's CSV format).

    Every day of the file must belong to a year the file declares complete
    (a 全年 row): a half year published to 300 centers would silently
    count deadlines wrong.
    """
    try:
        table = parse_calendar_table(text, source=source)
    except CalendarFileError:
        raise
    if not table.published_years:
        raise CalendarFileError([f"{source}：没有「全年」行；发布的日历须声明完整年份，如「2027,全年,国务院办公厅通知」"])
    stray = sorted({o.day.year for o in table.overrides} - set(table.published_years))
    if stray:
        raise CalendarFileError(
            [f"{source}：{', '.join(map(str, stray))} 年有日期但没有「全年」行；请补上全年声明或删去这些日期"]
        )
    published: list[PublishedYear] = []
    for year in sorted(table.published_years):
        days = [
            {"date": o.day.isoformat(), "working": o.working, "name": o.name}
            for o in sorted(table.overrides, key=lambda o: o.day)
            if o.day.year == year
        ]
        row = session.get(CalendarYear, year)
        if row is not None and row.days == days:
            raise DomainError(f"{year} 年的日历与已发布的相同，无需重复发布", field="calendar")
        if row is None:
            row = CalendarYear(year=year, days=days, table_text="", version=1)
            session.add(row)
        else:
            row.days = days
            row.version += 1
            row.published_at = utcnow()
        row.table_text = _year_table_text(year, days)
        row.published_by = published_by
        session.flush()
        changelog.append(
            session, scope=SCOPE_COUNTY, stream=changelog.CALENDAR, entity="calendar_year", entity_id=year,
            data={"year": year, "days": days, "table_text": row.table_text, "version": row.version},
            version=row.version,
        )
        published.append(PublishedYear(year, row.version, len(days)))
    return published


def list_calendar_years(session: Session) -> list[CalendarYear]:
    return list(session.scalars(select(CalendarYear).order_by(CalendarYear.year.desc())))
