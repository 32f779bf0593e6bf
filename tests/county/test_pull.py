"""Pull by cursor per stream, and the resumable bootstrap snapshot."""
from __future__ import annotations

from pathlib import Path

from app.services.catalog_import import validate_catalog
from app.services.passwords import verify_password
from county_server.services import admin, publish
from tests.county.harness import County

SAMPLE_CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "sample_catalog.json"


def test_records_stream_pages_in_order_without_gaps(county: County) -> None:
    county.make_center()
    a, b = county.enroll(), county.enroll()
    ops = [a.resident(name=f"居民{i}") for i in range(25)]
    a.push_ok(ops)
    seen, cursor, pages = [], 0, 0
    while True:
        page = b.pull("records", cursor, limit=7).json()
        pages += 1
        seqs = [e["seq"] for e in page["entries"]]
        assert seqs == sorted(seqs) and all(s > cursor for s in seqs)
        seen.extend(seqs)
        assert page["next_cursor"] == (seqs[-1] if seqs else cursor)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert pages == 4 and seen == list(range(1, 26)) and page["head"] == 25
    # Another desk of the center gets A's records whole, with A as their origin.
    entry = b.pull("records", 0, 1).json()["entries"][0]
    assert entry["entity"] == "resident" and entry["origin_device_id"] == a.device_id
    assert entry["data"]["name"] == "居民0" and entry["version"] == 1
    # Past the head: an empty page, the cursor stays.
    tail = b.pull("records", 25).json()
    assert tail["entries"] == [] and tail["next_cursor"] == 25 and not tail["has_more"]


def test_unknown_stream_and_bad_cursor(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    assert desk.pull("nonsense").status_code == 404
    assert county.client.get("/api/v1/pull/records", params={"cursor": -1}, headers=desk.headers).status_code == 422


def test_county_streams_catalog_calendar_staff_center(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    with county.session() as session:
        publish.publish_catalog(session, SAMPLE_CATALOG.read_bytes(), source="sample_catalog.json")
        publish.publish_calendar(session, "date,kind,name\n2027,全年,通知\n2027-02-06,休,春节\n2027-02-20,班,春节调休\n",
                                 source="2027.csv")
        center = admin.find_center(session, "SFC01")
        admin.create_staff(session, center, username="lina", display_name="李娜", password="demo2026a")
    catalog = desk.pull_all("catalog")
    assert len(catalog) == 1
    rows = catalog[0]["data"]
    assert rows["version"] == "sample-2026.1" and rows["is_current"] is True
    assert all(item["id"] and all(m["id"] for m in item["materials"]) for item in rows["items"])
    calendar = desk.pull_all("calendar")[0]["data"]
    assert calendar["year"] == 2027 and len(calendar["days"]) == 2
    # The year comes in the desk's own calendar-table format too.
    from app.services.calendar import parse_calendar_table

    assert parse_calendar_table(calendar["table_text"]).published_years == frozenset({2027})
    staff = desk.pull_all("staff")
    assert [s["data"]["username"] for s in staff] == ["lina"]
    assert verify_password("demo2026a", staff[0]["data"]["password_hash"])  # offline login at the desk
    center_entries = desk.pull_all("center")
    assert {e["entity"] for e in center_entries} == {"center", "device"}
    meta = county.client.get("/api/v1/meta", headers=desk.headers).json()
    assert meta["catalog_version"] == "sample-2026.1" and meta["calendar_years"] == {"2027": 1}
    assert meta["streams"]["staff"] == 1 and meta["streams"]["catalog"] == 1


def test_catalog_publish_uses_the_desks_validator_and_messages(county: County) -> None:
    import json

    import pytest

    from app.services.catalog_import import CatalogImportError

    data = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    data["items"][0]["committed_days"] = data["items"][0]["statutory_days"] + 5
    data["items"][1]["handling_mode"] = "by_magic"
    raw = json.dumps(data, ensure_ascii=False).encode()
    with pytest.raises(CatalogImportError) as desk_error:
        validate_catalog(data, source="bad.json")
    with county.session() as session, pytest.raises(CatalogImportError) as server_error:
        publish.publish_catalog(session, raw, source="bad.json")
    assert [str(p) for p in server_error.value.problems] == [str(p) for p in desk_error.value.problems]
    assert any("承诺时限" in str(p) for p in server_error.value.problems)
    assert county.change_count() == 0


def test_bootstrap_is_complete_and_resumable(county: County) -> None:
    county.make_center()
    a = county.enroll()
    for i in range(6):
        a.new_case(name=f"居民{i}")
    with county.session() as session:
        admin.create_staff(session, admin.find_center(session, "SFC01"), username="lina", display_name="李娜",
                           password="demo2026a")
    restored = county.enroll()  # a new PC of the same center
    first = county.client.get("/api/v1/bootstrap", params={"limit": 5}, headers=restored.headers).json()
    cursors = first["cursors"]
    assert cursors["records"] == 18 and cursors["catalog"] == 0
    rows, token, pages = list(first["rows"]), first["next_page_token"], 1
    # Records pushed after the snapshot started reach the new PC by pull, from the cursors.
    a.new_case(name="晚到")
    while token:
        if pages == 3:
            token_copy = token  # the link drops: the same token resumes exactly there
            county.client.get("/api/v1/bootstrap", params={"limit": 5, "page_token": token_copy}, headers=restored.headers)
        page = county.client.get("/api/v1/bootstrap", params={"limit": 5, "page_token": token},
                                 headers=restored.headers).json()
        assert page["cursors"] == cursors
        rows.extend(page["rows"])
        token = page["next_page_token"]
        pages += 1
    assert page["done"] is True
    kinds = [r["entity"] for r in rows]
    assert kinds.count("case") >= 6 and kinds.count("case_event") >= 6 and kinds.count("resident") >= 6
    assert kinds.count("staff") == 1 and kinds.count("center") == 1 and kinds.count("device") == 2
    # Parents come before children.
    assert kinds.index("resident") < kinds.index("case") < kinds.index("case_event")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    later = restored.pull("records", cursors["records"]).json()["entries"]
    assert [e["entity"] for e in later] == ["resident", "case", "case_event"]
    bad = county.client.get("/api/v1/bootstrap", params={"page_token": "garbage"}, headers=restored.headers)
    assert bad.status_code == 400 and bad.json()["detail"]["error"] == "bad_page_token"


def test_bootstrap_token_of_another_center_is_refused(county: County) -> None:
    county.make_center("SFC01")
    county.make_center("SFC02", name="另一村")
    a, b = county.enroll("SFC01"), county.enroll("SFC02")
    a.new_case()
    token = county.client.get("/api/v1/bootstrap", params={"limit": 1}, headers=a.headers).json()["next_page_token"]
    assert county.client.get("/api/v1/bootstrap", params={"page_token": token}, headers=b.headers).status_code == 400
