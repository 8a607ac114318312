//! The demo's reporters and their accreditations: one in every state, dated
//! around today (the completed ones in the past, one under way now).

use super::press_spec::{AccSpec, AccStep as S, Close};
use crate::domain::review::ReviewStatus::{Cleared, Concerns};

/// `full name|nationality|passport|outlet|outlet country|position|press card|email|phone`
/// (press cards of the Ministry of Foreign Affairs; the domestic reporter has none).
pub(super) const REPORTERS: &str = "
    Tanaka Hiroshi|JP|TK2291834|NHK|JP|reporter|BNG-2026-0142|hiroshi.tanaka@nhk.example|+81 90 3312 7781
    Suzuki Kenji|JP|TR5517203|NHK|JP|camera|BNG-2026-0143||
    Watanabe Yuki|JP|TZ0938125|NHK|JP|producer|BNG-2025-0871|yuki.watanabe@nhk.example|
    Kim Min-jun|KR|M48213977|Yonhap|KR|reporter|BNG-2026-0087|minjun.kim@yonhap.example|+82 10 4821 3397
    Park Ji-hoon|KR|M71140365|Yonhap|KR|camera|BNG-2026-0088||
    Lee Seo-yeon|KR|M20576418|Yonhap|KR|producer|BNG-2025-0654|seoyeon.lee@yonhap.example|
    Camille Durand|FR|21AF48862|AFP|FR|reporter|BNG-2026-0019|camille.durand@afp.example|+33 6 12 48 77 30
    Julien Moreau|FR|19CK20574|AFP|FR|camera|BNG-2026-0020||+84 912 406 118
    Antoine Lefèvre|FR|22BD93017|AFP|FR|camera|BNG-2026-0231||
    Wang Lei|CN|E63358120|Xinhua|CN|reporter|BNG-2026-0055|wanglei@xinhua.example|+84 936 118 502
    Zhang Wei|CN|E70126649|Xinhua|CN|camera|BNG-2026-0056||
    Li Na|CN|EH2054871|Xinhua|CN|producer|BNG-2026-0198|lina@xinhua.example|
    James Whitfield|GB|548213960|Reuters|GB|reporter|BNG-2026-0110|james.whitfield@reuters.example|+44 7700 900418
    Oliver Bennett|GB|531907724|Reuters|GB|camera|BNG-2026-0111||
    Nguyễn Thị Mai Hương|VN||Báo Hòa Bình|VN|reporter||maihuong@baohoabinh.example|+84 983 215 640
";

const ESCORT_LONG: &str = "Trần Văn Long – Phòng Thông tin đối ngoại, Sở Ngoại vụ";
const ESCORT_TAM: &str = "Lê Thị Thanh Tâm – Phòng Lãnh sự, Sở Ngoại vụ";
const ESCORT_THANG: &str = "Bùi Đức Thắng – Phòng Thông tin đối ngoại, Sở Ngoại vụ";

const CLEARED: S = S::Review(
    Cleared,
    "Đã xác minh nhân thân, không phát hiện vấn đề về an ninh.",
);

