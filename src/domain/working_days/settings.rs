//! What the calendar is given besides the law: the government's swaps (and
//! those announced so far), and what a deployment decides — the six-day
//! week, the holidays added after this code was written.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A change the government announces for one day: a working day off
/// (`working: false`) or a weekly rest day worked (`working: true`). It
/// overrides every rule for that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swap {
    pub date: NaiveDate,
    pub working: bool,
    pub note: String,
}

/// What a deployment decides rather than the law.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarSettings {
    /// Saturday is a working day. Off by default: state offices work a
    /// 40-hour, Monday–Friday week (Quyết định 188/1999/QĐ-TTg).
    pub saturday_working: bool,
    /// Holidays added after this code was written; each gets substitute
    /// days like the Labour Code's own. A one-off day off with no
    /// substitute is a [`Swap`].
    pub extra_holidays: Vec<ExtraHoliday>,
}

/// A holiday a deployment adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraHoliday {
    pub when: ExtraDate,
    pub vi: String,
    pub en: String,
}

/// When an [`ExtraHoliday`] falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraDate {
    /// One day.
    Once(NaiveDate),
    /// The same solar day every year from `since` on (a 29/2 only in leap years).
    Yearly { month: u32, day: u32, since: i32 },
}

impl ExtraHoliday {
    /// 24/11, Ngày Văn hóa Việt Nam, from 2026. The Politburo chose it as a
    /// paid holiday (Nghị quyết 80-NQ/TW) and the Government's action plan
    /// (Nghị quyết 30/NQ-CP, 2026) has Art. 112(1) amended to add it; until
    /// the amendment is in force a deployment opts in with this setting.
    /// The `holidays` package already lists it from 2026.
    pub fn culture_day() -> ExtraHoliday {
        ExtraHoliday {
            when: ExtraDate::Yearly {
                month: 11,
                day: 24,
                since: 2026,
            },
            vi: "Ngày Văn hóa Việt Nam".to_owned(),
            en: "Vietnamese Culture Day".to_owned(),
        }
    }

    pub(super) fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match self.when {
            ExtraDate::Once(date) => (date.year() == year).then_some(date),
            ExtraDate::Yearly { month, day, since } if year >= since => {
                NaiveDate::from_ymd_opt(year, month, day)
            }
            ExtraDate::Yearly { .. } => None,
        }
    }
}

/// The swaps the government has announced for civil servants (công chức,
/// viên chức), newest last. Days the rules already give are not repeated
/// here; the comments say which.
pub fn known_swaps() -> Vec<Swap> {
    const SWAPS: &[(i32, u32, u32, bool, &str)] = &[
        // 2025, Văn bản 8726/VPCP-KGVX (26/11/2024) on Tết and the year's
        // holidays, carried out by Thông báo 6150/TB-BLĐTBXH (29/11/2024).
        // Tết Ất Tỵ, 25/1–2/2, needs no swap: 28/1–1/2 are the five Tết
        // days and Saturday 1/2 moves to Monday 27/1 by the Tết rule.
        // 30/4–4/5: Friday 2/5 off for Saturday 26/4.
        (2025, 4, 26, true, "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025"),
        (
            2025,
            5,
            2,
            false,
            "Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025",
        ),
        // Quốc khánh 2025, 30/8–2/9: 1/9 is the adjacent day, no swap.
        //
        // 2026, Văn bản 12729/VPCP-KGVX (25/12/2025), the Deputy Prime
        // Minister agreeing to Bộ Nội vụ's plan: 1/1–4/1, Friday 2/1 off for
        // Saturday 10/1.
        (
            2026,
            1,
            2,
            false,
            "Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026",
        ),
        (2026, 1, 10, true, "Làm bù cho ngày nghỉ thứ Sáu 02/01/2026"),
        // Tết Bính Ngọ, 14/2–22/2, needs no swap: the five Tết days are
        // Monday 16/2 (29 tháng Chạp) to Friday 20/2 (mùng 4), with a
        // weekend on each side (Bộ Nội vụ's plan, approved October 2025).
        // Giỗ Tổ falls on Sunday 26/4: Monday 27/4 is its substitute day.
        // Quốc khánh, 29/8–2/9: 1/9 is the adjacent day; Monday 31/8 off for
        // Saturday 22/8. Source: the `holidays` package (0.109), citing
        // thuvienphapluat.vn; the government document's number is not
        // confirmed here.
        (2026, 8, 22, true, "Làm bù cho ngày nghỉ thứ Hai 31/08/2026"),
        (
            2026,
            8,
            31,
            false,
            "Nghỉ hoán đổi, làm bù thứ Bảy 22/08/2026",
        ),
    ];
    SWAPS
        .iter()
        .filter_map(|&(year, month, day, working, note)| {
            Some(Swap {
                date: NaiveDate::from_ymd_opt(year, month, day)?,
                working,
                note: note.to_owned(),
            })
        })
        .collect()
}
