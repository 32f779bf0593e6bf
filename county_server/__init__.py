"""OneWindow county server (一窗通县级服务器).

Receives what the desks of a county's service centers push, sends down the
county's catalog, calendar and staff accounts, runs the county's work list of
forwarded cases, the public status page and the dashboard.
"""
from __future__ import annotations

__version__ = "0.1.0"

#: Sync protocol versions this server speaks (docs/sync-protocol.md). 2: the
#: compact push encoding (``app.wire``) and short push answers; 1 still works.
PROTOCOL_VERSIONS = (1, 2)
