"""Who is acting: every change is attributed to a staff member."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.models.vocabulary import StaffRole


@dataclass(frozen=True)
class Actor:
    """The logged-in staff member at this device (plain data, crosses threads)."""

    staff_id: uuid.UUID
    center_id: uuid.UUID
    device_id: uuid.UUID
    username: str
    display_name: str
    role: str
    window_no: str = ""

    @property
    def is_head(self) -> bool:
        return self.role == StaffRole.HEAD
