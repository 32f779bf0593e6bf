"""The desks' releases as a signed update repository (tufup on python-tuf).

The county keeps one repository in ``COUNTY_DATA_DIR/updates``:
``repository/metadata`` (root, targets, snapshot, timestamp, signed) and
``repository/targets`` (the release archives), served to enrolled desks by
``county_server/api/updates.py``. The signing keys are in ``keys`` beside it
unless ``--keys-dir`` names another folder (the root key belongs offline,
e.g. on a USB stick kept by the administrator; see docs/updates.md).

Nothing here signs by hand: tufup makes the archive, python-tuf the metadata
and signatures. Nothing here asks either: tufup's questions on the terminal
(``input()``: overwrite an archive, create a keys folder) would hold a
server-side tool forever, so each case is decided here first and any question
left is refused in words (``_no_questions``).
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.services.errors import DomainError

log = logging.getLogger(__name__)

APP_NAME = "onewindow"
#: How long signatures hold. tufup's defaults (a timestamp of one day) suit an
#: always-online store; desks that sync weekly or take USB files need longer.
#: ``updates-resign`` renews them before they run out.
EXPIRATION_DAYS = {"root": 3650, "targets": 365, "snapshot": 365, "timestamp": 365}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
_VERSION = re.compile(r"^\d+(\.\d+){1,3}$")


@dataclass(frozen=True)
class Release:
    version: str
    archive: str
    size: int


def updates_root(data_dir: Path) -> Path:
    return data_dir / "updates"


def repository_dir(data_dir: Path) -> Path:
    return updates_root(data_dir) / "repository"


def default_keys_dir(data_dir: Path) -> Path:
    return updates_root(data_dir) / "keys"


@contextlib.contextmanager
def _in(folder: Path) -> Iterator[None]:
    """tufup keeps its repository configuration in the working directory."""
    before = Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _no_questions() -> Iterator[None]:
    """tufup's repository asks on the terminal in a few cases; here a question is a refusal naming it."""
    import tufup.repo

    def refuse(prompt: object = "") -> str:
        question = " ".join(str(prompt).split())
        raise DomainError(f"更新仓库需要人工确认，发布已停止：{question}", field="updates")

    tufup.repo.input = refuse  # the module's own global, found before the builtin
    try:
        yield
    finally:
        del tufup.repo.input


def _keys_present(keys_dir: Path) -> None:
    if not keys_dir.is_dir():
        raise DomainError(f"找不到签名密钥文件夹 {keys_dir}：请插入保存签名密钥的U盘，或用 --keys-dir 指明密钥所在文件夹",
                          field="keys_dir")


def signed_archives(data_dir: Path) -> set[str]:
    """The release archives the signed targets metadata names: the ones desks can verify."""
    path = repository_dir(data_dir) / "metadata" / "targets.json"
    if not path.is_file():
        return set()
    targets = json.loads(path.read_text(encoding="utf-8"))["signed"]["targets"]
    return {name for name in targets if name.endswith(".tar.gz")}


def _repository(data_dir: Path, keys_dir: Path) -> Any:
    """A new repository's settings, or the existing one as tufup saved it (run inside ``_in``)."""
    from tufup.repo import Repository

    if (updates_root(data_dir) / Repository.config_filename).exists():
        return Repository.from_config()
    return Repository(app_name=APP_NAME, repo_dir=repository_dir(data_dir), keys_dir=keys_dir,
                      expiration_days=dict(EXPIRATION_DAYS))


def initialize(data_dir: Path, keys_dir: Path | None = None) -> Path:
    """Create the keys (if missing) and the signed root; returns root.json, which
    an installer may ship to pin the county's keys from the first start."""
    keys = keys_dir or default_keys_dir(data_dir)
    with _in(updates_root(data_dir)), _no_questions():
        repo = _repository(data_dir, keys)
        if repo.keys is None:
            repo.initialize()
            repo.save_config()
    if os.name == "posix":
        for key_file in keys.glob("*"):
            key_file.chmod(0o600)
    return repository_dir(data_dir) / "metadata" / "root.json"


