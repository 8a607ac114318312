//! The names, places and outlets the generated records are made of.

pub(super) const ESCORTS: &[&str] = &[
    "Trung tá Lê Văn Hùng",
    "Thiếu tá Nguyễn Thị Lan",
    "Đại úy Trần Minh Đức",
    "Đại úy Phạm Quốc Bảo",
    "Thượng úy Võ Thị Hạnh",
    "Thiếu tá Đỗ Văn Nam",
    "Trung tá Bùi Thị Mai",
    "Đại úy Hoàng Văn Sơn",
    "Thượng úy Ngô Thị Thu",
    "Đại úy Đặng Văn Phúc",
    "Thiếu tá Lý Thị Hoa",
    "Đại úy Phan Văn Toàn",
];
pub(super) const LEADERS: &[&str] = &[
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch UBND tỉnh Nguyễn Văn An",
    "Phó Chủ tịch UBND tỉnh Trần Thị Bình",
    "Bí thư Tỉnh ủy",
    "Giám đốc Sở Ngoại vụ",
    "Giám đốc Sở Kế hoạch và Đầu tư",
    "Giám đốc Sở Công Thương",
    "Chánh Văn phòng UBND tỉnh",
];
pub(super) const PLACES: &[(&str, &str)] = &[
    ("Trụ sở UBND tỉnh", "Thành phố"),
    ("Sở Ngoại vụ", "Thành phố"),
    ("Khu công nghiệp Phú Tài", "Thành phố"),
    ("Cảng Quy Nhơn", "Thành phố"),
    ("Khách sạn Hải Âu", "Thành phố"),
    ("Trường Đại học Quy Nhơn", "Thành phố"),
    ("Bệnh viện Đa khoa tỉnh", "Thành phố"),
    ("Khu kinh tế Nhơn Hội", "Thị xã An Nhơn"),
    ("Nhà máy điện gió Phương Mai", "Huyện Tuy Phước"),
    ("Làng nghề Phước Hòa", "Huyện Tuy Phước"),
    ("Cụm tháp Bánh Ít", "Huyện Tuy Phước"),
    ("Bảo tàng Quang Trung", "Huyện Tây Sơn"),
    ("Trung tâm Hội nghị tỉnh", "Thành phố"),
    ("Nhà khách Tỉnh ủy", "Thành phố"),
    ("Hợp tác xã nông nghiệp Nhơn Lộc", "Thị xã An Nhơn"),
    ("Cảng cá Tam Quan", "Thị xã Hoài Nhơn"),
];
pub(super) const PARTNERS: &[(&str, &str)] = &[
    ("JP", "Tỉnh Gifu"),
    ("KR", "Thành phố Gimhae"),
    ("CN", "Tỉnh Quảng Tây"),
    ("LA", "Tỉnh Champasak"),
    ("KH", "Tỉnh Ratanakiri"),
    ("TH", "Tỉnh Khon Kaen"),
    ("DE", "Hiệp hội doanh nghiệp Bavaria"),
    ("FR", "Vùng Bretagne"),
    ("US", "USAID"),
    ("AU", "Đại học Deakin"),
    ("SG", "Tập đoàn Sembcorp"),
    ("IN", "Bang Gujarat"),
];
pub(super) const SURNAMES: &[&str] = &[
    "Tanaka",
    "Kim",
    "Wang",
    "Müller",
    "Martin",
    "Smith",
    "Nguyen",
    "Sato",
    "Park",
    "Li",
    "Dubois",
    "Johnson",
    "Phommachanh",
    "Sok",
    "Srisuk",
    "Kumar",
];
pub(super) const GIVEN: &[&str] = &[
    "Haruto", "Min-jun", "Wei", "Anna", "Claire", "John", "Linh", "Yui", "Ji-woo", "Na", "Louis",
    "Emily", "Bounmy", "Dara", "Somchai", "Priya",
];
pub(super) const OUTLETS: &[(&str, &str)] = &[
    ("NHK", "JP"),
    ("KBS", "KR"),
    ("Xinhua", "CN"),
    ("Deutsche Welle", "DE"),
    ("AFP", "FR"),
    ("Reuters", "GB"),
    ("AP", "US"),
    ("ABC News", "AU"),
    ("Channel NewsAsia", "SG"),
    ("The Hindu", "IN"),
    ("Nikkei Asia", "JP"),
    ("Yonhap", "KR"),
];

pub(super) const SITES: &[&str] = &["Công ty", "Trường", "Xã", "Khu du lịch", "Nhà máy"];
pub(super) const SITES_PER_KIND: u32 = 120;
pub(super) const OFFICER_SURNAMES: &[&str] = &["Lê", "Nguyễn", "Trần", "Phạm", "Võ", "Đỗ"];
pub(super) const OFFICER_NAMES: &[&str] = &[
    "Văn Hùng",
    "Thị Lan",
    "Minh Đức",
    "Quốc Bảo",
    "Thị Hạnh",
    "Văn Nam",
];
