"""Interface language: Simplified Chinese by default (compiled .qm), English available."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app import text

I18N_DIR = Path(__file__).resolve().parents[1] / "i18n"
TS_FILE = I18N_DIR / "onewindow_zh_CN.ts"
QM_FILE = I18N_DIR / "onewindow_zh_CN.qm"

# Chinese UI fonts in order of preference: Windows, then Linux.
UI_FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "SimSun"]
# Rare name characters (CJK Ext A–G) fall back to these, as on paper
# (app.printing.fonts): Windows' SimSun-ExtB/ExtG, Linux's HanaMin and BabelStone Han.
RARE_CHARACTER_FAMILIES = ["SimSun-ExtB", "SimSun-ExtG", "HanaMinA", "HanaMinB", "BabelStone Han"]


def install_translations(app: QApplication, lang: str) -> list[QTranslator]:
    """Load our zh_CN catalogue and Qt's own (buttons of standard dialogs),
    and set the same language for the words of the Qt-free core."""
    text.set_language(text.ZH_CN if lang == "zh_CN" else text.EN)
    translators: list[QTranslator] = []
    if lang == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        ours = QTranslator(app)
        if not ours.load(str(QM_FILE)):
            raise RuntimeError(f"translation file missing or unreadable: {QM_FILE}")
        app.installTranslator(ours)
        translators.append(ours)
        qt_base = QTranslator(app)
        if qt_base.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_base)
            translators.append(qt_base)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    font = QFont(app.font())
    font.setFamilies(UI_FONT_FAMILIES + RARE_CHARACTER_FAMILIES + [app.font().family()])
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    return translators
