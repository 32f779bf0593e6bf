from app.services.status_link import ScannedCase, is_case_number, parse_scan, status_url


def test_round_trip_through_the_link() -> None:
    url = status_url("https://zwfw.example.org/onewindow/", "DEMO01-01-20261122-0007", "K7M2QX")
    assert url == "https://zwfw.example.org/onewindow/status?case=DEMO01-01-20261122-0007&code=K7M2QX"
    assert parse_scan(url) == ScannedCase("DEMO01-01-20261122-0007", "K7M2QX")


def test_a_typed_case_number_is_accepted_in_any_case() -> None:
    assert parse_scan("  demo01-01-20261122-0007 ") == ScannedCase("DEMO01-01-20261122-0007", None)


def test_other_text_is_not_a_case() -> None:
    for text in ("", "张三", "4499011990", "https://example.org/status?case=abc", "DEMO01-1-20261122-7"):
        assert parse_scan(text) is None
    assert not is_case_number("DEMO01-01-2026112-0007")
