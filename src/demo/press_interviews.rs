//! The demo's interviews with provincial leaders: with foreign reporters
//! (each covered by its accreditation on the day) and with the domestic press.

use super::press_spec::{InterviewSpec, InterviewStep as I};

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
    interview(
        PCT_SU,
        "NHK",
        &["Tanaka Hiroshi", "Suzuki Kenji"],
        Some("1184/BNG-TTBC"),
        (-72, "15:00-16:00"),
        (
            "Phát triển du lịch cộng đồng gắn với bảo tồn văn hóa dân tộc Thái ở Mai Châu",
            "1. Tỉnh có chính sách gì hỗ trợ người dân làm du lịch cộng đồng?\n\
          2. Làm thế nào để giữ gìn bản sắc văn hóa khi lượng khách tăng nhanh?\n\
          3. Tỉnh mong muốn hợp tác gì với các đối tác Nhật Bản về du lịch?",
        ),
        &[I::Approve, I::Complete],
    ),
    interview(
        CHU_TICH,
        "NHK",
        &["Tanaka Hiroshi"],
        Some("1184/BNG-TTBC"),
        (-72, "09:00-10:00"),
        (
            "Định hướng phát triển du lịch tỉnh Hòa Bình đến năm 2030",
            "1. Du lịch giữ vị trí nào trong cơ cấu kinh tế của tỉnh?\n\
          2. Tỉnh kêu gọi nhà đầu tư Nhật Bản vào những dự án du lịch nào?",
        ),
        &[
            I::Approve,
            I::Cancel(
                "Đồng chí Chủ tịch UBND tỉnh có lịch công tác đột xuất; đồng chí Phó Chủ tịch Đinh Công Sứ trả lời phỏng vấn thay.",
            ),
        ],
    ),
    interview(
        CHU_TICH,
        "Xinhua",
        &["Wang Lei", "Zhang Wei"],
        Some("1530/BNG-TTBC"),
        (-37, "09:00-10:00"),
        (
            "Vai trò của Nhà máy Thủy điện Hòa Bình với phát triển kinh tế – xã hội của tỉnh",
            "1. Dự án mở rộng Nhà máy Thủy điện Hòa Bình mang lại lợi ích gì cho tỉnh?\n\
          2. Công tác ổn định đời sống người dân vùng lòng hồ được thực hiện thế nào?\n\
          3. Tỉnh phối hợp điều tiết lũ cho hạ du ra sao?",
        ),
        &[I::Approve, I::Complete],
    ),
    interview(
        PCT_CHUONG,
        "Báo Hòa Bình",
        &["Nguyễn Thị Mai Hương"],
        None,
        (-20, "14:00-15:00"),
        (
            "Kết quả thu hút đầu tư vào các khu công nghiệp của tỉnh",
            "1. Những dự án lớn nào đã được cấp phép đầu tư trong năm?\n\
          2. Tỉnh tháo gỡ khó khăn về giải phóng mặt bằng tại KCN Lương Sơn thế nào?",
        ),
        &[I::Approve, I::Complete],
    ),
    interview(
        PCT_SU,
        "AFP",
        &["Camille Durand", "Julien Moreau"],
        Some("2240/BNG-TTBC"),
        (1, "09:30-10:30"),
        (
            "Bảo tồn và phát huy giá trị văn hóa Mường",
            "1. Tỉnh bảo tồn tiếng Mường, mo Mường và cồng chiêng Mường như thế nào?\n\
          2. Văn hóa Mường được gắn với phát triển du lịch ra sao?\n\
          3. Tỉnh có kế hoạch hợp tác văn hóa với các địa phương của Pháp không?",
        ),
        &[I::Approve],
    ),
    // Approved before the accreditation was revoked: the interview is flagged.
    interview(
        CHU_TICH,
        "Reuters",
        &["James Whitfield"],
        Some("2217/BNG-TTBC"),
        (2, "15:00-16:00"),
        (
            "Môi trường đầu tư và chuỗi cung ứng tại KCN Lương Sơn",
            "1. Tỉnh thu hút các nhà đầu tư điện tử vào KCN Lương Sơn bằng những chính sách gì?\n\
          2. Hạ tầng giao thông kết nối với Hà Nội sẽ được cải thiện thế nào?",
        ),
        &[I::Approve],
    ),
    interview(
        PCT_CHUONG,
        "Yonhap",
        &["Kim Min-jun", "Park Ji-hoon"],
        Some("2301/BNG-TTBC"),
        (13, "15:00-16:00"),
        (
            "Hợp tác đầu tư giữa tỉnh Hòa Bình và các doanh nghiệp Hàn Quốc",
            "1. Có bao nhiêu doanh nghiệp Hàn Quốc đang hoạt động tại tỉnh?\n\
          2. Tỉnh hỗ trợ nhà đầu tư Hàn Quốc về thủ tục và lao động như thế nào?\n\
          3. Những lĩnh vực nào tỉnh ưu tiên kêu gọi đầu tư từ Hàn Quốc?",
        ),
        &[],
    ),
];
