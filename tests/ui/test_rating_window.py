"""The resident-facing rating screen: one ballot, five neutral buttons, no keyboard path."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db import Database
from app.models import Rating, RatingFollowUp
from app.models.vocabulary import RatingLevel, RatingReason
from app.services.inquiries import InquiryInput, register_inquiry
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.rating_window import (
    FITS_HEIGHT,
    PAGE_DETAILS,
    PAGE_IDLE,
    PAGE_LEVELS,
    PAGE_THANKS,
    RatingDesk,
    RatingWindow,
)


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def rating_desk(qtbot, runner, intake_template):
    from PySide6.QtWidgets import QWidget

    worker = QWidget()
    qtbot.addWidget(worker)
    worker.show()
    desk = RatingDesk(runner, worker, center_name="青山村党群服务中心")
    yield desk
    desk.close()


def _answered(desk_db: Database, head) -> object:
    with desk_db.session_factory.begin() as session:
        return register_inquiry(session, head, InquiryInput(asker_name="王大妈", topic="高龄津贴申报",
                                                            answer="满 80 周岁可申报")).id


def _ratings(desk_db: Database) -> list[Rating]:
    with desk_db.session_factory() as session:
        return list(session.scalars(select(Rating)))


def test_the_resident_rates_once_with_a_reason_for_a_bad_level(qtbot, rating_desk, desk_db, intake_template) -> None:
    window = rating_desk.window
    rating_desk.offer(intake_template.head, inquiry_id=_answered(desk_db, intake_template.head))
    assert window.isVisible() and window.pages.currentIndex() == PAGE_LEVELS
    assert "高龄津贴申报" in window.subject.text()
    # Five buttons alike: one style, no focus, nothing preselected.
    styles = {button.styleSheet() for button in window.level_buttons.values()}
    assert len(styles) == 1 and all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in window.level_buttons.values())
    assert [b.text() for b in window.level_buttons.values()] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    # The worker's keyboard cannot choose a level.
    for key in (Qt.Key.Key_1, Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Tab):
        qtbot.keyClick(window, key)
    assert window.pages.currentIndex() == PAGE_LEVELS and _ratings(desk_db) == []
    qtbot.mouseClick(window.level_buttons[RatingLevel.DISSATISFIED], Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == PAGE_DETAILS and window.reasons_box.isVisibleTo(window)
    assert not window.submit.isEnabled()  # a bad level asks why
    qtbot.mouseClick(window.reason_buttons[RatingReason.EFFICIENCY], Qt.MouseButton.LeftButton)
    window.comment.setPlainText("等了很久")
    qtbot.mouseClick(window.submit, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == PAGE_THANKS
    (rating,) = _ratings(desk_db)
    assert (rating.channel, rating.level_label, rating.reasons, rating.comment) == (
        "window", "不满意", ["efficiency"], "等了很久")
    with desk_db.session_factory() as session:
        assert session.scalar(select(RatingFollowUp).where(RatingFollowUp.rating_id == rating.id)) is not None
    window.timeout.timeout.emit()  # the thanks page goes back to idle
    assert window.pages.currentIndex() == PAGE_IDLE


def test_not_now_leaves_no_rating_and_a_rated_inquiry_is_not_offered_again(qtbot, rating_desk, desk_db,
                                                                           intake_template) -> None:
    window = rating_desk.window
    inquiry_id = _answered(desk_db, intake_template.head)
    rating_desk.offer(intake_template.head, inquiry_id=inquiry_id)
    qtbot.mouseClick(window.not_now, Qt.MouseButton.LeftButton)
    assert _ratings(desk_db) == [] and not window.isVisible()  # one screen: the worker's screen back
    rating_desk.offer(intake_template.head, inquiry_id=inquiry_id)
    qtbot.mouseClick(window.level_buttons[RatingLevel.SATISFIED], Qt.MouseButton.LeftButton)
    assert not window.reasons_box.isVisibleTo(window) and window.submit.isEnabled()
    qtbot.mouseClick(window.submit, Qt.MouseButton.LeftButton)
    assert len(_ratings(desk_db)) == 1
    window.timeout.timeout.emit()
    rating_desk.offer(intake_template.head, inquiry_id=inquiry_id)  # rated: nothing to offer
    assert window.pages.currentIndex() == PAGE_IDLE


SECOND_SCREEN = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
from app.ui.rating_window import RatingWindow, resident_screen
worker = QWidget(); worker.show()
screens = app.screens()
chosen = resident_screen(worker)
print(len(screens), chosen is not worker.screen(), chosen.geometry().x())
"""


