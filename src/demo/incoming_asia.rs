//! Demo: delegations coming to the province from Japan, Korea, Laos and China.

use super::spec::{Spec, Step::*};
use crate::domain::delegation::{Direction::Incoming, Recommendation};
use crate::domain::review::ReviewStatus::Cleared;

pub(super) const SPECS: &[Spec] = &[
    Spec {
        direction: Incoming,
        title: "Đoàn doanh nghiệp tỉnh Shizuoka (Nhật Bản) xúc tiến đầu tư",
        purpose: "Tìm hiểu môi trường đầu tư, khảo sát Khu công nghiệp Lương Sơn và làm việc với lãnh đạo tỉnh về hợp tác trong chế biến nông sản và công nghiệp hỗ trợ.",
        partner: "Chính quyền tỉnh Shizuoka và Hiệp hội Doanh nghiệp Shizuoka",
        countries: &["JP"],
        host: "Sở Kế hoạch và Đầu tư",
        starts_in: 12,
        days: 3,
        members: "
            head|m|1964-05-17|JP|TZ1048825|Nagai Kenji|Chính quyền tỉnh Shizuoka|Phó Thống đốc
            deputy_head|m|1971-11-02|JP|TR6630914|Sugiyama Takeshi|Hiệp hội Doanh nghiệp Shizuoka|Chủ tịch Hiệp hội
            member|f|1983-02-25|JP|TK2287046|Mochizuki Yuka|Công ty TNHH Suzuyo Shoji|Trưởng phòng Phát triển kinh doanh
            member|m|1979-08-09|JP|TS5102273|Hattori Daisuke|Công ty CP Tamura Seiki|Giám đốc nhà máy
            interpreter|f|1990-06-14|VN|C4418207|Phạm Thị Ngọc Ánh|Văn phòng JETRO Hà Nội|Phiên dịch viên
        ",
        items: "
            0|08:00-10:00||travel|Di chuyển Hà Nội – Hòa Bình|Quốc lộ 6||Huyện Lương Sơn||Hoàng Minh Đức (Sở Ngoại vụ)
            0|10:30-12:00||meeting|Hội kiến lãnh đạo UBND tỉnh|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương; Giám đốc Sở Kế hoạch và Đầu tư Lê Văn Thành|Hoàng Minh Đức (Sở Ngoại vụ)
            0|12:00-13:30||meal|Tiệc chiêu đãi của UBND tỉnh|Nhà khách UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương|Hoàng Minh Đức (Sở Ngoại vụ)
            0|14:30-17:00||working_session|Làm việc với Sở Kế hoạch và Đầu tư về môi trường đầu tư|Phòng họp Sở Kế hoạch và Đầu tư||Thành phố Hòa Bình|Giám đốc Sở Kế hoạch và Đầu tư Lê Văn Thành|Hoàng Minh Đức (Sở Ngoại vụ)
            1|08:30-11:30||site_visit|Khảo sát Khu công nghiệp Lương Sơn|KCN Lương Sơn|Xã Hòa Sơn, huyện Lương Sơn|Huyện Lương Sơn|Trưởng ban Ban Quản lý các khu công nghiệp tỉnh Bùi Đức Long|Hoàng Minh Đức (Sở Ngoại vụ)
            1|14:00-16:30||site_visit|Tham quan Nhà máy Thủy điện Hòa Bình|Nhà máy Thủy điện Hòa Bình||Thành phố Hòa Bình||Bùi Thị Hồng Nhung (Sở Ngoại vụ)
            2|09:00-10:30||signing|Ký biên bản ghi nhớ hợp tác xúc tiến đầu tư|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương|Hoàng Minh Đức (Sở Ngoại vụ)
            2|11:00-13:00||travel|Rời Hòa Bình về Hà Nội|Quốc lộ 6||Thành phố Hòa Bình||Hoàng Minh Đức (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Cleared,
                "Đại úy Vũ Đức Anh, Phòng An ninh đối ngoại",
                "Đã xác minh 5 thành viên qua Cục Quản lý xuất nhập cảnh, không có vấn đề. Bố trí lực lượng bảo vệ khi đoàn vào khu vực Nhà máy Thủy điện Hòa Bình.",
            ),
            Appraise(
                Recommendation::Approve,
                "Mục đích rõ ràng, phù hợp chủ trương thu hút đầu tư Nhật Bản; chương trình hợp lý. Đề nghị UBND tỉnh đồng ý tiếp đoàn.",
            ),
            Approve("1487/QĐ-UBND"),
        ],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn chuyên gia JICA khảo sát dự án phát triển sinh kế vùng hồ Hòa Bình",
        purpose: "Khảo sát, đánh giá nhu cầu cho dự án hỗ trợ sinh kế và du lịch cộng đồng vùng lòng hồ Hòa Bình (vốn ODA không hoàn lại).",
        partner: "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA) – Văn phòng Việt Nam",
        countries: &["JP"],
        host: "Sở Kế hoạch và Đầu tư",
        starts_in: -9,
        days: 4,
        members: "
            head|m|1969-09-21|JP|TH3395126|Yamamoto Hiroshi|JICA Việt Nam|Phó Trưởng đại diện
            member|f|1986-04-03|JP|TK7720418|Kobayashi Aya|JICA Việt Nam|Chuyên gia phát triển nông thôn
            member|m|1982-12-15|JP|TR0915534|Nakamura Shota|Công ty Tư vấn Koei Research|Chuyên gia du lịch cộng đồng
            interpreter|f|1992-01-28|VN|C7731092|Lê Thị Thanh Tâm|JICA Việt Nam|Cán bộ chương trình, phiên dịch
        ",
        items: "
            0|09:00-11:30||working_session|Làm việc với Sở Kế hoạch và Đầu tư về đề xuất dự án|Phòng họp Sở Kế hoạch và Đầu tư||Thành phố Hòa Bình|Giám đốc Sở Kế hoạch và Đầu tư Lê Văn Thành|Quách Văn Toàn (Sở Ngoại vụ)
            0|14:00-16:30||site_visit|Khảo sát các xã ven hồ Hòa Bình|Cảng Thung Nai|Xã Thung Nai, huyện Cao Phong|Huyện Cao Phong|Phó Chủ tịch UBND huyện Cao Phong|Quách Văn Toàn (Sở Ngoại vụ)
            1|08:00-11:30||site_visit|Khảo sát mô hình du lịch cộng đồng|Bản Lác|Xã Chiềng Châu, huyện Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Quách Văn Toàn (Sở Ngoại vụ)
            1|14:00-16:00||working_session|Làm việc với UBND huyện Mai Châu|Trụ sở UBND huyện Mai Châu|Thị trấn Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Quách Văn Toàn (Sở Ngoại vụ)
            2|08:30-11:00||site_visit|Khảo sát thung lũng Mai Châu và các hộ làm homestay|Thung lũng Mai Châu||Huyện Mai Châu||Quách Văn Toàn (Sở Ngoại vụ)
            3|09:00-11:00||meeting|Họp tổng kết đợt khảo sát với lãnh đạo tỉnh|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương|Quách Văn Toàn (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Cleared,
                "Đại úy Vũ Đức Anh, Phòng An ninh đối ngoại",
                "Đoàn quen thuộc (đã làm việc tại tỉnh năm trước); không có vấn đề.",
            ),
            Appraise(
                Recommendation::Approve,
                "Khảo sát phục vụ chuẩn bị dự án ODA đã có trong danh mục vận động của tỉnh. Đề nghị đồng ý.",
            ),
            Approve("1352/QĐ-UBND"),
            Complete,
        ],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn đại biểu tỉnh Gyeonggi (Hàn Quốc) thăm và làm việc",
        purpose: "Trao đổi về hợp tác hữu nghị giữa hai địa phương, đưa lao động thời vụ và giới thiệu doanh nghiệp Gyeonggi đầu tư vào tỉnh.",
        partner: "Chính quyền tỉnh Gyeonggi",
        countries: &["KR"],
        host: "Sở Kế hoạch và Đầu tư",
        starts_in: 33,
        days: 3,
        members: "
            head|m|1966-07-30|KR|M48210537|Kim Dong-hyun|Chính quyền tỉnh Gyeonggi|Phó Tỉnh trưởng phụ trách kinh tế
            member|f|1984-03-11|KR|M73305128|Lee Seo-yeon|Chính quyền tỉnh Gyeonggi|Trưởng ban Hợp tác quốc tế
            member|m|1977-10-05|KR||Park Ji-hoon|Cơ quan Xúc tiến kinh doanh Gyeonggi (GBSA)|Giám đốc bộ phận Đông Nam Á
            member|f|1989-05-19|KR||Choi Mi-rae|Chính quyền tỉnh Gyeonggi|Chuyên viên
            interpreter|f|1991-08-22|VN|C2096614|Nguyễn Thị Minh Thư|Công ty Dịch thuật Hanul|Phiên dịch tiếng Hàn
        ",
        items: "
            0|14:00-16:00||meeting|Hội kiến lãnh đạo UBND tỉnh|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương|Bùi Thị Hồng Nhung (Sở Ngoại vụ)
            1|08:30-11:00||site_visit|Tham quan Khu công nghiệp Lương Sơn|KCN Lương Sơn|Xã Hòa Sơn, huyện Lương Sơn|Huyện Lương Sơn|Trưởng ban Ban Quản lý các khu công nghiệp tỉnh Bùi Đức Long|Bùi Thị Hồng Nhung (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Return(
                "Bổ sung số hộ chiếu của ông Park Ji-hoon và bà Choi Mi-rae; chương trình ngày thứ ba còn trống, đề nghị hoàn thiện lịch làm việc và ghi rõ cán bộ đón tiếp.",
            ),
        ],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn đại biểu tỉnh Hủa Phăn (Lào) học tập kinh nghiệm phát triển du lịch cộng đồng",
        purpose: "Học tập mô hình du lịch cộng đồng của đồng bào Thái ở Mai Châu, trao đổi kết quả thực hiện biên bản hợp tác năm giữa hai tỉnh.",
        partner: "Chính quyền tỉnh Hủa Phăn (Houaphanh), CHDCND Lào",
        countries: &["LA"],
        host: "UBND huyện Mai Châu",
        starts_in: -48,
        days: 3,
        members: "
            head|m|1968-02-14|LA|P0482215|Bounthanh Phommachanh|Chính quyền tỉnh Hủa Phăn|Phó Tỉnh trưởng
            deputy_head|f|1975-06-08|LA|P0917736|Souksavanh Keomany|Sở Thông tin, Văn hóa và Du lịch tỉnh Hủa Phăn|Giám đốc Sở
            member|m|1980-11-23|LA|P1240968|Vanhxay Sisouphanh|Huyện Viêng Xay, tỉnh Hủa Phăn|Phó Huyện trưởng
            interpreter|m|1987-09-02|LA|P1655421|Thongsavanh Inthavong|Văn phòng tỉnh Hủa Phăn|Phiên dịch tiếng Việt
        ",
        items: "
            0|10:00-11:30||meeting|Đón đoàn và làm việc với UBND huyện Mai Châu|Trụ sở UBND huyện Mai Châu|Thị trấn Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Đinh Thị Thu Trang (Sở Ngoại vụ)
            0|14:00-17:00||site_visit|Tham quan homestay và nghề dệt thổ cẩm Bản Lác|Bản Lác|Xã Chiềng Châu, huyện Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Đinh Thị Thu Trang (Sở Ngoại vụ)
            0|18:30-20:30||meal|Giao lưu văn nghệ và cơm tối cùng bà con bản Lác|Nhà văn hóa Bản Lác|Xã Chiềng Châu, huyện Mai Châu|Huyện Mai Châu||Đinh Thị Thu Trang (Sở Ngoại vụ)
            1|08:00-11:30||site_visit|Tham quan thung lũng Mai Châu|Thung lũng Mai Châu||Huyện Mai Châu||Đinh Thị Thu Trang (Sở Ngoại vụ)
            1|14:00-16:30||site_visit|Tham quan khu du lịch suối khoáng nóng Kim Bôi|Khu du lịch suối khoáng nóng Kim Bôi|Xã Hạ Bì, huyện Kim Bôi|Huyện Kim Bôi||Đinh Thị Thu Trang (Sở Ngoại vụ)
            2|08:30-10:30||meeting|Hội kiến Phó Chủ tịch UBND tỉnh|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương; Giám đốc Sở Ngoại vụ Hà Thị Minh Nguyệt|Đinh Thị Thu Trang (Sở Ngoại vụ)
            2|10:45-11:45||site_visit|Tham quan Bảo tàng tỉnh|Bảo tàng tỉnh Hòa Bình||Thành phố Hòa Bình||Đinh Thị Thu Trang (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Cleared,
                "Thiếu tá Nguyễn Hữu Thắng, Phòng Quản lý xuất nhập cảnh",
                "Đoàn chính thức của tỉnh bạn; đã thông báo Công an huyện Mai Châu phối hợp bảo đảm an ninh.",
            ),
            Appraise(
                Recommendation::Approve,
                "Hoạt động trong khuôn khổ biên bản hợp tác hai tỉnh; đề nghị đồng ý, UBND huyện Mai Châu chủ trì đón tiếp.",
            ),
            Approve("1021/QĐ-UBND"),
            Complete,
            Report(
                "Đoàn đã thực hiện đầy đủ chương trình tại huyện Mai Châu và làm việc với lãnh đạo tỉnh. Hai bên thống nhất trao đổi đoàn cán bộ du lịch cộng đồng trong năm tới; tỉnh Hủa Phăn mời huyện Mai Châu dự Lễ hội văn hóa các dân tộc tại Sầm Nưa. Không phát sinh vấn đề về an ninh, lễ tân.",
            ),
        ],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn Sở Thương mại tỉnh Vân Nam (Trung Quốc) xúc tiến thương mại và đầu tư",
        purpose: "Giới thiệu doanh nghiệp Vân Nam tìm hiểu cơ hội đầu tư chế biến nông sản tại các khu công nghiệp của tỉnh; trao đổi về xuất khẩu cam, bưởi.",
        partner: "Sở Thương mại tỉnh Vân Nam",
        countries: &["CN"],
        host: "Ban Quản lý các khu công nghiệp tỉnh",
        starts_in: -1,
        days: 3,
        members: "
            head|m|1970-04-19|CN|EJ4472109|Zhang Wei|Sở Thương mại tỉnh Vân Nam|Phó Giám đốc Sở
            member|f|1985-10-30|CN|EJ5803617|Li Na|Sở Thương mại tỉnh Vân Nam|Trưởng phòng Hợp tác kinh tế với ASEAN
            member|m|1976-01-07|CN|E91266043|Wang Jun|Công ty TNHH Nông sản Vân Nam Hồng Hà|Tổng giám đốc
            interpreter|f|1993-07-12|CN|EK1137285|Lu Mingzhu|Sở Thương mại tỉnh Vân Nam|Phiên dịch tiếng Việt
        ",
        items: "
            0|09:00-11:00||working_session|Làm việc với Ban Quản lý các khu công nghiệp tỉnh|Phòng họp Ban Quản lý các khu công nghiệp tỉnh||Thành phố Hòa Bình|Trưởng ban Ban Quản lý các khu công nghiệp tỉnh Bùi Đức Long|Bùi Thị Hồng Nhung (Sở Ngoại vụ)
            0|14:00-16:30||site_visit|Khảo sát mặt bằng tại KCN Lương Sơn|KCN Lương Sơn|Xã Hòa Sơn, huyện Lương Sơn|Huyện Lương Sơn|Trưởng ban Ban Quản lý các khu công nghiệp tỉnh Bùi Đức Long|Bùi Thị Hồng Nhung (Sở Ngoại vụ)
            1|08:30-11:00||site_visit|Tham quan vùng cam Cao Phong|Hợp tác xã cam Cao Phong|Thị trấn Cao Phong|Huyện Cao Phong||Bùi Thị Hồng Nhung (Sở Ngoại vụ)
            1|14:00-15:30||site_visit|Tham quan Bảo tàng tỉnh|Bảo tàng tỉnh Hòa Bình||Thành phố Hòa Bình||Bùi Thị Hồng Nhung (Sở Ngoại vụ)
            1|18:00-20:00||meal|Cơm tối do Ban Quản lý các khu công nghiệp chủ trì|Nhà khách UBND tỉnh||Thành phố Hòa Bình|Trưởng ban Ban Quản lý các khu công nghiệp tỉnh Bùi Đức Long|Bùi Thị Hồng Nhung (Sở Ngoại vụ)
            2|09:00-10:30||meeting|Hội kiến Phó Chủ tịch UBND tỉnh|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương|Bùi Thị Hồng Nhung (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Cleared,
                "Đại úy Vũ Đức Anh, Phòng An ninh đối ngoại",
                "Không phát hiện vấn đề. Đề nghị Sở Ngoại vụ báo ngay nếu chương trình thay đổi.",
            ),
            Appraise(
                Recommendation::Approve,
                "Phù hợp kế hoạch xúc tiến thương mại năm; đề nghị đồng ý.",
            ),
            Approve("1466/QĐ-UBND"),
            // The museum visit is dropped after approval: the police see the change.
            CancelItem(3),
        ],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn KOICA (Hàn Quốc) khảo sát dự án cấp nước sạch nông thôn huyện Mai Châu",
        purpose: "Khảo sát hiện trạng và nhu cầu cấp nước sạch tại các xã vùng cao huyện Mai Châu để đề xuất dự án viện trợ không hoàn lại.",
        partner: "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) – Văn phòng Việt Nam",
        countries: &["KR"],
        host: "UBND huyện Mai Châu",
        starts_in: 8,
        days: 2,
        members: "
            head|m|1972-12-01|KR|M20577391|Choi Jae-won|KOICA Việt Nam|Phó Giám đốc quốc gia
            member|f|1988-08-16|KR|M61948230|Jung Ha-eun|KOICA Việt Nam|Điều phối viên dự án
            interpreter|f|1990-03-27|VN|C5582140|Nguyễn Hoàng Yến|KOICA Việt Nam|Cán bộ chương trình, phiên dịch
        ",
        items: "
            0|09:00-11:00||working_session|Làm việc với UBND huyện Mai Châu|Trụ sở UBND huyện Mai Châu|Thị trấn Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Quách Văn Toàn (Sở Ngoại vụ)
            0|13:30-17:00||site_visit|Khảo sát công trình cấp nước xã Pà Cò|UBND xã Pà Cò|Xã Pà Cò, huyện Mai Châu|Huyện Mai Châu||Quách Văn Toàn (Sở Ngoại vụ)
            1|08:00-11:00||site_visit|Khảo sát Bản Lác và xã Chiềng Châu|Bản Lác|Xã Chiềng Châu, huyện Mai Châu|Huyện Mai Châu||Quách Văn Toàn (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Cleared,
                "Thiếu tá Nguyễn Hữu Thắng, Phòng Quản lý xuất nhập cảnh",
                "Không có vấn đề.",
            ),
            Appraise(Recommendation::Approve, "Đề nghị đồng ý."),
            Approve("1502/QĐ-UBND"),
            Cancel(
                "KOICA đề nghị hoãn chuyến khảo sát sang quý sau do thay đổi trưởng đoàn (thư của KOICA Việt Nam); sẽ đăng ký lại.",
            ),
        ],
    },
];
