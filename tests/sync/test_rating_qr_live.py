"""好差评 by QR: a resident rates on a phone-sized headless Chromium, on the
status page the receipt's QR opens, after the code is checked; the county
stores it as a QR rating and the desk receives it, with its follow-up, on pull."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Case, Rating, RatingFollowUp
from app.models.vocabulary import IntakeOutcome
from app.services.status_link import status_url
from tests.sync.live import CountyProcess

pytestmark = pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver missing")

SHOTS = os.environ.get("ONEWINDOW_SHOTS", "")  # a folder to keep the screenshots in


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--window-size=390,844"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def _wait_for(driver, element_id: str):
    """The element once the submitted page has loaded: a click on submit does
    not wait for the navigation, so finding it at once races the new page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 20).until(expected_conditions.presence_of_element_located((By.ID, element_id)))


def test_a_resident_rates_by_qr_in_chromium_and_it_reaches_the_desk(county: CountyProcess, new_desk,
                                                                    tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    desk = new_desk(1)
    desk.enroll(county)
    assert desk.sync().ok
    case_id = desk.take_in(desk.register("欧阳娜娜"), code="OS", outcome=IntakeOutcome.DONE_ON_THE_SPOT)
    assert desk.sync().ok
    with desk.factory() as session:
        case = session.get(Case, case_id)
        url = status_url(county.base, case.case_number, case.verification_code)
    shots = Path(SHOTS) if SHOTS else tmp_path
    driver = _browser()
    try:
        driver.get(url)
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "请为本次服务评价" in body and "欧阳**" in body and "欧阳娜娜" not in body
        labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "label.level")]
        assert labels == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
        assert driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 0
        assert not driver.find_elements(By.CSS_SELECTOR, "input[name=level]:checked")  # nothing preselected
        driver.execute_script("document.getElementById('rate').scrollIntoView()")
        driver.save_screenshot(str(shots / "qr-form.png"))
        driver.find_element(By.CSS_SELECTOR, "input[name=level][value=dissatisfied]").click()
        driver.find_element(By.NAME, "comment").send_keys("等了很久才办完")
        driver.find_element(By.CSS_SELECTOR, "#rate-form button[type=submit]").click()
        assert "请选择不满意的原因" in _wait_for(driver, "rate-error").text  # a bad level asks why
        # What the resident chose is still there: only the reason is missing.
        assert driver.find_element(By.CSS_SELECTOR, "input[name=level][value=dissatisfied]").is_selected()
        driver.execute_script("document.getElementById('rate').scrollIntoView()")
        driver.save_screenshot(str(shots / "qr-form-reason.png"))
        driver.find_element(By.CSS_SELECTOR, "input[name=reasons][value=efficiency]").click()
        driver.find_element(By.CSS_SELECTOR, "#rate-form button[type=submit]").click()
        assert "感谢您的评价" in _wait_for(driver, "rate-thanks").text
        driver.save_screenshot(str(shots / "qr-thanks.png"))
        driver.get(url)  # once per case
        assert not driver.find_elements(By.ID, "rate-form")
        assert "已评价" in driver.find_element(By.TAG_NAME, "body").text
    finally:
        driver.quit()
    assert desk.sync().ok
    with desk.factory() as session:
        (rating,) = session.scalars(select(Rating).where(Rating.case_id == case_id))
        assert (rating.channel, rating.level_label, rating.reasons, rating.comment) == (
            "qr", "不满意", ["efficiency"], "等了很久才办完")
        assert rating.staff_id == desk.actor.staff_id and rating.sync_state == "synced"
        follow_up = session.scalar(select(RatingFollowUp).where(RatingFollowUp.rating_id == rating.id))
        assert follow_up is not None and follow_up.revisit_days == 1 and follow_up.rectify_days == 15
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "rating.received"))
        assert entry.detail["channel"] == "qr" and "扫码评价" in entry.summary
