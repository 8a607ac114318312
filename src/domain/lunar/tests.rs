//! Unit tests of `domain::lunar`.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn tet_in_vietnam_not_china() {
    // Vietnam's Tết where UTC+7 and UTC+8 split (China's: 1985-02-20,
    // 2007-02-18, 2030-02-03): the new moon fell between 23:00 and 24:00
    // Hà Nội time.
    assert_eq!(new_year(1985), Some(date(1985, 1, 21)));
    assert_eq!(new_year(2007), Some(date(2007, 2, 17)));
    assert_eq!(new_year(2030), Some(date(2030, 2, 2)));
    assert_eq!(new_year(2053), Some(date(2053, 2, 18)));
}

#[test]
fn tet_known_years() {
    assert_eq!(new_year(2023), Some(date(2023, 1, 22)));
    assert_eq!(new_year(2024), Some(date(2024, 2, 10)));
    assert_eq!(new_year(2025), Some(date(2025, 1, 29)));
    assert_eq!(new_year(2026), Some(date(2026, 2, 17)));
    assert_eq!(new_year(2027), Some(date(2027, 2, 6)));
}

#[test]
fn hung_kings_day() {
    assert_eq!(
        to_solar(LunarDate::new(2026, 3, 10)),
        Some(date(2026, 4, 26))
    );
    assert_eq!(
        to_solar(LunarDate::new(2025, 3, 10)),
        Some(date(2025, 4, 7))
    );
}

#[test]
fn leap_months() {
    // tháng 2 nhuận Quý Mão, tháng 4 nhuận Canh Tý, tháng 6 nhuận Ất Tỵ.
    let leap_2 = LunarDate {
        year: 2023,
        month: 2,
        day: 1,
        leap: true,
    };
    assert_eq!(to_lunar(date(2023, 3, 22)), Some(leap_2));
    assert_eq!(to_solar(leap_2), Some(date(2023, 3, 22)));
    assert_eq!(leap_month(2023), Some(2));
    assert_eq!(leap_month(2020), Some(4));
    assert_eq!(leap_month(2025), Some(6));
    assert_eq!(leap_month(2026), None);
    // A leap flag on a month that is not the leap month names no day.
    assert_eq!(
        to_solar(LunarDate {
            year: 2023,
            month: 3,
            day: 1,
            leap: true
        }),
        None
    );
    assert_eq!(
        to_solar(LunarDate {
            year: 2026,
            month: 2,
            day: 1,
            leap: true
        }),
        None
    );
}

#[test]
fn last_day_of_year() {
    // Ất Tỵ's month 12 has 29 days: 2026-02-16 is 29 tháng Chạp, the
    // day before Tết, and "30 tháng Chạp" does not exist.
    assert_eq!(
        to_lunar(date(2026, 2, 16)),
        Some(LunarDate::new(2025, 12, 29))
    );
    assert_eq!(to_solar(LunarDate::new(2025, 12, 30)), None);
    assert_eq!(
        to_lunar(date(2026, 2, 17)),
        Some(LunarDate::new(2026, 1, 1))
    );
}

#[test]
fn out_of_range_is_none() {
    assert_eq!(to_lunar(date(1899, 12, 31)), None);
    assert_eq!(to_lunar(date(2101, 1, 1)), None);
    assert_eq!(to_lunar(NaiveDate::MIN), None);
    assert_eq!(to_lunar(NaiveDate::MAX), None);
    assert_eq!(to_solar(LunarDate::new(i32::MAX, 1, 1)), None);
    assert_eq!(to_solar(LunarDate::new(i32::MIN, 1, 1)), None);
    assert_eq!(to_solar(LunarDate::new(2026, 13, 1)), None);
    assert_eq!(to_solar(LunarDate::new(2026, 1, 0)), None);
    assert_eq!(to_solar(LunarDate::new(2026, 1, 31)), None);
    assert_eq!(to_lunar(date(1900, 1, 1)).map(|l| l.year), Some(1899));
    assert!(to_lunar(date(2100, 12, 31)).is_some());
}

/// Every solar day of the range maps to a lunar day that maps back, days
/// run 1, 2, … within a month, and months have 29 or 30 days.
#[test]
fn round_trip_every_day() {
    let mut day = date(FIRST_YEAR, 1, 1);
    let last = date(LAST_YEAR, 12, 31);
    let mut previous: Option<LunarDate> = None;
    while day <= last {
        let lunar = to_lunar(day).unwrap();
        assert_eq!(to_solar(lunar), Some(day), "{day} -> {lunar:?}");
        if let Some(p) = previous {
            if lunar.day == 1 {
                assert!(p.day == 29 || p.day == 30, "{day}: month of {} days", p.day);
            } else {
                assert_eq!(
                    (lunar.year, lunar.month, lunar.leap),
                    (p.year, p.month, p.leap)
                );
                assert_eq!(lunar.day, p.day + 1);
            }
        }
        previous = Some(lunar);
        day = day.succ_opt().unwrap();
    }
}
