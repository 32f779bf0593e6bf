"""What the printed documents need to know beyond the case: who decides, whose
seal, where to appeal, where referrals go, and where the QR code points.

The county publishes these with its catalog (a ``documents`` block in the
catalog file, kept on the catalog version, see :func:`parse`); the center may
add to them in its own settings (打印中心): a value it sets wins over the
county's for this desk, and its referral units extend the county's directory.

The block, county or center::

    {
      "status_base_url": "https://zwfw.example.gov.cn/onewindow",
      "decision_body": "示例县政务服务中心", "seal_name": "…专用章",
      "review_body": "示例县人民政府", "court": "示例县人民法院",
      "rejection_basis": "…", "extension_basis": "…", "supplement_basis": "…",
      "departments": {"MZ": {"decision_body": "示例县民政局", "seal_name": "…",
                             "review_body": "…", "court": "…"}},
      "referral_units": [{"name": "…", "address": "…", "hours": "…",
                          "contact": "…", "phone": "…"}]
    }
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CatalogVersion
from app.services import audit, settings
from app.services.context import Actor
from app.services.errors import DomainError
from app.services.status_link import public_url_problem
from app.text import tr

__all__ = [
    "AUTHORITY_FIELDS",
    "CENTER_DOCUMENT_SETTINGS",
    "Authority",
    "DocumentSettings",
    "ReferralUnit",
    "PrintSettingsView",
    "add_referral_unit",
    "current",
    "parse",
    "remove_referral_unit",
    "set_status_url",
    "view",
]

AUTHORITY_FIELDS = ("decision_body", "seal_name", "review_body", "court")
_TEXT_FIELDS = (*AUTHORITY_FIELDS, "status_base_url", "rejection_basis", "extension_basis", "supplement_basis")
_UNIT_FIELDS = ("name", "address", "hours", "contact", "phone")
#: The center's own additions (打印中心), the same shape as the county's block.
CENTER_DOCUMENT_SETTINGS = settings.SettingSpec("document_settings", {}, dict)


@dataclass(frozen=True)
class Authority:
    """Who decides for a department: the body named on a refusal, its seal,
    and where its decisions are appealed (行政复议机关, 人民法院)."""

    decision_body: str
    seal_name: str
    review_body: str
    court: str


@dataclass(frozen=True)
class ReferralUnit:
    """A unit a first inquiry may be referred to (首问转办): where and when to go, whom to ask."""

    name: str
    address: str = ""
    hours: str = ""
    contact: str = ""
    phone: str = ""
    from_county: bool = True


@dataclass(frozen=True)
class DocumentSettings:
    """The county's block with the center's additions over it."""

    values: Mapping[str, str]
    departments: Mapping[str, Mapping[str, str]]
    referral_units: tuple[ReferralUnit, ...]

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def authority(self, department_code: str, *, center_name: str, county: str) -> Authority:
        """The department's own values, else the county-wide ones, else the
        center itself with the county's government and court (the usual
        appeal bodies of a county's decisions)."""
        own = self.departments.get(department_code, {})

        def pick(key: str) -> str:
            return own.get(key) or self.values.get(key, "")

        place = county or "本县（区）"
        return Authority(
            decision_body=pick("decision_body") or center_name,
            seal_name=pick("seal_name"),
            review_body=pick("review_body") or f"{place}人民政府",
            court=pick("court") or f"{place}人民法院",
        )

    def referral_unit(self, name: str) -> ReferralUnit | None:
        wanted = name.strip()
        return next((unit for unit in self.referral_units if unit.name == wanted), None)

    @property
    def status_base_url(self) -> str:
        """The public address the QR codes point at: only a public https one."""
        url = self.text("status_base_url")
        return url if url and not public_url_problem(url) else ""


def parse(raw: Any, *, where: str = "documents") -> dict[str, Any]:
    """The block checked and cleaned; DomainError naming the bad entry."""
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise DomainError(tr(f"“{where}”应为对象", f"“{where}” should be an object"), field=where)
    clean: dict[str, Any] = {}
    for key in _TEXT_FIELDS:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise DomainError(tr(f"“{where}.{key}”应为文字", f"“{where}.{key}” should be text"), field=key)
        if value.strip():
            clean[key] = value.strip()
    url = clean.get("status_base_url", "")
    if url and (problem := public_url_problem(url)):
        raise DomainError(problem, field="status_base_url")
    departments = raw.get("departments") or {}
    if not isinstance(departments, dict):
        raise DomainError(tr(f"“{where}.departments”应为以部门编码为键的对象",
                             f"“{where}.departments” should map department codes to objects"), field="departments")
    clean_departments: dict[str, dict[str, str]] = {}
    for code, values in departments.items():
        if not isinstance(values, dict) or not all(isinstance(values.get(k, ""), str) for k in AUTHORITY_FIELDS):
            raise DomainError(tr(f"部门“{code}”的文书设置应为文字字段", f"department “{code}” needs text fields"),
                              field="departments")
        own = {k: values[k].strip() for k in AUTHORITY_FIELDS if values.get(k, "").strip()}
        if own:
            clean_departments[str(code)] = own
    if clean_departments:
        clean["departments"] = clean_departments
    units = raw.get("referral_units") or []
    if not isinstance(units, list):
        raise DomainError(tr(f"“{where}.referral_units”应为列表", f"“{where}.referral_units” should be a list"),
                          field="referral_units")
    clean_units = [_unit(unit, n) for n, unit in enumerate(units, start=1)]
    if clean_units:
        clean["referral_units"] = clean_units
    return clean


