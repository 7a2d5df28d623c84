"""The shipped Lai Châu data: complete against the seeds it was built from, and consistent."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from macros.core.anniversaries import anniversary_class, event_number, focus_window
from macros.core.dates import format_date

from .sites import ROOT


@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset


def test_every_data_file_is_nfc_and_opens_with_a_comment() -> None:
    for path in sorted((ROOT / "data").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert text == unicodedata.normalize("NFC", text), path
        assert text.lstrip().startswith("#"), path
        assert "{{" not in text and "{%" not in text, path


def test_the_three_seed_plans_are_present(dataset) -> None:
    assert set(dataset.plans) == {"171-kh-btgtu", "kh-btc-20-nam-chia-tach", "kh-svhttdl-tuyen-truyen-dai-hoi-2025"}
    plan = dataset.plans["171-kh-btgtu"]
    assert (plan.number, format_date(plan.date)) == ("171-KH/BTGTU", "30/5/2023")
    assert [r.id for r in plan.implements] == ["11-ct-tu", "06-kh-btc"]


# Seed 002, section B: every dated activity, with its lead units, supporting units and deadline as printed.
SEED_002_ACTIVITIES = [
    ("B.I.2.1.a", {"ban-tuyen-giao-tinh-uy"}, {"cac-don-vi-co-lien-quan"}, "Quý II/2023"),
    ("B.I.2.1.b", {"ban-tuyen-giao-tinh-uy"}, {"cac-don-vi-co-lien-quan"}, "Quý III/2023"),
    ("B.I.2.1.c", {"dai-phat-thanh-truyen-hinh-tinh"}, {"cac-don-vi-co-lien-quan"}, "Quý III/2023"),
    ("B.I.2.1.d", {"ban-tuyen-giao-tinh-uy", "so-thong-tin-va-truyen-thong", "so-van-hoa-the-thao-va-du-lich",
                   "van-phong-ubnd-tinh"}, {"cac-don-vi-co-lien-quan"}, "Tháng 12/2023"),
    ("B.I.2.1.e", {"dai-phat-thanh-truyen-hinh-tinh", "bao-lai-chau", "cong-ttdt-tinh", "trang-tt-dien-tu-tinh-uy"},
     {"cac-don-vi-co-lien-quan"}, "Từ tháng 12/2023 đến tháng 12/2024"),
    ("B.I.2.1.g", {"so-van-hoa-the-thao-va-du-lich"}, {"hoi-van-hoc-nghe-thuat-tinh", "cac-to-chuc-ca-nhan-co-lien-quan"},
     "Dự kiến từ tháng 5 đến tháng 12/2023 (hoàn thành trước 30/10/2023)"),
    ("B.I.2.1.h", {"hoi-van-hoc-nghe-thuat-tinh"}, {"cac-to-chuc-ca-nhan-co-lien-quan"},
     "Dự kiến từ tháng 6 đến tháng 12/2023"),
    ("B.I.2.2", {"bao-lai-chau"}, {"cac-don-vi-co-lien-quan"}, "Ra trước lễ kỷ niệm 05 ngày"),
    ("B.II.1", {"so-lao-dong-thuong-binh-va-xa-hoi", "ubnd-cac-huyen-thanh-pho"}, {"cac-don-vi-co-lien-quan"},
     "Năm 2023"),
    ("B.II.2.a", {"so-noi-vu"}, {"cap-uy-chinh-quyen-cac-cap"}, "Tháng 5/2023"),
    ("B.II.2.b", {"so-noi-vu"}, {"cac-don-vi-co-lien-quan"}, "Tháng 11/2023"),
    ("B.II.2.c", {"so-noi-vu"}, {"cac-don-vi-co-lien-quan"}, "Tháng 10/2023"),
    ("B.III.1.1", {"so-lao-dong-thuong-binh-va-xa-hoi"}, {"cac-don-vi-co-lien-quan"}, "Dự kiến trong tháng 01/2024"),
    ("B.III.1.2", {"so-van-hoa-the-thao-va-du-lich"},
     {"trung-tam-hanh-chinh-chinh-tri-tinh", "bo-chi-huy-quan-su-tinh", "cac-don-vi-co-lien-quan"},
     "Dự kiến trong tháng 01/2024"),
    ("B.III.1.3", {"van-phong-tinh-uy", "ban-tuyen-giao-tinh-uy"}, {"cac-don-vi-co-lien-quan"},
     "Dự kiến trong tháng 01/2024"),
    ("B.III.1.4", {"ban-to-chuc-ky-niem-20-nam"}, {"cac-don-vi-co-lien-quan"}, "Dự kiến trong tháng 01/2024"),
]


@pytest.mark.parametrize(("section", "lead", "support", "when"), SEED_002_ACTIVITIES,
                         ids=[row[0] for row in SEED_002_ACTIVITIES])
def test_seed_002_dated_activities(dataset, section, lead, support, when) -> None:
    tasks = [t for t in dataset.plans["kh-btc-20-nam-chia-tach"].tasks if t.section == section]
    assert len(tasks) == 1, [t.title for t in tasks]
    task = tasks[0]
    assert {r.id for r in task.lead} == lead
    assert {r.id for r in task.support} == support
    assert task.when is not None and task.when.render() == when


def test_seed_002_unit_duties_cover_every_unit_of_section_d(dataset) -> None:
    plan = dataset.plans["kh-btc-20-nam-chia-tach"]
    sections = Counter(t.section.split(".")[0] + "." + t.section.split(".")[1]
                       for t in plan.tasks if t.section and t.section.startswith("D."))
    assert {f"D.{i}" for i in range(1, 27)} <= set(sections)
    dated = [t for t in plan.tasks if t.section and t.section.startswith("B.") and t.when is not None]
    assert len(dated) > 20 - 4  # 18 dated activities in B (B.II.3, B.III.1.5 and B.III.2 carry no time)
    assert len({r.id for t in plan.tasks for r in t.lead}) >= 25


@pytest.mark.parametrize(("event_id", "n", "kind", "window"), [
    ("ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho", 70, "năm tròn", "22/11/2023 - 17/12/2023"),
    ("ky-niem-20-nam-chia-tach-thanh-lap-tinh", 20, "năm tròn", "01/12/2023 - 10/01/2024"),
    ("ky-niem-70-nam-chien-thang-dien-bien-phu", 70, "năm tròn", "17/4/2024 - 12/5/2024"),
    ("ky-niem-115-nam-thanh-lap-tinh", 115, "năm lẻ 5", "08/6/2024 - 03/7/2024"),
    ("ky-niem-75-nam-thanh-lap-dang-bo-tinh", 75, "năm lẻ 5", "20/9/2024 - 15/10/2024"),
    ("ky-niem-133-nam-ngay-sinh-chu-tich-ho-chi-minh", 133, None, "29/4/2023 - 24/5/2023"),
])
def test_anniversaries_and_focus_windows(dataset, event_id, n, kind, window) -> None:
    event = dataset.events[event_id]
    assert event_number(event, dataset) == n
    assert anniversary_class(n) == kind
    assert focus_window(event, dataset).render() == window


def test_organisation_changes_of_2025_are_recorded(dataset) -> None:
    orgs = dataset.organisations
    assert [r.id for r in orgs["ban-tuyen-giao-tinh-uy"].successor] == ["ban-tuyen-giao-va-dan-van-tinh-uy"]
    assert format_date(orgs["ban-tuyen-giao-va-dan-van-tinh-uy"].valid_from) == "01/3/2025"
    for old in ("bao-lai-chau", "dai-phat-thanh-truyen-hinh-tinh"):
        assert [r.id for r in orgs[old].successor] == ["bao-va-phat-thanh-truyen-hinh-lai-chau"]


def test_no_seed_mistake_is_copied() -> None:
    for path in (ROOT / "data").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert "12/12/2023-12/12/2023" not in text and "12/12/2023 - 12/12/2023" not in text, path
        for typo in ("tiến tiến", "Biên phỏng", "thi đưa", "tố công tác", "nguồn diện", "kỷ niệm kỷ niệm"):
            assert typo not in text, (path, typo)
