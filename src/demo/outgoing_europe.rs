//! Demo: provincial delegations going to Germany and France; their
//! programme abroad is kept in the local zone (summer and winter time).

use super::spec::{Spec, Step::*};
use crate::domain::delegation::{Direction::Outgoing, Recommendation};

pub(super) const SPECS: &[Spec] = &[
    Spec {
        direction: Outgoing,
        title: "Đoàn công tác của tỉnh tìm hiểu mô hình đào tạo nghề kép và xúc tiến thương mại tại CHLB Đức",
        purpose: "Tìm hiểu mô hình đào tạo nghề kép; làm việc với IHK Berlin và cộng đồng doanh nghiệp người Việt về xuất khẩu nông sản của tỉnh.",
        partner: "Phòng Công nghiệp và Thương mại Berlin (IHK Berlin)",
        countries: &["DE"],
        host: "Sở Công thương",
        starts_in: -35,
        days: 8,
        members: "
            head|m|1971-05-13|VN|A1702289|Nguyễn Đức Mạnh|Sở Công thương|Giám đốc
            member|f|1979-08-27|VN|A1715346|Bùi Thị Thanh Thủy|Sở Lao động – Thương binh và Xã hội|Phó Giám đốc
            member|m|1977-03-21|VN|A1728810|Hà Văn Dũng|Trường Cao đẳng Kỹ thuật công nghiệp tỉnh|Hiệu trưởng
            interpreter|m|1990-11-08|VN|A1741502|Trịnh Quang Huy|Sở Ngoại vụ|Chuyên viên, phiên dịch tiếng Đức
        ",
        items: "
            0|23:30-12:00||travel|Bay Hà Nội – Frankfurt|Sân bay quốc tế Nội Bài|Huyện Sóc Sơn, Hà Nội||Toàn đoàn|
            1|14:00-18:00|Europe/Berlin|travel|Đi tàu Frankfurt – Berlin|Frankfurt (Main) Hauptbahnhof|Frankfurt am Main||Toàn đoàn|
            2|10:00-12:00|Europe/Berlin|meeting|Làm việc với IHK Berlin|IHK Berlin (Ludwig Erhard Haus)|Fasanenstraße 85, 10623 Berlin||Giám đốc Sở Công thương Nguyễn Đức Mạnh|
            3|09:00-15:00|Europe/Berlin|site_visit|Tìm hiểu đào tạo nghề kép tại doanh nghiệp|Trung tâm đào tạo nghề của doanh nghiệp thành viên IHK|Berlin||Toàn đoàn|
            4|10:00-12:00|Europe/Berlin|meeting|Làm việc với Đại sứ quán Việt Nam tại CHLB Đức|Đại sứ quán Việt Nam tại CHLB Đức|Elsenstraße 3, 12435 Berlin||Toàn đoàn|
            5|10:00-13:00|Europe/Berlin|site_visit|Khảo sát Trung tâm thương mại Đồng Xuân|Dong Xuan Center|Herzbergstraße 128-139, 10365 Berlin||Toàn đoàn|
            5|15:00-17:00|Europe/Berlin|working_session|Gặp gỡ doanh nghiệp người Việt về xuất khẩu nông sản|Dong Xuan Center|Herzbergstraße 128-139, 10365 Berlin||Giám đốc Sở Công thương Nguyễn Đức Mạnh|
            6|11:00-15:00|Europe/Berlin|travel|Đi tàu Berlin – Frankfurt|Berlin Hauptbahnhof|Berlin||Toàn đoàn|
            6|20:30-08:00|Europe/Berlin|travel|Bay Frankfurt – Hà Nội|Sân bay Frankfurt|Frankfurt am Main||Toàn đoàn|
        ",
        steps: &[
            Submit,
            Appraise(
                Recommendation::Approve,
                "Thuộc đề án phát triển giáo dục nghề nghiệp của tỉnh; kinh phí từ nguồn xúc tiến thương mại. Đề nghị đồng ý.",
            ),
            Approve("612/QĐ-UBND"),
            Complete,
        ],
    },
    Spec {
        direction: Outgoing,
        title: "Đoàn công tác của tỉnh thăm Vùng Normandie (Pháp) trao đổi hợp tác du lịch và di sản",
        purpose: "Đáp lễ đoàn Vùng Normandie; tìm hiểu quản lý di sản gắn với du lịch tại Mont-Saint-Michel và Caen; chuẩn bị thỏa thuận hợp tác phi tập trung giai đoạn mới.",
        partner: "Hội đồng Vùng Normandie (Région Normandie)",
        countries: &["FR"],
        host: "Sở Văn hóa, Thể thao và Du lịch",
        starts_in: 52,
        days: 9,
        members: "
            head|f|1972-07-19|VN|A1803364|Bùi Thị Hồng Vân|Sở Văn hóa, Thể thao và Du lịch|Giám đốc
            member|m|1978-02-11|VN|A1533718|Hà Công Tuấn|UBND huyện Mai Châu|Chủ tịch
            member|f|1985-10-02|VN|A1816527|Lò Thị Hương|Sở Văn hóa, Thể thao và Du lịch|Trưởng phòng Quản lý du lịch
            member|m|1980-06-16|VN|A1829945|Quách Đình Phong|Bảo tàng tỉnh Hòa Bình|Giám đốc Bảo tàng
            interpreter|m|1993-04-04|VN|A1842618|Nguyễn Minh Khoa|Sở Ngoại vụ|Chuyên viên, phiên dịch tiếng Pháp
        ",
        items: "
            0|23:45-14:00||travel|Bay Hà Nội – Paris|Sân bay quốc tế Nội Bài|Huyện Sóc Sơn, Hà Nội||Toàn đoàn|
            1|15:00-17:30|Europe/Paris|travel|Đi tàu Paris – Caen|Gare Saint-Lazare|Paris||Toàn đoàn|
            2|10:00-12:00|Europe/Paris|meeting|Hội kiến Chủ tịch Hội đồng Vùng Normandie|Trụ sở Hội đồng Vùng Normandie (Abbaye-aux-Dames)|Place Reine Mathilde, 14000 Caen||Giám đốc Sở Văn hóa, Thể thao và Du lịch Bùi Thị Hồng Vân|
            2|14:30-16:30|Europe/Paris|working_session|Làm việc với Cơ quan Xúc tiến du lịch Normandie|Normandie Attractivité|Caen||Toàn đoàn|
            3|08:00-17:00|Europe/Paris|site_visit|Tìm hiểu quản lý di sản và du lịch tại Mont-Saint-Michel|Mont-Saint-Michel|50170 Le Mont-Saint-Michel||Toàn đoàn|
            4|10:00-12:00|Europe/Paris|site_visit|Thăm Bảo tàng Mỹ thuật Caen|Musée des Beaux-Arts de Caen|Le Château, 14000 Caen||Giám đốc Bảo tàng tỉnh Quách Đình Phong|
            5|09:00-16:00|Europe/Paris|site_visit|Khảo sát mô hình du lịch nông thôn vùng Pays d'Auge|Pays d'Auge|Calvados||Chủ tịch UBND huyện Mai Châu Hà Công Tuấn|
            6|10:00-12:30|Europe/Paris|travel|Đi tàu Caen – Paris|Gare de Caen|Caen||Toàn đoàn|
            7|10:00-11:30|Europe/Paris|meeting|Làm việc với Đại sứ quán Việt Nam tại Pháp|Đại sứ quán Việt Nam tại Pháp|61 rue de Miromesnil, 75008 Paris||Toàn đoàn|
            7|13:30-01:30|Europe/Paris|travel|Bay Paris – Hà Nội|Sân bay Paris-Charles de Gaulle|Roissy-en-France||Toàn đoàn|
        ",
        steps: &[Submit],
    },
];
