"""The county's center record follows the desk's one phone rule."""
from __future__ import annotations

import pytest

from app.services.errors import DomainError
from tests.county.harness import County


def test_the_county_refuses_a_bad_center_phone(county: County) -> None:
    with pytest.raises(DomainError, match="监督电话格式不正确") as info:
        county.make_center("BAD01", supervision_phone="hello")
    assert info.value.field == "supervision_phone"
