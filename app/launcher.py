"""Installing an update on the next start, and rolling back by itself.

Standard library only: the launcher must work whatever state the app's own
packages are in. The layout of an installation (its *root*):

```
root/
  versions/0.1.0/        one complete app folder per version (a bundle, or the sources)
  versions/0.2.0/
  launcher-state.json    {"current", "previous", "trial", "database", "backup", "failed"}
  staged/                a verified release waiting for the next start (staged.json + archive)
  updates/               the update client's signed metadata and partial downloads
```

A start (``python -m app.launcher --root ROOT`` or the bundle's launcher):

1. The version started last time as a *trial* never said "started OK":
   switch back to the previous version, restore the database copy the trial
   made before migrating, and remember the version as failed (it is not
   installed again; a newer release is).
2. Else, a staged release (verified by the update client, checked here once
   more against its SHA-256) is unpacked into ``versions/<v>`` and becomes
   the current version, on trial.
3. The current version runs with ``ONEWINDOW_INSTALL_ROOT`` set; once its
   main window shows it calls :func:`mark_started`, which ends the trial.

The app itself (any version) only calls :func:`mark_started` and
:func:`note_migration_backup`; both do nothing when the app was not started
by a launcher (a developer's source checkout).
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tarfile

ENV_ROOT = "ONEWINDOW_INSTALL_ROOT"
ENV_VERSION = "ONEWINDOW_RUNNING_VERSION"
STATE_FILE = "launcher-state.json"
STAGED_DIR = "staged"
STAGED_FILE = "staged.json"
VERSIONS_DIR = "versions"
UPDATES_DIR = "updates"
#: Versions kept on disk: the current one and the one to roll back to.
KEEP_VERSIONS = 2


@dataclass
class LauncherState:
    current: str = ""
    previous: str = ""
    trial: str = ""  # the version on trial (installed, not yet started OK)
    trial_started_at: float = 0.0
    database: str = ""  # the database the trial migrated, and the copy made first
    backup: str = ""
    failed: list[str] = field(default_factory=list)
    #: What the last start did: "<kind> <version> [<other version>]", kind one of
    #: installed / rolled_back / started_ok / not_installed (the UI words it).
    last_event: str = ""


@dataclass(frozen=True)
class StartChoice:
    version: str
    folder: Path
    installed: str = ""  # a version installed by this start
    rolled_back: str = ""  # a version abandoned by this start


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Orders "0.10.0" after "0.9.1"; a pre-release ("0.2.0rc1") sorts before its release."""
    parts = []
    for piece in version.replace("-", ".").split("."):
        match = re.match(r"(\d*)(.*)", piece)
        assert match is not None
        number, rest = match.groups()
        parts.append((int(number) if number else -1, 0 if rest else 1, rest))
    return tuple(parts)


