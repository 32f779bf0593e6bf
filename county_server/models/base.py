"""Declarative base and column types of the county schema.

The column types, constraint names, ids and clock are the desk's own
(app.models.base), so a record means the same on both sides.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, MetaData, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase

from app.clock import utcnow
from app.models.base import NAMING_CONVENTION, IdMixin, UTCDateTime

JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(timezone=True),
        uuid.UUID: Uuid(as_uuid=True),
        dict[str, Any]: JSONType,
        list[Any]: JSONType,
    }


__all__ = ["NAMING_CONVENTION", "Base", "IdMixin", "JSONType", "UTCDateTime", "utcnow"]
