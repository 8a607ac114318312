//! Demo: provincial delegations going to Japan, Laos, Korea and China; their
//! programme abroad is kept in the local zone.

use super::spec::{Spec, Step::*};
use crate::domain::delegation::{Direction::Outgoing, Recommendation};
use crate::domain::review::ReviewStatus::Cleared;

pub(super) const SPECS: &[Spec] = &[
    Spec {
        direction: Outgoing,
        title: "Đoàn công tác của tỉnh xúc tiến đầu tư tại tỉnh Shizuoka (Nhật Bản)",
        purpose: "Tổ chức hội nghị xúc tiến đầu tư của tỉnh tại Shizuoka, ký biên bản ghi nhớ hợp tác kinh tế và tìm hiểu doanh nghiệp công nghiệp hỗ trợ.",
        partner: "Chính quyền tỉnh Shizuoka; JETRO Shizuoka",
        countries: &["JP"],
        host: "Sở Kế hoạch và Đầu tư",
        starts_in: -70,
        days: 6,
        members: "
            head|m|1970-08-15|VN|A1203458|Nguyễn Văn Chương|UBND tỉnh Hòa Bình|Phó Chủ tịch
            deputy_head|m|1974-03-02|VN|A1298814|Lê Văn Thành|Sở Kế hoạch và Đầu tư|Giám đốc
            member|f|1982-06-20|VN|A1377205|Nguyễn Thị Lan|Sở Kế hoạch và Đầu tư|Trưởng phòng Kinh tế đối ngoại
            member|m|1976-10-09|VN|A1410367|Bùi Đức Long|Ban Quản lý các khu công nghiệp tỉnh|Trưởng ban
            interpreter|f|1989-01-17|VN|A1455920|Vũ Thị Hạnh|Sở Ngoại vụ|Chuyên viên, phiên dịch tiếng Nhật
        ",
        items: "
            0|08:30-14:30||travel|Bay Hà Nội – Tokyo|Sân bay quốc tế Nội Bài|Huyện Sóc Sơn, Hà Nội||Toàn đoàn|
            1|09:30-11:00|Asia/Tokyo|meeting|Làm việc với Đại sứ quán Việt Nam tại Nhật Bản|Đại sứ quán Việt Nam tại Nhật Bản|50-11 Motoyoyogi-cho, Shibuya-ku, Tokyo||Toàn đoàn|
            1|14:00-16:00|Asia/Tokyo|travel|Đi tàu Shinkansen Tokyo – Shizuoka|Ga Tokyo|Chiyoda-ku, Tokyo||Toàn đoàn|
            2|10:00-12:00|Asia/Tokyo|meeting|Hội kiến Thống đốc tỉnh Shizuoka|Trụ sở Chính quyền tỉnh Shizuoka|9-6 Otemachi, Aoi-ku, Shizuoka||Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương; Giám đốc Sở Kế hoạch và Đầu tư Lê Văn Thành|
            2|14:00-15:00|Asia/Tokyo|signing|Ký biên bản ghi nhớ hợp tác kinh tế với tỉnh Shizuoka|Trụ sở Chính quyền tỉnh Shizuoka|9-6 Otemachi, Aoi-ku, Shizuoka||Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương|
            3|13:30-17:00|Asia/Tokyo|other|Hội nghị xúc tiến đầu tư tỉnh Hòa Bình tại Shizuoka|Hotel Associa Shizuoka|Kurogane-cho, Aoi-ku, Shizuoka||Toàn đoàn|
            3|18:00-20:00|Asia/Tokyo|meal|Tiệc giao lưu với doanh nghiệp Shizuoka|Hotel Associa Shizuoka|Kurogane-cho, Aoi-ku, Shizuoka||Toàn đoàn|
            4|09:00-12:00|Asia/Tokyo|site_visit|Tham quan doanh nghiệp công nghiệp hỗ trợ tại Hamamatsu|Khu công nghiệp Miyakoda|Kita-ku, Hamamatsu||Trưởng ban Ban Quản lý các khu công nghiệp tỉnh Bùi Đức Long|
            5|10:00-16:30|Asia/Tokyo|travel|Bay Tokyo – Hà Nội|Sân bay quốc tế Narita|Narita, Chiba||Toàn đoàn|
        ",
        steps: &[
            Submit,
            Appraise(
                Recommendation::Approve,
                "Nằm trong kế hoạch đối ngoại năm đã được phê duyệt; thành phần và kinh phí phù hợp. Đề nghị đồng ý.",
            ),
            Approve("985/QĐ-UBND"),
            Complete,
            Report(
                "Đoàn đã hoàn thành chương trình: hội kiến Thống đốc tỉnh Shizuoka, ký biên bản ghi nhớ hợp tác kinh tế, tổ chức hội nghị xúc tiến đầu tư với 86 doanh nghiệp Nhật Bản tham dự. 3 doanh nghiệp đăng ký khảo sát KCN Lương Sơn trong quý tới (Sở Kế hoạch và Đầu tư theo dõi). Kinh phí thực hiện trong dự toán.",
            ),
        ],
    },
    Spec {
        direction: Outgoing,
        title: "Đoàn đại biểu tỉnh làm việc với tỉnh Hủa Phăn (Lào), ký biên bản hợp tác năm",
        purpose: "Hội đàm với lãnh đạo tỉnh Hủa Phăn, ký biên bản hợp tác năm giữa hai tỉnh, trao đổi hợp tác du lịch cộng đồng và quản lý biên giới.",
        partner: "Chính quyền tỉnh Hủa Phăn (Houaphanh)",
        countries: &["LA"],
        host: "Sở Ngoại vụ",
        starts_in: 18,
        days: 4,
        members: "
            head|m|1969-12-03|VN|A1502276|Quách Văn Ngọc|UBND tỉnh Hòa Bình|Phó Chủ tịch
            deputy_head|f|1973-05-28|VN|A1519043|Hà Thị Minh Nguyệt|Sở Ngoại vụ|Giám đốc
            member|m|1978-02-11|VN|A1533718|Hà Công Tuấn|UBND huyện Mai Châu|Chủ tịch
            member|m|1980-07-07|VN|A1547602|Đinh Văn Khánh|Công an tỉnh|Phó Trưởng phòng An ninh đối ngoại
            interpreter|m|1991-10-21|VN|A1560385|Lò Văn Sơn|Sở Ngoại vụ|Chuyên viên, phiên dịch tiếng Lào
        ",
        items: "
            0|06:00-12:00||travel|Di chuyển đường bộ Hòa Bình – cửa khẩu Na Mèo|Cửa khẩu quốc tế Na Mèo|Huyện Quan Sơn, Thanh Hóa||Toàn đoàn|Lò Văn Sơn (Sở Ngoại vụ)
            0|13:00-17:30|Asia/Vientiane|travel|Nhập cảnh Lào, di chuyển đến Sầm Nưa|Cửa khẩu quốc tế Nậm Xôi|Huyện Viêng Xay, tỉnh Hủa Phăn||Toàn đoàn|Lò Văn Sơn (Sở Ngoại vụ)
            1|08:30-11:00|Asia/Vientiane|meeting|Hội đàm với lãnh đạo tỉnh Hủa Phăn|Trụ sở Văn phòng tỉnh Hủa Phăn|Thị xã Sầm Nưa, tỉnh Hủa Phăn||Phó Chủ tịch UBND tỉnh Quách Văn Ngọc; Giám đốc Sở Ngoại vụ Hà Thị Minh Nguyệt|Lò Văn Sơn (Sở Ngoại vụ)
            1|11:00-11:45|Asia/Vientiane|signing|Ký biên bản hợp tác năm giữa hai tỉnh|Trụ sở Văn phòng tỉnh Hủa Phăn|Thị xã Sầm Nưa, tỉnh Hủa Phăn||Phó Chủ tịch UBND tỉnh Quách Văn Ngọc|Lò Văn Sơn (Sở Ngoại vụ)
            1|18:00-20:30|Asia/Vientiane|meal|Chiêu đãi của lãnh đạo tỉnh Hủa Phăn|Nhà khách tỉnh Hủa Phăn|Thị xã Sầm Nưa, tỉnh Hủa Phăn||Toàn đoàn|Lò Văn Sơn (Sở Ngoại vụ)
            2|08:00-11:30|Asia/Vientiane|site_visit|Thăm Khu di tích lịch sử cách mạng Lào Viêng Xay|Khu di tích hang Viêng Xay|Huyện Viêng Xay, tỉnh Hủa Phăn||Toàn đoàn|Lò Văn Sơn (Sở Ngoại vụ)
            2|14:00-16:00|Asia/Vientiane|working_session|Trao đổi hợp tác du lịch cộng đồng|Sở Thông tin, Văn hóa và Du lịch tỉnh Hủa Phăn|Thị xã Sầm Nưa, tỉnh Hủa Phăn||Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Lò Văn Sơn (Sở Ngoại vụ)
            3|07:00-10:30|Asia/Vientiane|travel|Di chuyển Sầm Nưa – cửa khẩu Nậm Xôi|Cửa khẩu quốc tế Nậm Xôi|Huyện Viêng Xay, tỉnh Hủa Phăn||Toàn đoàn|Lò Văn Sơn (Sở Ngoại vụ)
            3|11:30-18:00||travel|Nhập cảnh Việt Nam, về Hòa Bình|Cửa khẩu quốc tế Na Mèo|Huyện Quan Sơn, Thanh Hóa||Toàn đoàn|Lò Văn Sơn (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Cleared,
                "Thiếu tá Nguyễn Hữu Thắng, Phòng Quản lý xuất nhập cảnh",
                "Đoàn có cán bộ Công an tỉnh tham gia; đã phối hợp Đồn Biên phòng cửa khẩu Na Mèo. Không có vấn đề.",
            ),
            Appraise(
                Recommendation::Approve,
                "Hoạt động thường niên theo thỏa thuận hợp tác giữa hai tỉnh. Đề nghị đồng ý.",
            ),
            Approve("1533/QĐ-UBND"),
        ],
    },
    Spec {
        direction: Outgoing,
        title: "Đoàn công tác của tỉnh thăm tỉnh Gyeonggi (Hàn Quốc) và làm việc với doanh nghiệp",
        purpose: "Đáp lễ chuyến thăm của tỉnh Gyeonggi; trao đổi về đưa lao động thời vụ và mời gọi doanh nghiệp Hàn Quốc đầu tư vào tỉnh.",
        partner: "Chính quyền tỉnh Gyeonggi; Cơ quan Xúc tiến kinh doanh Gyeonggi (GBSA)",
        countries: &["KR"],
        host: "Sở Kế hoạch và Đầu tư",
        starts_in: 75,
        days: 5,
        members: "
            head|m|1974-03-02|VN|A1298814|Lê Văn Thành|Sở Kế hoạch và Đầu tư|Giám đốc
            member|f|1982-06-20|VN|A1377205|Nguyễn Thị Lan|Sở Kế hoạch và Đầu tư|Trưởng phòng Kinh tế đối ngoại
            member|m|1984-11-14|VN|A1588104|Trần Minh Quân|Sở Lao động – Thương binh và Xã hội|Phó Trưởng phòng Việc làm
            interpreter|f|1992-09-09|VN|A1593377|Phạm Thu Trang|Sở Ngoại vụ|Chuyên viên, phiên dịch tiếng Hàn
        ",
        items: "
            0|23:30-06:00||travel|Bay Hà Nội – Seoul (Incheon)|Sân bay quốc tế Nội Bài|Huyện Sóc Sơn, Hà Nội||Toàn đoàn|
            1|14:00-16:00|Asia/Seoul|meeting|Làm việc với Chính quyền tỉnh Gyeonggi|Trụ sở Chính quyền tỉnh Gyeonggi|Suwon, Gyeonggi||Giám đốc Sở Kế hoạch và Đầu tư Lê Văn Thành|
            2|09:30-12:00|Asia/Seoul|site_visit|Tham quan Khu công nghệ Pangyo|Pangyo Techno Valley|Seongnam, Gyeonggi||Toàn đoàn|
            3|10:00-12:00|Asia/Seoul|working_session|Làm việc với GBSA về lao động thời vụ|Cơ quan Xúc tiến kinh doanh Gyeonggi|Suwon, Gyeonggi||Toàn đoàn|
            4|10:30-15:00|Asia/Seoul|travel|Bay Seoul – Hà Nội|Sân bay quốc tế Incheon|Incheon||Toàn đoàn|
        ",
        steps: &[],
    },
    Spec {
        direction: Outgoing,
        title: "Đoàn doanh nghiệp của tỉnh dự Hội chợ Trung Quốc – Nam Á tại Côn Minh (Trung Quốc)",
        purpose: "Giới thiệu nông sản của tỉnh (cam Cao Phong, chè, mật ong) tại hội chợ; làm việc với Sở Thương mại tỉnh Vân Nam về xuất khẩu chính ngạch.",
        partner: "Sở Thương mại tỉnh Vân Nam; Ban tổ chức Hội chợ Trung Quốc – Nam Á",
        countries: &["CN"],
        host: "Sở Công thương",
        starts_in: 30,
        days: 5,
        members: "
            head|m|1972-09-26|VN|A1611537|Trần Văn Bình|Sở Công thương|Phó Giám đốc
            member|f|1980-04-18|VN|A1624490|Đinh Thị Thu Hà|Trung tâm Khuyến công và Xúc tiến thương mại tỉnh|Giám đốc Trung tâm
            member|m|1983-01-05|VN|A1637268|Xa Văn Minh|Sở Công thương|Trưởng phòng Quản lý thương mại
            interpreter|f|1990-06-30|VN|A1650733|Hoàng Thị Ngân|Sở Ngoại vụ|Chuyên viên, phiên dịch tiếng Trung
        ",
        items: "
            0|10:00-12:30||travel|Bay Hà Nội – Côn Minh|Sân bay quốc tế Nội Bài|Huyện Sóc Sơn, Hà Nội||Toàn đoàn|
            1|09:00-12:00|Asia/Shanghai|other|Dự khai mạc Hội chợ Trung Quốc – Nam Á|Trung tâm Hội chợ Triển lãm Quốc tế Côn Minh|Côn Minh, Vân Nam||Toàn đoàn|
            1|13:30-17:00|Asia/Shanghai|other|Gian hàng nông sản của tỉnh tại hội chợ|Trung tâm Hội chợ Triển lãm Quốc tế Côn Minh|Côn Minh, Vân Nam||Toàn đoàn|
            2|09:00-11:00|Asia/Shanghai|working_session|Làm việc với Sở Thương mại tỉnh Vân Nam|Sở Thương mại tỉnh Vân Nam|Côn Minh, Vân Nam||Phó Giám đốc Sở Công thương Trần Văn Bình|
            3|09:00-12:00|Asia/Shanghai|meeting|Gặp gỡ doanh nghiệp nhập khẩu nông sản Vân Nam|Trung tâm Hội chợ Triển lãm Quốc tế Côn Minh|Côn Minh, Vân Nam||Toàn đoàn|
            4|14:30-16:30|Asia/Shanghai|travel|Bay Côn Minh – Hà Nội|Sân bay quốc tế Trường Thủy|Côn Minh, Vân Nam||Toàn đoàn|
        ",
        steps: &[
            Submit,
            Appraise(
                Recommendation::Approve,
                "Phù hợp chương trình xúc tiến thương mại năm; đề nghị đồng ý.",
            ),
            Cancel(
                "Ban tổ chức lùi thời gian hội chợ; Sở Công thương sẽ đăng ký lại khi có lịch mới.",
            ),
        ],
    },
];
