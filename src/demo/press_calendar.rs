//! The demo's press conferences: a periodic one each quarter of the current
//! year and some ad-hoc ones.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::press_spec::{Conference, ConferenceStep as C};
use crate::domain::press::{ConferenceKind, quarter_of};

/// The domestic press at every press conference: (outlet, name).
pub(super) const DOMESTIC_ATTENDEES: &[(&str, &str)] = &[
    ("Báo Hòa Bình", "Nguyễn Thị Mai Hương"),
    ("Đài PT-TH Hòa Bình", "Bùi Quang Huy"),
    ("VTV – Đài Truyền hình Việt Nam", "Trần Hải Đăng"),
];

pub(super) const VENUE: &str = "Hội trường UBND tỉnh";

const PERIODIC_SPEAKERS: &[&str] = &[
    "Nguyễn Văn Chương – Phó Chủ tịch UBND tỉnh (chủ trì)",
    "Chánh Văn phòng UBND tỉnh",
    "Giám đốc Sở Kế hoạch và Đầu tư",
    "Giám đốc Sở Thông tin và Truyền thông",
];

/// Ad-hoc press conferences: title, days from today, hours, topics,
/// speakers, foreign attendee, steps.
type AdHoc = (
    &'static str,
    i64,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
    &'static [C],
);

const AD_HOC: &[AdHoc] = &[
    (
        "Họp báo thông tin về dự án mở rộng Nhà máy Thủy điện Hòa Bình",
        -38,
        "14:00-15:30",
        "Tiến độ dự án mở rộng; phối hợp điều tiết lũ; đời sống người dân vùng lòng hồ",
        &[
            "Bùi Văn Khánh – Chủ tịch UBND tỉnh",
            "Giám đốc Công ty Thủy điện Hòa Bình",
        ],
        Some("Wang Lei"),
        &[C::Announce, C::Register, C::Complete],
    ),
    (
        "Họp báo thông tin công tác phòng, chống thiên tai và ứng phó mưa lũ",
        1,
        "14:00-15:30",
        "Tình hình mưa lũ, sạt lở; phương án sơ tán dân; khắc phục hậu quả thiên tai",
        &[
            "Đinh Công Sứ – Phó Chủ tịch UBND tỉnh",
            "Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh",
        ],
        Some("Camille Durand"),
        &[C::Announce, C::Register],
    ),
    (
        "Họp báo giới thiệu Tuần Văn hóa – Du lịch Mường",
        20,
        "09:00-10:30",
        "Chương trình Tuần Văn hóa – Du lịch Mường; các hoạt động trải nghiệm cho du khách",
        &["Giám đốc Sở Văn hóa, Thể thao và Du lịch"],
        None,
        // Called off before it was announced: never in the public feed.
        &[C::Cancel(
            "Lùi thời gian tổ chức sự kiện; sẽ thông báo lịch mới sau.",
        )],
    ),
];

const HELD: &[C] = &[C::Announce, C::Register, C::Complete];
const ANNOUNCED: &[C] = &[C::Announce, C::Register];
const PLANNED: &[C] = &[];
const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn weekday(mut day: NaiveDate, forward: bool) -> NaiveDate {
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = if forward {
            day + TimeDelta::days(1)
        } else {
            day - TimeDelta::days(1)
        };
    }
    day
}

/// The periodic press conference of each quarter of today's year: held in
/// past quarters; in the current one announced when it is near, else planned.
fn periodic(today: NaiveDate) -> impl Iterator<Item = Conference> {
    let year = today.year();
    (0..4u32).filter_map(move |q| {
        let (first, last) = quarter_of(NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)?);
        let mut day = weekday(last - TimeDelta::days(10), false);
        if first <= today && today <= last && day < today + TimeDelta::days(3) {
            // The quarter's date has passed: it is held a few days from now.
            let soon = (today + TimeDelta::days(3)).min(last);
            day = match weekday(soon, true) {
                d if d <= last => d,
                _ => weekday(soon, false),
            };
        }
        let steps = if day < today {
            HELD
        } else if day <= today + TimeDelta::days(14) {
            ANNOUNCED
        } else {
            PLANNED
        };
        let (roman, next) = (ROMAN[q as usize], ROMAN[((q + 1) % 4) as usize]);
        Some(Conference {
            title: format!("Họp báo định kỳ quý {roman} năm {year}"),
            kind: ConferenceKind::Periodic,
            day,
            hours: "08:30-10:30",
            topics: format!(
                "Tình hình kinh tế – xã hội, quốc phòng – an ninh quý {roman}; \
                 nhiệm vụ trọng tâm quý {next}; trả lời câu hỏi của phóng viên"
            ),
            speakers: PERIODIC_SPEAKERS,
            foreign: None,
            steps,
        })
    })
}

/// Every demo press conference, in order of date.
pub(super) fn conferences(today: NaiveDate) -> Vec<Conference> {
    let ad_hoc = AD_HOC.iter().map(
        |&(title, starts_in, hours, topics, speakers, foreign, steps)| Conference {
            title: title.to_owned(),
            kind: ConferenceKind::AdHoc,
            day: today + TimeDelta::days(starts_in),
            hours,
            topics: topics.to_owned(),
            speakers,
            foreign,
            steps,
        },
    );
    let mut all: Vec<Conference> = periodic(today).chain(ad_hoc).collect();
    all.sort_by_key(|c| c.day);
    all
}
