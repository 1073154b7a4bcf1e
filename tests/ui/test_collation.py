"""Sorting in the window follows the language's collation (QCollator), not code points."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.models.codes import COUNTRY_CODES, label_of
from app.services.records import create_record
from app.store import Database
from app.ui.collation import collated
from app.ui.records.related_models import ParticipantTableModel
from app.ui.records.workspace import Workspace
from app.ui.shell.application import choose_language
from app.ui.shell.wizard import FirstRunWizard
from tests.ui.conftest import OFFSCREEN_NOISE, person, training

pytestmark = OFFSCREEN_NOISE


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    choose_language(qapp, "en")


def _same(text: str) -> str:
    return text


def test_vietnamese_d_with_stroke_after_d_and_accents_beside_their_letter() -> None:
    names = ["Zoe Lim", "Đặng Thị Bình", "Dương Văn Minh", "Ánh", "Anh", "Bảo Lê"]
    assert sorted(names)[-2:] == ["Ánh", "Đặng Thị Bình"]  # code points: after Z
    assert collated(names, _same, QLocale("vi")) == [
        "Anh",
        "Ánh",
        "Bảo Lê",
        "Dương Văn Minh",
        "Đặng Thị Bình",
        "Zoe Lim",
    ]


def test_family_name_first_names_sort_by_family_name_as_written() -> None:
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    assert collated(names, _same, QLocale("vi")) == [
        "Lê Văn Cường",
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    khmer = ["សុខ ដារ៉ា", "ចាន់ សុភា", "កែវ វណ្ណា"]  # Sok, Chan, Keo: family name first
    assert collated(khmer, _same, QLocale("km")) == ["កែវ វណ្ណា", "ចាន់ សុភា", "សុខ ដារ៉ា"]


def test_chinese_by_pinyin() -> None:
    names = ["张伟", "李娜", "王芳"]  # code points: 张 U+5F20, 李 U+674E, 王 U+738B
    assert collated(names, _same, QLocale("zh_CN")) == ["李娜", "王芳", "张伟"]


def test_thai_ignores_leading_vowels_and_numbers_compare_as_numbers() -> None:
    words = ["ไก่", "ขาย", "กา", "เกม"]
    assert collated(words, _same, QLocale("th")) == ["กา", "เกม", "ไก่", "ขาย"]
    assert collated(["Room 10", "Room 9"], _same, QLocale("en")) == ["Room 9", "Room 10"]


def test_the_wizard_lists_countries_in_the_language_s_order(
    qapp: QApplication, qtbot: QtBot
) -> None:
    choose_language(qapp, "th")
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    combo = wizard.office.site
    shown = [combo.itemData(i) for i in range(combo.count())][: len(COUNTRY_CODES)]
    names = [label_of("country", code) for code in shown]
    # ไทย (Thailand) sorts under ท, past its leading vowel: after ติมอร์-เลสเต, before บรูไน.
    assert names.index("ไทย") == names.index("ติมอร์-เลสเต") + 1
    assert names.index("บรูไน") == names.index("ไทย") + 1
    assert names != sorted(names)
    wizard.close()


def test_an_activity_s_participants_in_the_language_s_order(
    qapp: QApplication, qtbot: QtBot, db: Database
) -> None:
    choose_language(qapp, "vi")
    activity = training(db)
    for name in ("Zoe Lim", "Đặng Thị Bình", "Dương Văn Minh", "Ánh Phạm"):
        who = person(db, name)
        values = {"activity_uid": activity, "person_uid": who, "role": "trainee"}
        create_record(db, "participation", values)
    model = ParticipantTableModel(Workspace(db))
    model.load(activity)
    names = [model.row_at(i).name for i in range(model.rowCount())]
    assert names == ["Ánh Phạm", "Dương Văn Minh", "Đặng Thị Bình", "Zoe Lim"]
