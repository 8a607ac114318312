//! The demo's interviews with provincial leaders and its press conferences:
//! a periodic one each quarter of the current year and some ad-hoc ones.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::press_spec::{
    Conference, ConferenceStep as C, InterviewSpec, InterviewStep as I,
};
use crate::domain::press::{ConferenceKind, quarter_of};

const CHU_TICH: (&str, &str) = ("Bùi Văn Khánh", "Chủ tịch UBND tỉnh");
const PCT_CHUONG: (&str, &str) = ("Nguyễn Văn Chương", "Phó Chủ tịch UBND tỉnh");
const PCT_SU: (&str, &str) = ("Đinh Công Sứ", "Phó Chủ tịch UBND tỉnh");
const PHONG_KHACH: &str = "Phòng khách, Trụ sở UBND tỉnh";

const fn interview(
    (interviewee, position): (&'static str, &'static str),
    outlet: &'static str,
    reporters: &'static [&'static str],
    accreditation: Option<&'static str>,
    (starts_in, hours): (i64, &'static str),
    (topics, questions): (&'static str, &'static str),
    steps: &'static [I],
) -> InterviewSpec {
    InterviewSpec {
        interviewee,
        position,
        outlet,
        reporters,
        accreditation,
        starts_in,
        hours,
        place: PHONG_KHACH,
        topics,
        questions,
        steps,
    }
}

pub(super) const INTERVIEWS: &[InterviewSpec] = &[
    interview(PCT_SU, "NHK", &["Tanaka Hiroshi", "Suzuki Kenji"], Some("1184/BNG-TTBC"),
        (-72, "15:00-16:00"),
        ("Phát triển du lịch cộng đồng gắn với bảo tồn văn hóa dân tộc Thái ở Mai Châu",
         "1. Tỉnh có chính sách gì hỗ trợ người dân làm du lịch cộng đồng?\n\
          2. Làm thế nào để giữ gìn bản sắc văn hóa khi lượng khách tăng nhanh?\n\
          3. Tỉnh mong muốn hợp tác gì với các đối tác Nhật Bản về du lịch?"),
        &[I::Approve, I::Complete]),
    interview(CHU_TICH, "NHK", &["Tanaka Hiroshi"], Some("1184/BNG-TTBC"),
        (-72, "09:00-10:00"),
        ("Định hướng phát triển du lịch tỉnh Hòa Bình đến năm 2030",
         "1. Du lịch giữ vị trí nào trong cơ cấu kinh tế của tỉnh?\n\
          2. Tỉnh kêu gọi nhà đầu tư Nhật Bản vào những dự án du lịch nào?"),
        &[I::Approve, I::Cancel(
            "Đồng chí Chủ tịch UBND tỉnh có lịch công tác đột xuất; đồng chí Phó Chủ tịch Đinh Công Sứ trả lời phỏng vấn thay.",
        )]),
    interview(CHU_TICH, "Xinhua", &["Wang Lei", "Zhang Wei"], Some("1530/BNG-TTBC"),
        (-37, "09:00-10:00"),
        ("Vai trò của Nhà máy Thủy điện Hòa Bình với phát triển kinh tế – xã hội của tỉnh",
         "1. Dự án mở rộng Nhà máy Thủy điện Hòa Bình mang lại lợi ích gì cho tỉnh?\n\
          2. Công tác ổn định đời sống người dân vùng lòng hồ được thực hiện thế nào?\n\
          3. Tỉnh phối hợp điều tiết lũ cho hạ du ra sao?"),
        &[I::Approve, I::Complete]),
    interview(PCT_CHUONG, "Báo Hòa Bình", &["Nguyễn Thị Mai Hương"], None,
        (-20, "14:00-15:00"),
        ("Kết quả thu hút đầu tư vào các khu công nghiệp của tỉnh",
         "1. Những dự án lớn nào đã được cấp phép đầu tư trong năm?\n\
          2. Tỉnh tháo gỡ khó khăn về giải phóng mặt bằng tại KCN Lương Sơn thế nào?"),
        &[I::Approve, I::Complete]),
    interview(PCT_SU, "AFP", &["Camille Durand", "Julien Moreau"], Some("2240/BNG-TTBC"),
        (1, "09:30-10:30"),
        ("Bảo tồn và phát huy giá trị văn hóa Mường",
         "1. Tỉnh bảo tồn tiếng Mường, mo Mường và cồng chiêng Mường như thế nào?\n\
          2. Văn hóa Mường được gắn với phát triển du lịch ra sao?\n\
          3. Tỉnh có kế hoạch hợp tác văn hóa với các địa phương của Pháp không?"),
        &[I::Approve]),
    // Approved before the accreditation was revoked: the interview is flagged.
    interview(CHU_TICH, "Reuters", &["James Whitfield"], Some("2217/BNG-TTBC"),
        (2, "15:00-16:00"),
        ("Môi trường đầu tư và chuỗi cung ứng tại KCN Lương Sơn",
         "1. Tỉnh thu hút các nhà đầu tư điện tử vào KCN Lương Sơn bằng những chính sách gì?\n\
          2. Hạ tầng giao thông kết nối với Hà Nội sẽ được cải thiện thế nào?"),
        &[I::Approve]),
    interview(PCT_CHUONG, "Yonhap", &["Kim Min-jun", "Park Ji-hoon"], Some("2301/BNG-TTBC"),
        (13, "15:00-16:00"),
        ("Hợp tác đầu tư giữa tỉnh Hòa Bình và các doanh nghiệp Hàn Quốc",
         "1. Có bao nhiêu doanh nghiệp Hàn Quốc đang hoạt động tại tỉnh?\n\
          2. Tỉnh hỗ trợ nhà đầu tư Hàn Quốc về thủ tục và lao động như thế nào?\n\
          3. Những lĩnh vực nào tỉnh ưu tiên kêu gọi đầu tư từ Hàn Quốc?"),
        &[]),
];

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
        &["Bùi Văn Khánh – Chủ tịch UBND tỉnh", "Giám đốc Công ty Thủy điện Hòa Bình"],
        Some("Wang Lei"),
        &[C::Announce, C::Register, C::Complete],
    ),
    (
        "Họp báo thông tin công tác phòng, chống thiên tai và ứng phó mưa lũ",
        1,
        "14:00-15:30",
        "Tình hình mưa lũ, sạt lở; phương án sơ tán dân; khắc phục hậu quả thiên tai",
        &["Đinh Công Sứ – Phó Chủ tịch UBND tỉnh", "Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh"],
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
        &[C::Cancel("Lùi thời gian tổ chức sự kiện; sẽ thông báo lịch mới sau.")],
    ),
];

const HELD: &[C] = &[C::Announce, C::Register, C::Complete];
const ANNOUNCED: &[C] = &[C::Announce, C::Register];
const PLANNED: &[C] = &[];
const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn weekday(mut day: NaiveDate, forward: bool) -> NaiveDate {
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = if forward { day + TimeDelta::days(1) } else { day - TimeDelta::days(1) };
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
    let ad_hoc = AD_HOC
        .iter()
        .map(|&(title, starts_in, hours, topics, speakers, foreign, steps)| Conference {
            title: title.to_owned(),
            kind: ConferenceKind::AdHoc,
            day: today + TimeDelta::days(starts_in),
            hours,
            topics: topics.to_owned(),
            speakers,
            foreign,
            steps,
        });
    let mut all: Vec<Conference> = periodic(today).chain(ad_hoc).collect();
    all.sort_by_key(|c| c.day);
    all
}
