# Exports (CSV, Excel) and print views in Vietnamese. Ids are the same in
# en/exports.ftl.

## Download links on the list pages
export-download = Tải danh sách (theo bộ lọc đang chọn):
export-csv = Tải CSV
export-xlsx = Tải Excel

## Sheet titles
export-title-delegations = Danh sách đoàn
export-title-members = Thành viên đoàn
export-title-reporters = Phóng viên nước ngoài
export-title-accreditations = Hồ sơ tác nghiệp
export-title-interviews = Trả lời phỏng vấn
export-title-conferences = Họp báo
export-title-schedule = Lịch theo dõi
export-title-audit = Nhật ký thay đổi

## Column headings
export-column-reference = Số hồ sơ
export-column-direction = Loại đoàn
export-column-title = Tên
export-column-partner = Đối tác
export-column-countries = Quốc gia
export-column-host-unit = Đơn vị chủ trì
export-column-head = Trưởng đoàn
export-column-start = Từ ngày
export-column-end = Đến ngày
export-column-status = Trạng thái
export-column-report-due = Hạn báo cáo
export-column-full-name = Họ và tên
export-column-gender = Giới tính
export-column-nationality = Quốc tịch
export-column-organization = Cơ quan
export-column-position = Chức vụ
export-column-member-role = Vai trò trong đoàn
export-column-date-of-birth = Ngày sinh
export-column-passport = Số hộ chiếu
export-column-email = Thư điện tử
export-column-phone = Điện thoại
export-column-number = Số
export-column-outlet = Cơ quan báo chí
export-column-outlet-country = Nước của cơ quan báo chí
export-column-press-card = Số thẻ nhà báo
export-column-reporters = Số phóng viên
export-column-topics = Nội dung
export-column-places = Địa điểm được phép
export-column-referral = Số văn bản giới thiệu
export-column-referral-date = Ngày văn bản giới thiệu
export-column-escort = Cán bộ đi cùng
export-column-interviewee = Người trả lời
export-column-starts = Bắt đầu
export-column-ends = Kết thúc
export-column-zone = Múi giờ
export-column-place = Địa điểm
export-column-kind = Loại
export-column-venue = Địa điểm
export-column-speakers = Người phát ngôn
export-column-foreigners = Số người nước ngoài
export-column-clashes = Số trùng lịch
export-column-at = Thời điểm
export-column-actor = Người thực hiện
export-column-role = Vai trò
export-column-action = Thao tác
export-column-record-kind = Loại hồ sơ
export-column-record-id = Mã hồ sơ
export-column-changes = Thay đổi
export-column-note = Ghi chú

## The print view of a delegation's programme
print-programme-link = In chương trình làm việc
print-programme-title = Chương trình làm việc
print-programme-of = của { $title }
print-programme-back = Trở lại hồ sơ đoàn
print-programme-hint = Dùng lệnh In của trình duyệt (Ctrl+P); khi in, trang chỉ còn chương trình, khổ A4.
print-programme-dates = Thời gian
print-programme-host = Đơn vị chủ trì
print-programme-head = Trưởng đoàn
print-programme-members = Số thành viên
print-programme-time = Thời gian
print-programme-activity = Nội dung
print-programme-place = Địa điểm
print-programme-with = Thành phần tham gia, cán bộ đi cùng
print-programme-escort = Cán bộ đi cùng: { $name }
print-programme-cancelled = (đã hủy)
print-programme-empty = Đoàn chưa có lịch trình.
print-programme-printed = In lúc { $at }
