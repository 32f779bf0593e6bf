"""The desks' signed update repository (/api/v1/updates): static files for tufup.

Metadata (``/metadata/{name}``: root.json and its numbered versions, timestamp,
snapshot, targets) and release archives (``/targets/{name}``, with HTTP Range
so a desk resumes a download after a cut) are served to enrolled desks only;
the signatures, not the link, make them trustworthy
(county_server/services/updates.py). Outside the OpenAPI schema: these are
files, not an API.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from county_server.api.common import ApiError
from county_server.api.deps import DeviceCheckedDep, SettingsDep
from county_server.services import updates

router = APIRouter(prefix="/api/v1/updates", tags=["updates"], include_in_schema=False)


def _file(data_dir: Path, kind: str, name: str) -> FileResponse:
    path = updates.served_file(data_dir, kind, name)
    if path is None:
        raise ApiError(404, "not_found", "没有这个更新文件")
    media = "application/json" if kind == "metadata" else "application/octet-stream"
    # No gzip on top (the archives are compressed already, and a Range must count the file's bytes).
    return FileResponse(path, media_type=media, headers={"Cache-Control": "no-store", "Content-Encoding": "identity"})


@router.get("/metadata/{name}")
def metadata(name: str, _device: DeviceCheckedDep, settings: SettingsDep) -> FileResponse:
    return _file(settings.data_dir, "metadata", name)


@router.get("/targets/{name}")
def target(name: str, _device: DeviceCheckedDep, settings: SettingsDep) -> FileResponse:
    return _file(settings.data_dir, "targets", name)