def read_state(root: Path) -> LauncherState:
    try:
        raw = json.loads((root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LauncherState()
    if not isinstance(raw, dict):
        return LauncherState()
    known = LauncherState.__dataclass_fields__
    return LauncherState(**{key: value for key, value in raw.items() if key in known})


def write_state(root: Path, state: LauncherState) -> None:
    _write_json(root / STATE_FILE, state.__dict__)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Written beside, then renamed: a power cut leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def sha256_of(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- the update client's side ---------------------------------------------------------------


def stage_release(root: Path, version: str, archive: Path) -> Path:
    """Put a verified release archive where the next start installs it."""
    import shutil

    staged = root / STAGED_DIR
    staged.mkdir(parents=True, exist_ok=True)
    target = staged / archive.name
    if archive.resolve() != target.resolve():
        shutil.copyfile(archive, target)
    _write_json(staged / STAGED_FILE, {"version": version, "archive": target.name, "sha256": sha256_of(target)})
    return target


def staged_version(root: Path) -> str:
    try:
        raw = json.loads((root / STAGED_DIR / STAGED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(raw.get("version", "")) if isinstance(raw, dict) else ""


# -- a start ------------------------------------------------------------------------------------


def prepare_start(root: Path) -> StartChoice:
    """Decide which version runs now: roll back a failed trial, or install a staged release."""
    state = read_state(root)
    rolled_back = installed = ""
    if state.trial:
        rolled_back = state.trial
        _roll_back(root, state)
    else:
        installed = _install_staged(root, state)
    if not state.current:
        raise SystemExit(f"OneWindow: no version installed under {root / VERSIONS_DIR}")
    write_state(root, state)
    return StartChoice(state.current, root / VERSIONS_DIR / state.current, installed, rolled_back)


def _roll_back(root: Path, state: LauncherState) -> None:
    import shutil

    failed = state.trial
    if failed not in state.failed:
        state.failed.append(failed)
    restored = ""
    if state.backup and state.database and Path(state.backup).is_file():
        database = Path(state.database)
        if database.exists():
            # Kept, not deleted: whatever the failed version wrote stays readable for IT.
            shutil.copyfile(database, database.with_name(f"{database.name}.failed-{failed}"))
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(state.backup, database)
        restored = state.backup
    state.current, state.previous = (state.previous or state.current), ""
    state.trial, state.trial_started_at, state.database, state.backup = "", 0.0, "", ""
    state.last_event = f"rolled_back {failed} {state.current}"
    if restored:
        print(f"OneWindow: {failed} did not start; back to {state.current}, database restored from {restored}",
              file=sys.stderr)


def _install_staged(root: Path, state: LauncherState) -> str:
    import shutil
    import tarfile

    staged = root / STAGED_DIR
    try:
        raw = json.loads((staged / STAGED_FILE).read_text(encoding="utf-8"))
        version, archive, digest = str(raw["version"]), staged / str(raw["archive"]), str(raw["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    newer = not state.current or version_key(version) > version_key(state.current)
    if version in state.failed or not newer or not archive.is_file() or sha256_of(archive) != digest:
        state.last_event = f"not_installed {version}"
        shutil.rmtree(staged, ignore_errors=True)
        return ""
    versions = root / VERSIONS_DIR
    unpacking = versions / f".{version}.unpacking"
    shutil.rmtree(unpacking, ignore_errors=True)
    unpacking.mkdir(parents=True)
    try:
        with tarfile.open(archive) as bundle:
            _safe_extract(bundle, unpacking)
    except (tarfile.TarError, ValueError, OSError):
        # Verified before staging, so this is damage or a bug: the current version starts as before.
        shutil.rmtree(unpacking, ignore_errors=True)
        shutil.rmtree(staged, ignore_errors=True)
        state.last_event = f"not_installed {version}"
        return ""
    final = versions / version
    shutil.rmtree(final, ignore_errors=True)
    os.replace(unpacking, final)
    shutil.rmtree(staged, ignore_errors=True)
    if state.current:
        state.previous = state.current
    state.current, state.trial, state.trial_started_at = version, version, time.time()
    state.database = state.backup = ""
    state.last_event = f"installed {version} {state.previous}".strip()
    return version


def _safe_extract(bundle: tarfile.TarFile, target: Path) -> None:
    """No member may land outside ``target`` (absolute paths, "..", links out)."""
    base = target.resolve()
    for member in bundle.getmembers():
        destination = (target / member.name).resolve()
        if destination != base and base not in destination.parents:
            raise ValueError(f"unsafe path in the release archive: {member.name}")
        if (member.issym() or member.islnk()) and not _link_inside(base, destination.parent, member.linkname):
            raise ValueError(f"unsafe link in the release archive: {member.name}")
    if sys.version_info >= (3, 12):
        bundle.extractall(target, filter="data")
    else:
        bundle.extractall(target)  # every member was checked above


def _link_inside(base: Path, folder: Path, link: str) -> bool:
    resolved = (folder / link).resolve()
    return resolved == base or base in resolved.parents


def _prune(root: Path, state: LauncherState) -> None:
    import shutil

    keep = {state.current, state.previous} - {""}
    versions = root / VERSIONS_DIR
    if not versions.is_dir():
        return
    for folder in versions.iterdir():
        if folder.is_dir() and folder.name not in keep and not folder.name.startswith("."):
            shutil.rmtree(folder, ignore_errors=True)


# -- what the running app calls -------------------------------------------------------------------


def install_root() -> Path | None:
    """The installation this process was started from by the launcher, if any."""
    value = os.environ.get(ENV_ROOT, "")
    return Path(value) if value else None


def mark_started(root: Path | None = None) -> bool:
    """The main window shows: the version on trial is good; True when a trial ended."""
    root = root or install_root()
    if root is None:
        return False
    state = read_state(root)
    running = os.environ.get(ENV_VERSION, state.current)
    if not state.trial or state.trial != running:
        return False
    state.trial, state.trial_started_at, state.database, state.backup = "", 0.0, "", ""
    state.last_event = f"started_ok {running}"
    write_state(root, state)
    _prune(root, state)
    return True


def note_migration_backup(database: Path, backup: Path | None, root: Path | None = None) -> None:
    """The version on trial migrated ``database`` after copying it to ``backup``:
    a rollback puts the copy back, since the older version cannot read the newer schema."""
    root = root or install_root()
    if root is None or backup is None:
        return
    state = read_state(root)
    if state.trial and state.trial == os.environ.get(ENV_VERSION, state.current):
        state.database, state.backup = str(database), str(backup)
        write_state(root, state)


# -- the launcher itself -----------------------------------------------------------------------------


def command_for(folder: Path) -> list[str]:
    """A bundle has its executable; a source folder runs its main.py with this Python."""
    for name in ("onewindow.exe", "onewindow", "OneWindow.exe", "OneWindow"):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    return [sys.executable, str(folder / "main.py")]


def launch(root: Path, argv: list[str]) -> int:
    """Run the current version; a trial that exits without having started OK is
    rolled back at once and the previous version started instead."""
    choice = prepare_start(root)
    code = _run(root, choice, argv)
    if choice.installed and read_state(root).trial == choice.version:
        choice = prepare_start(root)
        code = _run(root, choice, argv)
    return code


def _run(root: Path, choice: StartChoice, argv: list[str]) -> int:
    import subprocess

    env = dict(os.environ)
    env[ENV_ROOT], env[ENV_VERSION] = str(root), choice.version
    return subprocess.call([*command_for(choice.folder), *argv], env=env)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="onewindow-launcher", description="Start OneWindow's current version")
    parser.add_argument("--root", default=str(Path(sys.argv[0]).resolve().parent),
                        help="the installation folder (with versions/)")
    known, rest = parser.parse_known_args(argv)
    return launch(Path(known.root), rest)


if __name__ == "__main__":
    raise SystemExit(main())