def test_a_second_screen_is_the_residents(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "worker", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96},
        {"name": "resident", "x": 1280, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96},
    ]}))
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", SECOND_SCREEN], capture_output=True, text=True, cwd=root,
                            env={"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(root),
                                 "PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.stdout.split() == ["2", "True", "1280"], result.stderr


def test_every_page_fits_a_768_pixel_screen(qtbot) -> None:
    # On a 1366x768 monitor a taller window ran off the bottom: "not now" and
    # "submit" could not be reached, so a resident could neither rate nor decline.
    window = RatingWindow(center_name="青山村党群服务中心")
    qtbot.addWidget(window)
    assert window.minimumSizeHint().height() <= FITS_HEIGHT == 768
    window.resize(1024, FITS_HEIGHT)
    window.show()
    for page, button in ((PAGE_LEVELS, window.not_now), (PAGE_DETAILS, window.submit)):
        window.pages.setCurrentIndex(page)
        qtbot.wait(10)
        bottom = button.mapTo(window, button.rect().bottomLeft()).y()
        assert button.isVisible() and bottom < FITS_HEIGHT


def test_the_window_cannot_be_closed_by_the_resident(qtbot) -> None:
    window = RatingWindow()
    qtbot.addWidget(window)
    declined = []
    window.declined.connect(lambda: declined.append(True))
    window.show()
    window.close()
    assert window.isVisible() and declined == [True]


def test_the_heads_screen_lists_the_follow_up_and_warns_below_80(qtbot, runner, desk_db, intake_template) -> None:
    from app.services import ratings
    from app.services.staff import actor_for, add_staff
    from app.ui.screens.ratings import STATE_COLOURS, RatingsScreen

    head = intake_template.head
    inquiry_id = _answered(desk_db, head)
    with desk_db.session_factory.begin() as session:
        ballot = ratings.issue_ballot(session, head, inquiry_id=inquiry_id)
        receipt = ratings.cast_ballot(session, ballot.token, level="very_dissatisfied", reasons=["attitude"])
        clerk = actor_for(session, add_staff(session, head, username="lina", display_name="李娜", password="Lina2026a"))
    screen = RatingsScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(head)
    assert screen.table.rowCount() == 1 and screen.table.item(0, 5).text() == "非常不满意"
    assert screen.table.item(0, 0).background().color().name() in {STATE_COLOURS["due_soon"], STATE_COLOURS["on_time"],
                                                                   STATE_COLOURS["overdue"]}
    assert screen.revisit_button.isEnabled() and "80%" in screen.warning.text() and not screen.warning.isHidden()
    assert screen.figures.item(0, 7).text() == "0.00%"  # 满意率 of the whole center
    screen.table.selectRow(0)
    screen._revisit()
    dialog = screen._dialog
    dialog.show()
    dialog.buttons.accepted.emit()  # nothing typed: refused in the dialog, which stays open
    assert dialog.isVisible() and dialog.error.text()
    dialog.note.setPlainText("已电话联系，群众反映态度生硬")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible() and not dialog.error.text()
    with desk_db.session_factory() as session:
        from app.models import RatingFollowUp

        assert session.get(RatingFollowUp, receipt.follow_up_id).revisited_at is not None
    assert screen.table.item(0, 1).text() == "整改"
    screen.set_actor(clerk)  # a window worker sees the list, not the head's actions or warning
    assert not screen.revisit_button.isEnabled() and screen.warning.isHidden()


def test_a_lock_after_the_rating_window_was_destroyed_does_not_fail(qtbot, rating_desk) -> None:
    """The idle lock lapses the ballot; when the application's windows were
    already torn down (closing, or between tests), that is a no-op, not a
    RuntimeError from a deleted widget inside the idle timer."""
    import shiboken6

    shiboken6.delete(rating_desk.window)
    rating_desk.lapse()
    rating_desk.close()


def test_a_refused_phone_rating_keeps_what_the_head_typed(qtbot, runner, desk_db, intake_template) -> None:
    from app.ui.screens.ratings import RatingsScreen

    screen = RatingsScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(intake_template.head)
    screen._phone()
    dialog = screen._phone_dialog
    dialog.show()
    dialog.case_number.setText("不存在的编号")
    dialog.comment.setPlainText("群众说窗口等候时间太长")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "完整的办件编号" in dialog.error.text()
    assert dialog.comment.toPlainText() == "群众说窗口等候时间太长"
    dialog.reject()
