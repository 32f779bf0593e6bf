"""Admin CLI of the county server: ``python -m county_server COMMAND``.

Passwords are never printed and never taken from the command line (it shows
in the process list and the shell history): they are typed at a prompt,
read from standard input (one line, for scripts), or from an environment
variable named in the command's help.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.calendar import CalendarFileError
from app.services.catalog_import import CatalogImportError
from app.services.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8700


def _read_password(env_name: str, *, prompt: str) -> str:
    if os.environ.get(env_name):
        return os.environ[env_name]
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        second = getpass.getpass("再输入一次：")
        if first != second:
            raise DomainError("两次输入的密码不一致", field="password")
        return first
    line = sys.stdin.readline()
    if not line:
        raise DomainError(f"没有读到密码：请在提示符下输入，或经标准输入提供一行，或设置环境变量 {env_name}", field="password")
    return line.rstrip("\r\n")


def _session_factory() -> sessionmaker[Session]:
    from county_server.db import create_db_engine, make_session_factory, migrate
    from county_server.settings import Settings

    engine = create_db_engine(Settings.from_env())
    migrate(engine)
    return make_session_factory(engine)


def cmd_migrate(args: argparse.Namespace) -> int:
    from county_server.db import create_db_engine, head_revision, migrate
    from county_server.settings import Settings

    settings = Settings.from_env()
    migrate(create_db_engine(settings))
    print(f"数据库已是最新结构（{head_revision()}）：{_safe_url(settings.effective_database_url)}")
    return 0


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_create_admin(args: argparse.Namespace) -> int:
    from county_server.services import admin

    password = _read_password("COUNTY_ADMIN_PASSWORD", prompt=f"为 {args.username} 设置密码：")
    with _session_factory().begin() as session:
        user = admin.create_county_user(
            session, username=args.username, display_name=args.display_name or args.username,
            password=password, role=args.role, department=args.department,
        )
        role = "管理员" if user.role == "admin" else "业务人员"
    print(f"已创建县级{role}账号「{args.username}」。")
    return 0


def cmd_api_token(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from county_server.models import CountyUser
    from county_server.services import admin

    with _session_factory().begin() as session:
        user = session.scalar(select(CountyUser).where(CountyUser.username == args.username))
        if user is None:
            raise DomainError(f"没有县级账号「{args.username}」", field="username")
        token = admin.issue_county_api_token(session, user, label=args.label)
    print("县级接口令牌（只显示这一次，请妥善保存）：")
    print(token)
    return 0


def cmd_create_center(args: argparse.Namespace) -> int:
    from county_server.services import admin

    with _session_factory().begin() as session:
        center = admin.create_center(
            session, code=args.code, name=args.name, county=args.county, district=args.district, town=args.town,
            address=args.address, phone=args.phone, supervision_phone=args.supervision_phone,
        )
        print(f"已创建中心 {center.code} {center.name}（{center.id}）")
    return 0


def cmd_list_centers(args: argparse.Namespace) -> int:
    from county_server.services import admin

    with _session_factory().begin() as session:
        for center in admin.list_centers(session):
            devices = admin.list_devices(session, center.id)
            active = sum(1 for d in devices if d.enrolled_at and not d.revoked_at)
            print(f"{center.code}\t{center.name}\t设备 {active}/{len(devices)}")
    return 0


def cmd_issue_code(args: argparse.Namespace) -> int:
    from county_server.services import admin
    from county_server.settings import Settings

    hours = args.hours or Settings.from_env().enrollment_code_hours
    with _session_factory().begin() as session:
        center = admin.find_center(session, args.center)
        issued = admin.issue_enrollment_code(
            session, center, hours=hours, device_number=args.device_number, created_by="cli",
        )
    target = f"{issued.device_number:02d} 号设备" if issued.device_number else "一台新设备"
    print(f"中心 {issued.center_code} 的注册码（用于{target}，只能使用一次，"
          f"{issued.expires_at.astimezone():%Y-%m-%d %H:%M} 前有效）：")
    print(issued.code)
    return 0


def cmd_list_devices(args: argparse.Namespace) -> int:
    from county_server.services import admin

    with _session_factory().begin() as session:
        center = admin.find_center(session, args.center)
        for device in admin.list_devices(session, center.id):
            state = "已停用" if device.revoked_at else ("正常" if device.enrolled_at else "未注册")
            last = max(filter(None, (device.last_push_at, device.last_pull_at)), default=None)
            when = f"{last.astimezone():%Y-%m-%d %H:%M}" if last else "从未同步"
            print(f"{device.device_number:02d}\t{device.name}\t{state}\t{when}\t{device.id}")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    from county_server.services import admin

    with _session_factory().begin() as session:
        center = admin.find_center(session, args.center)
        admin.revoke_device(session, admin.find_device(session, center, args.device_number))
    print(f"已停用中心 {args.center} 的 {args.device_number:02d} 号设备；它的令牌从现在起被拒绝。")
    return 0


def cmd_publish_catalog(args: argparse.Namespace) -> int:
    from county_server.services import publish

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DomainError(f"无法读取文件 {path}：{error.strerror or error}", field="file") from error
    with _session_factory().begin() as session:
        version = publish.publish_catalog(session, raw, source=path.name, published_by=args.by)
        print(f"已发布事项目录 {version.version}（{version.item_count} 项）。")
    return 0


def cmd_publish_calendar(args: argparse.Namespace) -> int:
    from county_server.services import publish

    path = Path(args.file)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DomainError(f"无法读取 UTF-8 文件 {path}：{error}", field="file") from error
    with _session_factory().begin() as session:
        years = publish.publish_calendar(session, text, source=path.name, published_by=args.by)
    for year in years:
        print(f"已发布 {year.year} 年工作日历（{year.days} 个调整日，第 {year.version} 版）。")
    return 0


def cmd_add_staff(args: argparse.Namespace) -> int:
    from county_server.services import admin

    password = _read_password("COUNTY_STAFF_PASSWORD", prompt=f"为 {args.username} 设置初始密码：")
    with _session_factory().begin() as session:
        center = admin.find_center(session, args.center)
        admin.create_staff(
            session, center, username=args.username, display_name=args.display_name, password=password,
            role=args.role, phone=args.phone,
        )
    print(f"已为中心 {args.center} 添加账号「{args.username}」；该中心的电脑同步后即可离线登录。")
    return 0


def cmd_update_staff(args: argparse.Namespace) -> int:
    from county_server.services import admin

    password = None
    if args.reset_password:
        password = _read_password("COUNTY_STAFF_PASSWORD", prompt=f"为 {args.username} 设置新密码：")
    active = True if args.activate else False if args.deactivate else None
    with _session_factory().begin() as session:
        center = admin.find_center(session, args.center)
        staff = admin.find_staff(session, center, args.username)
        admin.update_staff(session, staff, password=password, active=active, role=args.role)
    print(f"已更新账号「{args.username}」。")
    return 0


def cmd_list_staff(args: argparse.Namespace) -> int:
    from county_server.services import admin

    with _session_factory().begin() as session:
        center = admin.find_center(session, args.center)
        for staff in admin.list_staff(session, center.id):
            print(f"{staff.username}\t{staff.display_name}\t{admin.STAFF_ROLES[staff.role]}\t"
                  f"{'正常' if staff.active else '已停用'}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from county_server.app import create_app
    from county_server.settings import Settings

    settings = Settings.from_env()
    app = create_app(settings)
    with app.state.db.begin() as session:
        from county_server.services.admin import count_county_admins

        if count_county_admins(session) == 0:
            print("提示：还没有县级管理员账号；请运行 python -m county_server create-admin --username 名称", file=sys.stderr)
    print(f"一窗通县级服务器：http://{args.host}:{args.port}/admin/ （数据库 {_safe_url(settings.effective_database_url)}）",
          file=sys.stderr)
    if args.workers > 1:
        # Each worker process builds its own app from the environment; the schema
        # is already at head, so their start-up migrations are no-ops.
        app.state.engine.dispose()
        uvicorn.run("county_server.app:create_app", factory=True, host=args.host, port=args.port,
                    workers=args.workers, proxy_headers=False, log_level=args.log_level)
    else:
        uvicorn.run(app, host=args.host, port=args.port, proxy_headers=False, log_level=args.log_level)
    return 0


def _data_dir() -> Path:
    from county_server.settings import Settings

    return Settings.from_env().data_dir


def cmd_updates_init(args: argparse.Namespace) -> int:
    from county_server.services import updates

    root = updates.initialize(_data_dir(), Path(args.keys_dir) if args.keys_dir else None)
    print(f"更新仓库已就绪；签名根文件（可随安装包分发）：{root}")
    return 0


def cmd_updates_add(args: argparse.Namespace) -> int:
    from county_server.services import updates

    release = updates.add_release(_data_dir(), Path(args.bundle), args.version,
                                  Path(args.keys_dir) if args.keys_dir else None)
    print(f"已发布版本 {release.version}（{release.archive}，{release.size} 字节）；各前台在下次同步后下载")
    return 0


def cmd_updates_list(args: argparse.Namespace) -> int:
    from county_server.services import updates

    releases = updates.list_releases(_data_dir())
    for release in releases:
        print(f"{release.version}\t{release.archive}\t{release.size}")
    if not releases:
        print("还没有发布任何版本")
    return 0


def cmd_updates_export(args: argparse.Namespace) -> int:
    from county_server.services import updates

    target = updates.export_update_file(_data_dir(), Path(args.output), args.version)
    print(f"更新包已写入 {target}；中心主任在 设置 → 导入更新包 中导入")
    return 0


def cmd_updates_resign(args: argparse.Namespace) -> int:
    from county_server.services import updates

    updates.resign(_data_dir(), Path(args.keys_dir) if args.keys_dir else None)
    print("更新签名的有效期已续期")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m county_server",
        description="一窗通县级服务器管理命令。数据库：COUNTY_DATABASE_URL（PostgreSQL），未设置时用 COUNTY_DATA_DIR 中的 SQLite。",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    command("migrate", cmd_migrate, "把数据库升级到最新结构")
    p = command("create-admin", cmd_create_admin,
                "创建县级账号（默认管理员）；密码在提示符下输入，或经标准输入，或环境变量 COUNTY_ADMIN_PASSWORD")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", default="")
    p.add_argument("--role", choices=("admin", "officer"), default="admin")
    p.add_argument("--department", default="", help="部门名称，显示在县级办理记录中")
    p = command("api-token", cmd_api_token, "为县级账号签发接口令牌（只显示一次）")
    p.add_argument("--username", required=True)
    p.add_argument("--label", default="")
    p = command("create-center", cmd_create_center, "新建中心")
    p.add_argument("--code", required=True, help="中心编码，办件编号的开头")
    p.add_argument("--name", required=True)
    for option in ("--county", "--town", "--address", "--phone", "--supervision-phone"):
        p.add_argument(option, default="")
    p.add_argument("--district", default="", help="所属片区：县以下、乡镇（街道）以上的开发区、新区、管理区；没有可不填")
    command("list-centers", cmd_list_centers, "列出中心")
    p = command("issue-code", cmd_issue_code, "签发一次性注册码")
    p.add_argument("--center", required=True, help="中心编码")
    p.add_argument("--device-number", type=int, help="指定设备编号；已有设备的编号表示为更换的电脑重新注册")
    p.add_argument("--hours", type=int, help="有效小时数（默认 COUNTY_ENROLLMENT_CODE_HOURS 或 72）")
    p = command("list-devices", cmd_list_devices, "列出中心的设备")
    p.add_argument("--center", required=True)
    p = command("revoke-device", cmd_revoke_device, "停用设备（丢失或被盗的电脑）")
    p.add_argument("--center", required=True)
    p.add_argument("--device-number", type=int, required=True)
    p = command("publish-catalog", cmd_publish_catalog, "检查并发布事项目录（与前台相同的校验）")
    p.add_argument("file")
    p.add_argument("--by", default="cli")
    p = command("publish-calendar", cmd_publish_calendar, "检查并发布工作日历（与前台日历表格式相同）")
    p.add_argument("file")
    p.add_argument("--by", default="cli")
    p = command("add-staff", cmd_add_staff,
                "为中心添加工作人员账号；密码在提示符下输入，或经标准输入，或环境变量 COUNTY_STAFF_PASSWORD")
    p.add_argument("--center", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", required=True)
    p.add_argument("--role", choices=("window", "head", "proxy"), default="window")
    p.add_argument("--phone", default="")
    p = command("update-staff", cmd_update_staff, "重设密码、停用或启用工作人员账号")
    p.add_argument("--center", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--reset-password", action="store_true")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--activate", action="store_true")
    group.add_argument("--deactivate", action="store_true")
    p.add_argument("--role", choices=("window", "head", "proxy"))
    p = command("list-staff", cmd_list_staff, "列出中心的工作人员账号")
    p.add_argument("--center", required=True)
    p = command("updates-init", cmd_updates_init, "建立前台程序的签名更新仓库（TUF）并生成签名密钥")
    p.add_argument("--keys-dir", help="签名密钥所在文件夹（默认 COUNTY_DATA_DIR/updates/keys；根密钥宜离线保存）")
    p = command("updates-add", cmd_updates_add, "把一个前台程序文件夹签名发布为新版本")
    p.add_argument("--bundle", required=True, help="完整的程序文件夹（安装包目录，或含 main.py 的源码目录）")
    p.add_argument("--version", required=True, help="版本号，如 0.2.0，须比已发布的新")
    p.add_argument("--keys-dir")
    command("updates-list", cmd_updates_list, "列出已发布的前台版本")
    p = command("updates-export", cmd_updates_export, "导出U盘更新包（签名信息和程序文件），供不联网的中心导入")
    p.add_argument("--output", required=True, help="写到哪个文件，如 /media/usb/onewindow-0.2.0.owupdate")
    p.add_argument("--version", help="哪个版本（默认最新）")
    p = command("updates-resign", cmd_updates_resign, "为更新签名续期（到期前运行）")
    p.add_argument("--keys-dir")
    p = command("serve", cmd_serve, "启动服务器")
    p.add_argument("--host", default=DEFAULT_HOST)
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--log-level", default="info")
    p.add_argument("--workers", type=int, default=1,
                   help="工作进程数（PostgreSQL 时可设为 CPU 核数；SQLite 请保持 1）；每个进程各自限流")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        command: Callable[[argparse.Namespace], int] = args.func
        return command(args)
    except (CatalogImportError, CalendarFileError) as error:
        print(str(error), file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