def add_release(data_dir: Path, bundle_dir: Path, version: str, keys_dir: Path | None = None) -> Release:
    """Pack ``bundle_dir`` (one complete app folder) as release ``version`` and publish it."""
    if not _VERSION.match(version):
        raise DomainError(f"版本号应为 1.2.3 这样的数字：{version}", field="version")
    if not bundle_dir.is_dir():
        raise DomainError(f"找不到要发布的程序文件夹：{bundle_dir}", field="bundle")
    if not (bundle_dir / "main.py").exists() and not any((bundle_dir / name).exists() for name in
                                                         ("onewindow", "onewindow.exe", "OneWindow", "OneWindow.exe")):
        raise DomainError(f"{bundle_dir} 不是一窗通的程序文件夹（没有 main.py 或 onewindow 可执行文件）", field="bundle")
    keys = keys_dir or default_keys_dir(data_dir)
    if not (repository_dir(data_dir) / "metadata" / "root.json").exists():
        initialize(data_dir, keys)
    _keys_present(keys)
    known = [release.version for release in list_releases(data_dir)]
    if known and _key(version) <= max(_key(v) for v in known):
        raise DomainError(f"版本 {version} 不比已发布的 {max(known, key=_key)} 新", field="version")
    archive = repository_dir(data_dir) / "targets" / f"{APP_NAME}-{version}.tar.gz"
    if archive.exists():
        # Not signed (it is newer than every release): the remains of an add
        # that stopped before publishing. No desk can have it; pack it again.
        log.warning("removing %s, left unsigned by an interrupted updates-add", archive)
        archive.unlink()
    with _in(updates_root(data_dir)), _no_questions():
        repo = _repository(data_dir, keys)
        repo.add_bundle(new_bundle_dir=bundle_dir, new_version=version, skip_patch=True)
        repo.publish_changes(private_key_dirs=[keys])
    log.info("release %s published (%d bytes)", version, archive.stat().st_size)
    return Release(version, archive.name, archive.stat().st_size)


def resign(data_dir: Path, keys_dir: Path | None = None) -> None:
    """Renew the signatures' expiry (timestamp, snapshot, targets) before they run out."""
    keys = keys_dir or default_keys_dir(data_dir)
    _keys_present(keys)
    with _in(updates_root(data_dir)), _no_questions():
        repo = _repository(data_dir, keys)
        for role in ("targets", "snapshot", "timestamp"):
            repo.refresh_expiration_date(role)
        repo.publish_changes(private_key_dirs=[keys])


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def list_releases(data_dir: Path) -> list[Release]:
    """The published releases: archives the signed metadata names (a half-made one is not published)."""
    targets = repository_dir(data_dir) / "targets"
    signed = signed_archives(data_dir)
    found = []
    for archive in targets.glob(f"{APP_NAME}-*.tar.gz") if targets.is_dir() else []:
        version = archive.name[len(APP_NAME) + 1:-len(".tar.gz")]
        if _VERSION.match(version) and archive.name in signed:
            found.append(Release(version, archive.name, archive.stat().st_size))
    return sorted(found, key=lambda release: _key(release.version))


def served_file(data_dir: Path, kind: str, name: str) -> Path | None:
    """A metadata or target file of the repository, by its plain name only."""
    if kind not in ("metadata", "targets") or not _SAFE_NAME.match(name) or ".." in name:
        return None
    path = repository_dir(data_dir) / kind / name
    return path if path.is_file() else None


def export_update_file(data_dir: Path, target: Path, version: str | None = None) -> Path:
    """The USB file for centers without a link: the signed metadata (the whole root
    chain, so a desk with an older root can follow it) and one release archive."""
    releases = list_releases(data_dir)
    if not releases:
        raise DomainError("还没有发布任何版本（python -m county_server updates-add）", field="version")
    chosen = next((r for r in releases if r.version == version), None) if version else releases[-1]
    if chosen is None:
        raise DomainError(f"没有发布过版本 {version}", field="version")
    metadata = repository_dir(data_dir) / "metadata"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w") as bundle:
        for item in sorted(metadata.glob("*.json")):
            bundle.add(item, arcname=f"metadata/{item.name}")
        bundle.add(repository_dir(data_dir) / "targets" / chosen.archive, arcname=f"targets/{chosen.archive}")
    return target
