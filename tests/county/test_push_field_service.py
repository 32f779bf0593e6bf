"""外出服务 at the county: a case's 上门/巡回 marking and a resident's
home-service flag are kept as sent; an unknown marking is refused alone, in words."""
from __future__ import annotations

import uuid

from county_server.models import Case, Resident
from tests.county.harness import County


def test_field_markings_are_kept_and_an_unknown_one_is_refused(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    resident = desk.resident(name="王大娘")
    resident["payload"]["home_service"] = True
    home = desk.case(resident["entity_id"], field_mode="home", field_place="三组 和平村三组12号")
    bus = desk.case(resident["entity_id"], field_mode="bus", field_place="五组")
    long_place = desk.case(resident["entity_id"], field_mode="tour", field_place="五" * 201)
    results = desk.push_ok([resident, home, bus, long_place])
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected"]
    assert "外出服务方式" in results[2]["reason"] and "field_place" in results[3]["reason"]
    with county.session() as session:
        assert session.get(Resident, uuid.UUID(resident["entity_id"])).data["home_service"] is True
        case = session.get(Case, uuid.UUID(home["entity_id"]))
        assert (case.data["field_mode"], case.data["field_place"]) == ("home", "三组 和平村三组12号")
