"""``--export-samples DIR``: one PDF of every printed document type, each from
a real record of the center (the demo center's with ``--demo``), for a center
head checking a printer and for the documentation. Nothing is recorded as
printed: these papers are not handed to anyone."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Staff
from app.printing import DOC_TYPES
from app.services import settings
from app.services.documents import prepare, sample_targets
from app.services.staff import actor_for
from app.text import set_language, tr

if TYPE_CHECKING:
    from app.config import StartOptions

# The roll variants are written too: the 80 mm printer is the one most often wrong.
EXTRA_PAPERS = {"receipt": ("A5", "80mm"), "referral_slip": ("80mm",)}


def export_samples(session: Session, folder: Path) -> list[Path]:
    """Write the samples into ``folder``; returns the files written, in type order."""
    head = session.scalar(select(Staff).where(Staff.role == "head", Staff.active.is_(True)).order_by(Staff.created_at))
    if head is None:
        raise SystemExit(tr("没有可用的中心主任账号，无法生成样张",
                            "There is no active center-head account; the samples cannot be made"))
    actor = actor_for(session, head)
    font = settings.get(session, settings.PRINT_FONT) or None
    targets = sample_targets(session)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for code in DOC_TYPES:
        target = targets.get(code)
        if target is None:
            continue
        for paper in ("A4",) + EXTRA_PAPERS.get(code, ()):
            prepared = prepare(session, actor, target, paper=paper, font_path=font)
            name = f"{list(DOC_TYPES).index(code) + 1:02d}-{code}{'' if paper == 'A4' else '-' + paper}.pdf"
            path = folder / name
            path.write_bytes(prepared.pdf)
            written.append(path)
    return written


def export_samples_cli(options: StartOptions) -> int:
    from app.db import open_database
    from app.services.setup import is_set_up

    set_language(options.lang)  # no window to do it: the messages below follow --lang

    database = open_database(options.data_dir)
    try:
        with database.session_factory() as session:
            ready = is_set_up(session)
        if not ready and options.demo:
            from app.services.demo import build_demo

            print(tr("正在生成演示数据…", "Making the demo data..."), file=sys.stderr)
            build_demo(database.session_factory)
        elif not ready:
            print(tr(f"{options.data_dir} 中还没有完成初始设置的中心；可加 --demo 用演示中心生成样张。",
                     f"No center has been set up in {options.data_dir}; add --demo to make the samples "
                     "from the demo center."), file=sys.stderr)
            return 2
        assert options.export_samples is not None  # this entry point is only called with it
        with database.session_factory() as session:
            written = export_samples(session, options.export_samples)
    finally:
        database.dispose()
    missing = [code for code in DOC_TYPES if not any(f"-{code}" in p.name for p in written)]
    for path in written:
        print(path)
    if missing:
        # The titles are the printed documents' own (Chinese) titles.
        print(tr(f"没有可用记录、未生成：{'、'.join(DOC_TYPES[c].title for c in missing)}",
                 f"Not made, for want of a record: {', '.join(DOC_TYPES[c].title for c in missing)}"), file=sys.stderr)
    print(tr(f"已生成 {len(written)} 份样张：{options.export_samples}",
             f"{len(written)} sample(s) written to {options.export_samples}"), file=sys.stderr)
    return 0