def _unit(raw: Any, n: int) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k, ""), str) for k in _UNIT_FIELDS):
        raise DomainError(tr(f"转办单位第{n}项应为文字字段", f"referral unit {n} needs text fields"),
                          field="referral_units")
    unit = {k: raw.get(k, "").strip() for k in _UNIT_FIELDS}
    if not unit["name"]:
        raise DomainError(tr(f"转办单位第{n}项缺少单位名称", f"referral unit {n} has no name"), field="name")
    return unit


def merge(county: Mapping[str, Any], center: Mapping[str, Any]) -> DocumentSettings:
    """The center's values over the county's; the referral directories joined
    (a center unit of the same name as a county one replaces it here)."""
    values = {k: str(v) for k, v in county.items() if k in _TEXT_FIELDS and v}
    values |= {k: str(v) for k, v in center.items() if k in _TEXT_FIELDS and v}
    departments: dict[str, dict[str, str]] = {
        code: dict(own) for code, own in (county.get("departments") or {}).items()}
    for code, own in (center.get("departments") or {}).items():
        departments[code] = departments.get(code, {}) | dict(own)
    local = [ReferralUnit(**{k: u.get(k, "") for k in _UNIT_FIELDS}, from_county=False)
             for u in center.get("referral_units") or []]
    names = {u.name for u in local}
    published = [ReferralUnit(**{k: u.get(k, "") for k in _UNIT_FIELDS})
                 for u in county.get("referral_units") or [] if u.get("name") not in names]
    return DocumentSettings(values=values, departments=departments, referral_units=(*published, *local))


def current(session: Session) -> DocumentSettings:
    """The settings in force: the current catalog's block with the center's over it.

    The center's status address is its older setting (status_url_base),
    used when the county has published none."""
    published = session.scalar(select(CatalogVersion.document_settings).where(CatalogVersion.is_current.is_(True)))
    county = dict(published or {})
    center = dict(settings.get(session, CENTER_DOCUMENT_SETTINGS) or {})
    if not county.get("status_base_url") and not center.get("status_base_url"):
        center["status_base_url"] = settings.get(session, settings.STATUS_URL_BASE) or ""
    elif county.get("status_base_url"):
        center.pop("status_base_url", None)  # set by the county: the desk cannot point it elsewhere
    return merge(county, center)


def status_url_problem(session: Session) -> str:
    """Why the configured status address cannot go on paper ('' when it can, or none is set)."""
    url = current(session).text("status_base_url")
    return public_url_problem(url) if url else ""


@dataclass(frozen=True)
class PrintSettingsView:
    """What 打印中心 shows of these settings."""

    status_url: str  # the address in force ('' if none)
    status_url_by_county: bool
    status_url_problem: str  # why the address in force cannot go on paper ('' if it can)
    referral_units: tuple[ReferralUnit, ...]


def view(session: Session) -> PrintSettingsView:
    in_force = current(session)
    published = session.scalar(select(CatalogVersion.document_settings).where(CatalogVersion.is_current.is_(True)))
    url = in_force.text("status_base_url")
    return PrintSettingsView(
        status_url=url, status_url_by_county=bool((published or {}).get("status_base_url")),
        status_url_problem=public_url_problem(url) if url else "", referral_units=in_force.referral_units,
    )


def set_status_url(session: Session, actor: Actor, url: str) -> None:
    """The center's QR address, as the county gave it: only a public https one is kept."""
    url = url.strip().rstrip("/")
    if url and (problem := public_url_problem(url)):
        raise DomainError(problem, field="status_base_url")
    settings.put(session, settings.STATUS_URL_BASE, url)
    audit.record(session, actor, "update", entity="setting", entity_id="status_url_base",
                 summary=f"二维码查询地址：{url or '（清空）'}")


def _center_units(session: Session) -> list[dict[str, str]]:
    block = settings.get(session, CENTER_DOCUMENT_SETTINGS) or {}
    return [dict(unit) for unit in block.get("referral_units") or []]


def _save_center_units(session: Session, units: list[dict[str, str]]) -> None:
    block = dict(settings.get(session, CENTER_DOCUMENT_SETTINGS) or {})
    block["referral_units"] = units
    settings.put(session, CENTER_DOCUMENT_SETTINGS, block)


def add_referral_unit(session: Session, actor: Actor, unit: Mapping[str, str]) -> None:
    """Add (or replace, by name) one of the center's own referral units."""
    clean = _unit(dict(unit), 1)
    units = [u for u in _center_units(session) if u.get("name") != clean["name"]]
    _save_center_units(session, [*units, clean])
    audit.record(session, actor, "update", entity="setting", entity_id="referral_units",
                 summary=f"转办单位：{clean['name']}", detail=clean)


def remove_referral_unit(session: Session, actor: Actor, name: str) -> None:
    """Remove one of the center's own units; the county's directory cannot be changed here."""
    units = _center_units(session)
    kept = [u for u in units if u.get("name") != name]
    if len(kept) == len(units):
        raise DomainError(tr(f"“{name}”是县级发布的转办单位，不能在本机删除",
                             f"“{name}” is published by the county and cannot be removed here"), field="name")
    _save_center_units(session, kept)
    audit.record(session, actor, "delete", entity="setting", entity_id="referral_units",
                 summary=f"删除转办单位：{name}")
