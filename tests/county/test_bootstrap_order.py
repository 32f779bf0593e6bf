"""The snapshot in priority order (a replacement PC works within minutes) and
the resident lookup of a desk still bootstrapping."""
from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import update

from app.clock import utcnow
from county_server.app import create_app
from county_server.models import Case
from county_server.settings import Settings
from tests.county.harness import County, Desk


def read_snapshot(county: County, desk: Desk, **params: Any) -> list[dict[str, Any]]:
    """Every page; each page's rows tagged with the tier the page said."""
    pages: list[dict[str, Any]] = []
    token = None
    while True:
        query = {"limit": 3, **params} | ({"page_token": token} if token else {})
        response = county.client.get("/api/v1/bootstrap", params=query, headers=desk.headers)
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page)
        token = page["next_page_token"]
        if page["done"]:
            return pages


def test_open_cases_and_last_years_residents_come_before_the_history(county: County) -> None:
    county.make_center()
    old = county.enroll()
    history = [old.new_case(name=f"老住户{i}", outcome="reject", status="rejected") for i in range(5)]
    recent = old.new_case(name="去年来过", outcome="reject", status="rejected")
    returning, open_case, _number = old.new_case(name="回头客")
    with county.session() as session:  # the history is years old; one closed case is recent
        session.execute(update(Case).where(Case.id.in_([uuid.UUID(c) for _r, c, _n in history]))
                        .values(received_at=utcnow() - timedelta(days=800)))
    spare = county.enroll()
    pages = read_snapshot(county, spare, order="priority")
    assert all(p["estimate"] == pages[0]["estimate"] for p in pages)
    first_tier: list[dict[str, Any]] = []
    for page in pages:
        first_tier.extend(page["rows"])
        if page["tier"] == 1:
            break  # the page that completes tier 0 says so
    # "Usable" comes first: every open case with its resident and history, before last year's residents.
    usable_at = next(n for n, page in enumerate(pages) if page["usable"])
    before = {row["id"] for page in pages[:usable_at + 1] for row in page["rows"]}
    assert {returning, open_case} <= before and recent[0] not in before
    assert all(page["usable"] for page in pages[usable_at:])
    ids = {row["id"] for row in first_tier}
    assert {returning, open_case, recent[0]} <= ids
    assert not ids & {c for _r, c, _n in history} and not ids & {r for r, _c, _n in history}
    kinds = [row["entity"] for row in first_tier]
    assert kinds[0] == "center" and "device" in kinds and kinds.count("case_event") == 1
    assert kinds.index("resident") < kinds.index("case") < kinds.index("case_event")
    # Then the whole snapshot: everything, tier 0's rows again (skipped by version at the desk).
    everything = [row for page in pages for row in page["rows"]]
    assert {c for _r, c, _n in history} <= {row["id"] for row in everything}
    assert len(everything) == pages[0]["estimate"]  # nothing changed meanwhile: the estimate is exact
    assert pages[-1]["done"] and pages[-1]["tier"] == 1


def test_an_older_desk_gets_the_snapshot_as_before(county: County) -> None:
    county.make_center()
    old = county.enroll()
    old.new_case(name="张三")
    pages = read_snapshot(county, county.enroll())
    assert all(p["tier"] is None and p["estimate"] is None for p in pages)
    kinds = [row["entity"] for page in pages for row in page["rows"]]
    assert len(kinds) == len(set(zip(kinds, [r["id"] for p in pages for r in p["rows"]], strict=True)))


def test_a_desk_looks_up_its_own_centers_resident_only(county: County) -> None:
    county.make_center("SFC01")
    county.make_center("SFC02", name="另一村")
    here, there = county.enroll("SFC01"), county.enroll("SFC02")
    resident = here.resident(name="回头客", id_number="44990119600101001X")
    case = here.case(resident["entity_id"])
    here.push_ok([resident, case, here.event(case["entity_id"], "accept", None, "accepted")])
    found = county.client.get("/api/v1/residents/lookup", params={"id_number": "44990119600101001x"},
                              headers=county.enroll("SFC01").headers).json()
    assert found["found"] is True
    assert [r["entity"] for r in found["rows"]] == ["resident", "case", "case_event"]
    assert found["rows"][0]["id"] == resident["entity_id"]
    other = county.client.get("/api/v1/residents/lookup", params={"id_number": "44990119600101001X"},
                              headers=there.headers)
    assert other.status_code == 200 and other.json() == {"found": False, "rows": []}
    assert county.client.get("/api/v1/residents/lookup", params={"id_number": "44990119600101001X"}).status_code == 401


def test_lookups_are_rate_limited_per_desk(settings: Settings) -> None:
    county = County(create_app(settings.model_copy(update={"lookup_rate_per_minute": 3}), migrate_on_start=False))
    try:
        county.make_center()
        one, two = county.enroll(), county.enroll()
        answers = [county.client.get("/api/v1/residents/lookup", params={"id_number": f"4499{n:014d}"},
                                     headers=one.headers).status_code for n in range(5)]
        assert answers == [200, 200, 200, 429, 429]
        # Another desk of the center (same address) is not held back.
        assert county.client.get("/api/v1/residents/lookup", params={"id_number": "1"},
                                 headers=two.headers).status_code == 200
    finally:
        county.close()
