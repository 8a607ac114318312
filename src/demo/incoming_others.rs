//! Demo: delegations coming to the province from France, Germany and Australia.

use super::spec::{Spec, Step::*};
use crate::domain::delegation::{Direction::Incoming, Recommendation};
use crate::domain::review::ReviewStatus::{Concerns, Pending};

pub(super) const SPECS: &[Spec] = &[
    Spec {
        direction: Incoming,
        title: "Đoàn Vùng Normandie (Pháp) trao đổi hợp tác du lịch và bảo tồn di sản",
        purpose: "Trao đổi kinh nghiệm bảo tồn di sản gắn với du lịch, khảo sát điểm du lịch Mai Châu và Kim Bôi, thảo luận thỏa thuận hợp tác phi tập trung giai đoạn mới.",
        partner: "Hội đồng Vùng Normandie (Région Normandie)",
        countries: &["FR"],
        host: "Sở Văn hóa, Thể thao và Du lịch",
        starts_in: 21,
        days: 4,
        members: "
            head|m|1963-10-12|FR|19CF42317|Jean-Luc Lefèvre|Hội đồng Vùng Normandie|Phó Chủ tịch phụ trách hợp tác quốc tế
            deputy_head|f|1974-01-26|FR|21AD80945|Claire Dubois|Hội đồng Vùng Normandie|Giám đốc Quan hệ quốc tế
            member|m|1981-06-04|FR|18FE26731|Mathieu Leroy|Cơ quan Xúc tiến du lịch Normandie|Trưởng phòng Phát triển điểm đến
            member|f|1979-09-17|FR|22BK03318|Sophie Marchand|Bảo tàng Mỹ thuật Caen|Chuyên gia bảo tồn
            interpreter|f|1988-12-05|VN|C3307561|Lê Thị Mai Anh|Viện Pháp tại Hà Nội|Phiên dịch tiếng Pháp
        ",
        items: "
            0|14:00-15:30||meeting|Hội kiến lãnh đạo UBND tỉnh|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương; Giám đốc Sở Ngoại vụ Hà Thị Minh Nguyệt|Đinh Thị Thu Trang (Sở Ngoại vụ)
            0|15:45-17:00||site_visit|Tham quan Bảo tàng tỉnh|Bảo tàng tỉnh Hòa Bình||Thành phố Hòa Bình|Giám đốc Sở Văn hóa, Thể thao và Du lịch Bùi Thị Hồng Vân|Đinh Thị Thu Trang (Sở Ngoại vụ)
            1|08:30-11:30||working_session|Làm việc với Sở Văn hóa, Thể thao và Du lịch|Phòng họp Sở Văn hóa, Thể thao và Du lịch||Thành phố Hòa Bình|Giám đốc Sở Văn hóa, Thể thao và Du lịch Bùi Thị Hồng Vân|Đinh Thị Thu Trang (Sở Ngoại vụ)
            1|14:00-17:00||travel|Di chuyển đến Mai Châu|Đèo Thung Khe||Huyện Mai Châu||Đinh Thị Thu Trang (Sở Ngoại vụ)
            2|08:00-11:30||site_visit|Khảo sát Bản Lác và thung lũng Mai Châu|Bản Lác|Xã Chiềng Châu, huyện Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Đinh Thị Thu Trang (Sở Ngoại vụ)
            2|12:00-13:30||meal|Cơm trưa do UBND huyện Mai Châu mời|Nhà văn hóa Bản Lác|Xã Chiềng Châu, huyện Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|Đinh Thị Thu Trang (Sở Ngoại vụ)
            3|09:00-11:30||site_visit|Khảo sát khu du lịch suối khoáng nóng Kim Bôi|Khu du lịch suối khoáng nóng Kim Bôi|Xã Hạ Bì, huyện Kim Bôi|Huyện Kim Bôi||Đinh Thị Thu Trang (Sở Ngoại vụ)
            3|15:00-16:30||signing|Ký ý định thư hợp tác du lịch giai đoạn mới|Phòng họp Văn phòng UBND tỉnh||Thành phố Hòa Bình|Phó Chủ tịch UBND tỉnh Nguyễn Văn Chương|Đinh Thị Thu Trang (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Pending,
                "Thiếu tá Nguyễn Hữu Thắng, Phòng Quản lý xuất nhập cảnh",
                "Đang phối hợp Cục Quản lý xuất nhập cảnh xác minh thành viên Sophie Marchand (mới bổ sung); dự kiến có kết quả trước ngày đoàn vào.",
            ),
            Appraise(
                Recommendation::Approve,
                "Hợp tác với Vùng Normandie đã có thỏa thuận khung; chương trình phù hợp. Đề nghị UBND tỉnh đồng ý, lưu ý chờ kết quả xác minh của Công an tỉnh.",
            ),
        ],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn GIZ (Đức) làm việc về chương trình sử dụng năng lượng tiết kiệm và hiệu quả",
        purpose: "Giới thiệu chương trình hỗ trợ kỹ thuật về kiểm toán năng lượng cho doanh nghiệp vừa và nhỏ; khảo sát một số nhà máy trong KCN Lương Sơn.",
        partner: "Tổ chức Hợp tác Quốc tế Đức (GIZ) – Chương trình Hỗ trợ Năng lượng",
        countries: &["DE"],
        host: "Sở Công thương",
        starts_in: 27,
        days: 2,
        members: "
            head|f|1975-05-22|DE|CFJ7K2R94|Katrin Schneider|GIZ Việt Nam|Giám đốc chương trình
            member|m|1980-02-09|DE|HT4L9M2X1|Jens Hoffmann|GIZ Việt Nam|Chuyên gia hiệu quả năng lượng
            member|f|1987-11-30|VN|C6124097|Đỗ Thu Hằng|GIZ Việt Nam|Cán bộ chương trình
        ",
        items: "
            0|09:00-11:30||working_session|Làm việc với Sở Công thương|Phòng họp Sở Công thương||Thành phố Hòa Bình|Giám đốc Sở Công thương Nguyễn Đức Mạnh|Hoàng Minh Đức (Sở Ngoại vụ)
            0|14:00-16:30||site_visit|Khảo sát nhà máy tại KCN Lương Sơn|KCN Lương Sơn|Xã Hòa Sơn, huyện Lương Sơn|Huyện Lương Sơn||Hoàng Minh Đức (Sở Ngoại vụ)
            1|08:30-11:30||other|Hội thảo giới thiệu kiểm toán năng lượng cho doanh nghiệp|Hội trường Sở Công thương||Thành phố Hòa Bình|Giám đốc Sở Công thương Nguyễn Đức Mạnh|Hoàng Minh Đức (Sở Ngoại vụ)
            1|11:30-13:00||meal|Cơm trưa làm việc|Nhà khách UBND tỉnh||Thành phố Hòa Bình||Hoàng Minh Đức (Sở Ngoại vụ)
        ",
        steps: &[Submit],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn Công ty Sunrise Minerals (Úc) khảo sát tiềm năng khoáng sản",
        purpose: "Khảo sát sơ bộ tiềm năng đá vôi và khoáng sản kim loại tại các huyện Đà Bắc và Tân Lạc.",
        partner: "Công ty Sunrise Minerals Pty Ltd (Perth)",
        countries: &["AU"],
        host: "Sở Công thương",
        starts_in: 16,
        days: 3,
        members: "
            head|m|1967-03-08|AU|PA4417203|Andrew Mitchell|Sunrise Minerals Pty Ltd|Giám đốc điều hành
            member|f|1982-07-14|AU|PB0932615|Sarah O'Connor|Sunrise Minerals Pty Ltd|Kỹ sư địa chất trưởng
            member|m|1985-12-19|AU|PA8850176|Liam Nguyen|Sunrise Minerals Pty Ltd|Chuyên gia phát triển dự án
        ",
        items: "
            0|09:00-11:00||working_session|Làm việc với Sở Công thương|Phòng họp Sở Công thương||Thành phố Hòa Bình|Giám đốc Sở Công thương Nguyễn Đức Mạnh|Quách Văn Toàn (Sở Ngoại vụ)
            1|07:30-16:00||site_visit|Khảo sát khu vực thượng nguồn hồ Hòa Bình|Xã Tiền Phong|Xã Tiền Phong, huyện Đà Bắc|Huyện Đà Bắc||Quách Văn Toàn (Sở Ngoại vụ)
            2|08:00-12:00||site_visit|Khảo sát mỏ đá vôi|Xã Quyết Chiến|Xã Quyết Chiến, huyện Tân Lạc|Huyện Tân Lạc||Quách Văn Toàn (Sở Ngoại vụ)
        ",
        steps: &[
            Submit,
            Review(
                Concerns,
                "Đại úy Vũ Đức Anh, Phòng An ninh đối ngoại",
                "Khu vực khảo sát tại xã Tiền Phong nằm trong phạm vi bảo vệ công trình Thủy điện Hòa Bình; đoàn dự kiến mang thiết bị đo địa vật lý chưa được cấp phép. Đề nghị không chấp thuận nội dung khảo sát này.",
            ),
            Appraise(
                Recommendation::Reject,
                "Khảo sát khoáng sản chưa có chủ trương của Bộ Tài nguyên và Môi trường; khu vực khảo sát có yếu tố an ninh theo ý kiến Công an tỉnh. Đề nghị không tiếp đoàn.",
            ),
            Reject("1590/QĐ-UBND"),
        ],
    },
    Spec {
        direction: Incoming,
        title: "Đoàn Đại sứ quán Australia thăm dự án hỗ trợ phụ nữ dân tộc thiểu số tại Mai Châu",
        purpose: "Thăm các nhóm phụ nữ dệt thổ cẩm được Quỹ hỗ trợ trực tiếp (DAP) của Australia tài trợ; gặp lãnh đạo huyện.",
        partner: "Đại sứ quán Australia tại Việt Nam",
        countries: &["AU"],
        host: "UBND huyện Mai Châu",
        starts_in: 40,
        days: 2,
        members: "
            head|f|1978-04-25|AU|PE2093371|Rebecca Lawson|Đại sứ quán Australia|Tham tán Hợp tác phát triển
            member|m|1986-09-13|AU|PE5518862|James Patel|Đại sứ quán Australia|Bí thư thứ hai
            member|f|1990-02-02|VN|C8810342|Trần Thu Phương|Đại sứ quán Australia|Cán bộ chương trình
        ",
        items: "
            0|10:00-11:30||meeting|Gặp lãnh đạo UBND huyện Mai Châu|Trụ sở UBND huyện Mai Châu|Thị trấn Mai Châu|Huyện Mai Châu|Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|
            0|14:00-17:00||site_visit|Thăm tổ dệt thổ cẩm Bản Lác|Bản Lác|Xã Chiềng Châu, huyện Mai Châu|Huyện Mai Châu||
        ",
        steps: &[],
    },
];