pub(super) const ACCREDITATIONS: &[AccSpec] = &[
    AccSpec {
        referral: "1184/BNG-TTBC",
        referral_lead: 18,
        reporters: &["Tanaka Hiroshi", "Suzuki Kenji"],
        topics: "Du lịch cộng đồng Mai Châu; văn hóa dân tộc Thái và Mường",
        places: &["Bản Lác, Mai Châu", "Khu du lịch suối khoáng Kim Bôi"],
        starts_in: -75,
        days: 5,
        escort: ESCORT_LONG,
        activities: "
            0|14:00-17:00|visit|Khảo sát bản du lịch cộng đồng|Bản Lác, Mai Châu|xã Chiềng Châu|huyện Mai Châu|Đại diện UBND huyện Mai Châu
            1|08:00-11:30|filming|Ghi hình nghề dệt thổ cẩm của đồng bào Thái|Bản Lác, Mai Châu|xã Chiềng Châu|huyện Mai Châu|
            1|19:30-21:30|filming|Ghi hình chương trình văn nghệ dân tộc Thái|Bản Lác, Mai Châu|xã Chiềng Châu|huyện Mai Châu|
            2|09:00-11:00|interview|Phỏng vấn chủ homestay và du khách|Bản Lác, Mai Châu|xã Chiềng Châu|huyện Mai Châu|
            4|08:30-11:00|filming|Ghi hình khu du lịch suối khoáng|Khu du lịch suối khoáng Kim Bôi||huyện Kim Bôi|Đại diện Sở Văn hóa, Thể thao và Du lịch
        ",
        steps: &[S::Submit, S::Plan(5), CLEARED, S::Approve],
        close: Some(Close::Complete),
    },
    AccSpec {
        referral: "1530/BNG-TTBC",
        referral_lead: 15,
        reporters: &["Wang Lei", "Zhang Wei"],
        topics: "Thủy điện Hòa Bình: vận hành, dự án mở rộng và điều tiết lũ cho hạ du",
        places: &[
            "Nhà máy Thủy điện Hòa Bình",
            "Đài tưởng niệm Thủy điện Hòa Bình",
            "Hồ Hòa Bình (cảng Thung Nai)",
        ],
        starts_in: -40,
        days: 4,
        escort: ESCORT_THANG,
        activities: "
            0|14:00-16:30|visit|Tìm hiểu lịch sử xây dựng công trình|Đài tưởng niệm Thủy điện Hòa Bình||TP Hòa Bình|
            1|08:30-11:30|filming|Ghi hình gian máy và phòng điều khiển trung tâm|Nhà máy Thủy điện Hòa Bình||TP Hòa Bình|Đại diện Công ty Thủy điện Hòa Bình
            1|14:00-15:30|interview|Phỏng vấn lãnh đạo Công ty Thủy điện Hòa Bình|Nhà máy Thủy điện Hòa Bình||TP Hòa Bình|
            2|08:00-11:00|filming|Ghi hình lòng hồ và đời sống người dân tái định cư|Hồ Hòa Bình (cảng Thung Nai)|xã Thung Nai|huyện Cao Phong|
        ",
        steps: &[S::Submit, S::Plan(4), CLEARED, S::Approve],
        close: Some(Close::Complete),
    },
    AccSpec {
        referral: "2217/BNG-TTBC",
        referral_lead: 12,
        reporters: &["James Whitfield", "Oliver Bennett"],
        topics: "Đầu tư KCN Lương Sơn và chuỗi cung ứng linh kiện điện tử",
        places: &["KCN Lương Sơn", "Nhà máy Thủy điện Hòa Bình"],
        starts_in: -2,
        days: 6,
        escort: ESCORT_TAM,
        activities: "
            0|09:00-11:30|filming|Ghi hình dây chuyền sản xuất của doanh nghiệp FDI|KCN Lương Sơn||huyện Lương Sơn|Ban Quản lý các khu công nghiệp tỉnh
            1|09:00-11:00|visit|Thăm Nhà máy Thủy điện Hòa Bình|Nhà máy Thủy điện Hòa Bình||TP Hòa Bình|
            3|14:00-16:00|interview|Phỏng vấn người lao động tại KCN|KCN Lương Sơn||huyện Lương Sơn|
        ",
        steps: &[S::Submit, S::Plan(3), CLEARED, S::Approve],
        close: Some(Close::Revoke(
            "Nhóm phóng viên tự ý ghi hình bằng thiết bị bay tại khu vực đập chính Nhà máy Thủy điện Hòa Bình, ngoài nội dung được cấp phép.",
        )),
    },
    AccSpec {
        referral: "2240/BNG-TTBC",
        referral_lead: 10,
        reporters: &["Camille Durand", "Julien Moreau"],
        topics: "Văn hóa Mường; du lịch Mai Châu và Kim Bôi",
        places: &[
            "Bảo tàng Không gian văn hóa Mường",
            "Khu du lịch suối khoáng Kim Bôi",
            "Bản Lác, Mai Châu",
        ],
        starts_in: -1,
        days: 5,
        escort: ESCORT_LONG,
        activities: "
            0|14:00-17:00|visit|Tìm hiểu không gian văn hóa Mường|Bảo tàng Không gian văn hóa Mường||TP Hòa Bình|
            1|08:00-11:00|filming|Ghi hình khu du lịch suối khoáng|Khu du lịch suối khoáng Kim Bôi||huyện Kim Bôi|
            3|07:30-17:00|filming|Ghi hình đời sống và nghề dệt thổ cẩm|Bản Lác, Mai Châu|xã Chiềng Châu|huyện Mai Châu|Đại diện UBND huyện Mai Châu
            4|07:00-10:00|filming|Ghi hình bổ sung chợ phiên sáng|Bản Lác, Mai Châu|xã Chiềng Châu|huyện Mai Châu|
        ",
        // The last activity is added after the review: the police look again.
        steps: &[S::Submit, S::Plan(3), CLEARED, S::Approve, S::Plan(1)],
        close: None,
    },
    AccSpec {
        referral: "2301/BNG-TTBC",
        referral_lead: 14,
        reporters: &["Kim Min-jun", "Park Ji-hoon"],
        topics: "Đầu tư của doanh nghiệp Hàn Quốc tại KCN Lương Sơn",
        places: &["KCN Lương Sơn", "Nhà máy Thủy điện Hòa Bình"],
        starts_in: 12,
        days: 4,
        escort: ESCORT_THANG,
        activities: "
            0|13:30-16:30|filming|Ghi hình nhà máy của doanh nghiệp Hàn Quốc|KCN Lương Sơn||huyện Lương Sơn|Ban Quản lý các khu công nghiệp tỉnh
            2|08:30-10:30|visit|Thăm Nhà máy Thủy điện Hòa Bình|Nhà máy Thủy điện Hòa Bình||TP Hòa Bình|
            3|08:30-11:00|interview|Phỏng vấn chuyên gia và công nhân|KCN Lương Sơn||huyện Lương Sơn|
        ",
        steps: &[S::Submit, S::Plan(3), CLEARED, S::Approve],
        close: None,
    },
    AccSpec {
        referral: "2288/BNG-TTBC",
        referral_lead: 9,
        reporters: &["Antoine Lefèvre"],
        topics: "Ghi hình toàn cảnh công trình thủy điện Hòa Bình bằng thiết bị bay",
        places: &["Nhà máy Thủy điện Hòa Bình"],
        starts_in: 8,
        days: 3,
        escort: ESCORT_TAM,
        activities: "
            0|06:00-09:00|filming|Ghi hình toàn cảnh đập và hồ chứa bằng flycam|Nhà máy Thủy điện Hòa Bình||TP Hòa Bình|
        ",
        steps: &[
            S::Submit,
            S::Plan(1),
            S::Review(
                Concerns,
                "Đề nghị ghi hình bằng thiết bị bay khu vực đập chính – mục tiêu bảo vệ; không đủ điều kiện cấp phép.",
            ),
            S::Reject(
                "Nội dung ghi hình bằng thiết bị bay tại công trình trọng điểm không được chấp thuận.",
            ),
        ],
        close: None,
    },
    AccSpec {
        referral: "2356/BNG-TTBC",
        referral_lead: 24,
        reporters: &["Li Na"],
        topics: "Du lịch Mai Châu; lễ hội truyền thống của đồng bào Thái",
        places: &["Bản Lác, Mai Châu", "Khu du lịch suối khoáng Kim Bôi"],
        starts_in: 20,
        days: 3,
        escort: ESCORT_LONG,
        activities: "
            0|14:00-17:00|filming|Ghi hình cảnh quan thung lũng Mai Châu|Bản Lác, Mai Châu|xã Chiềng Châu|huyện Mai Châu|
            2|08:30-11:00|visit|Tham quan khu du lịch suối khoáng|Khu du lịch suối khoáng Kim Bôi||huyện Kim Bôi|
        ",
        steps: &[S::Submit, S::Plan(2)],
        close: None,
    },
    AccSpec {
        referral: "2379/BNG-TTBC",
        referral_lead: 30,
        reporters: &["Lee Seo-yeon"],
        topics: "Du lịch nghỉ dưỡng suối khoáng Kim Bôi",
        places: &["Khu du lịch suối khoáng Kim Bôi"],
        starts_in: 25,
        days: 3,
        escort: ESCORT_THANG,
        activities: "
            1|09:00-11:30|filming|Ghi hình dịch vụ nghỉ dưỡng suối khoáng|Khu du lịch suối khoáng Kim Bôi||huyện Kim Bôi|
        ",
        steps: &[
            S::Submit,
            S::Plan(1),
            CLEARED,
            S::Approve,
            S::Cancel("Hãng Yonhap đề nghị hủy chương trình do thay đổi kế hoạch công tác."),
        ],
        close: None,
    },
    AccSpec {
        referral: "2415/BNG-TTBC",
        referral_lead: 40,
        reporters: &["Watanabe Yuki", "Tanaka Hiroshi"],
        topics: "Đầu tư của doanh nghiệp Nhật Bản tại KCN Lương Sơn; thủy điện Hòa Bình",
        places: &["KCN Lương Sơn", "Nhà máy Thủy điện Hòa Bình"],
        starts_in: 35,
        days: 5,
        escort: ESCORT_TAM,
        activities: "",
        steps: &[],
        close: None,
    },
];
