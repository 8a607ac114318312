# The press pages (vi). Ids start with `press-`.

## The hub

press-hub-title = Báo chí
press-hub-intro = Quản lý hoạt động báo chí nước ngoài trên địa bàn tỉnh.
press-hub-reporters = Phóng viên
press-hub-reporters-about = Phóng viên, ê-kíp báo chí nước ngoài đã đăng ký: tra cứu, đăng ký mới, sửa thông tin.
press-hub-accreditations = Hồ sơ tác nghiệp
press-hub-accreditations-about = Hồ sơ hoạt động báo chí của phóng viên nước ngoài: thẩm tra an ninh, phê duyệt, lịch tác nghiệp.
press-hub-interviews = Phỏng vấn
press-hub-interviews-about = Các cuộc phỏng vấn lãnh đạo tỉnh: đề nghị, phê duyệt, kết quả.
press-hub-conferences = Họp báo
press-hub-conferences-about = Các cuộc họp báo của tỉnh: kế hoạch, thông báo, khách mời.

## Shared

press-back = Quay lại
press-back-hub = Báo chí
press-back-reporters = Danh sách phóng viên
press-back-accreditations = Danh sách hồ sơ tác nghiệp
press-back-record = Quay lại hồ sơ tác nghiệp
press-cancel-form = Hủy bỏ
press-optional = { $label } (không bắt buộc)
press-any = Tất cả
press-choose = Chọn
press-search = Tìm kiếm
press-filter = Lọc
press-search-clear = Xóa bộ lọc
press-pages = Trang
press-first-page = Trang đầu
press-next-page = Trang sau
press-reference = Số hồ sơ
press-dates = Thời gian
press-status = Trạng thái
press-from = Từ ngày
press-from-hint = Hồ sơ còn hiệu lực từ ngày này
press-to = Đến ngày
press-to-hint = Hồ sơ bắt đầu trước hoặc trong ngày này
press-country-hint = Mã quốc gia hai chữ cái, ví dụ JP, KR, FR
press-err-place-not-permitted = Phải là một trong các địa điểm được phép tác nghiệp: { $places }
press-err-outside-dates = Phải nằm trong thời gian của hồ sơ tác nghiệp, từ { $from } đến { $to } (theo giờ Việt Nam)

## Reporters

press-reporters-title = Phóng viên
press-reporters-search = Tìm phóng viên
press-reporters-q = Tìm theo tên, cơ quan báo chí, số thẻ
press-reporters-q-hint = Không phân biệt chữ hoa, chữ thường, có dấu hay không dấu
press-reporters-caption = Phóng viên đã đăng ký
press-reporters-none = Chưa có phóng viên nào.
press-reporters-none-found = Không có phóng viên nào khớp với điều kiện tìm kiếm.
press-reporter-new = Đăng ký phóng viên
press-reporter-new-title = Đăng ký phóng viên
press-reporter-edit = Sửa thông tin
press-reporter-edit-title = Sửa thông tin phóng viên
press-reporter-create = Đăng ký phóng viên
press-reporter-save = Lưu thay đổi
press-reporter-caption = Phóng viên
press-reporter-full-name = Họ và tên
press-reporter-nationality = Quốc tịch
press-reporter-passport = Số hộ chiếu
press-reporter-passport-optional = Số hộ chiếu (không bắt buộc)
press-reporter-passport-hint = 5 đến 20 chữ cái và chữ số
press-reporter-outlet = Cơ quan báo chí
press-reporter-outlet-country = Quốc gia của cơ quan báo chí
press-reporter-position = Chức danh
press-reporter-position-hint = Ví dụ: phóng viên, quay phim, biên tập viên
press-reporter-press-card = Số thẻ phóng viên
press-reporter-press-card-optional = Số thẻ phóng viên do Bộ Ngoại giao cấp (không bắt buộc)
press-reporter-email = Thư điện tử
press-reporter-email-optional = Thư điện tử (không bắt buộc)
press-reporter-phone = Điện thoại
press-reporter-phone-optional = Điện thoại (không bắt buộc)
press-reporter-accreditations = Hồ sơ tác nghiệp
press-reporter-no-accreditations = Phóng viên chưa có trong hồ sơ tác nghiệp nào.
press-reporter-interviews = Phỏng vấn
press-reporter-no-interviews = Phóng viên chưa có cuộc phỏng vấn nào.
press-reporter-done-created = Đã đăng ký phóng viên.
press-reporter-done-updated = Đã lưu thông tin phóng viên.

## Accreditations

press-accreditations-title = Hồ sơ tác nghiệp
press-accreditations-filters = Lọc hồ sơ tác nghiệp
press-accreditations-caption = Hồ sơ tác nghiệp, mới nhất trước
press-accreditations-none = Chưa có hồ sơ tác nghiệp nào.
press-accreditations-none-found = Không có hồ sơ nào khớp với điều kiện lọc.
press-accreditation-new = Đăng ký hồ sơ tác nghiệp
press-accreditation-new-title = Đăng ký hồ sơ tác nghiệp
press-accreditation-create = Lưu dự thảo
press-accreditation-caption = Hồ sơ tác nghiệp
press-accreditation-details = Thông tin hồ sơ
press-accreditation-reporter = Phóng viên
press-accreditation-reporters = Phóng viên
press-accreditation-reporters-hint = Chọn một hoặc nhiều phóng viên đã đăng ký
press-accreditation-topics = Nội dung tác nghiệp
press-accreditation-places = Địa điểm được phép tác nghiệp
press-accreditation-places-optional = Địa điểm được phép tác nghiệp (không bắt buộc)
press-accreditation-places-hint = Mỗi dòng một địa điểm; để trống nếu không giới hạn địa điểm
press-accreditation-places-any = Không giới hạn
press-accreditation-start = Ngày bắt đầu
press-accreditation-end = Ngày kết thúc
press-accreditation-referral = Văn bản giới thiệu
press-accreditation-referral-number = Số văn bản giới thiệu
press-accreditation-referral-number-hint = Văn bản của Bộ Ngoại giao hoặc Trung tâm Báo chí, ví dụ 1234/BNG-TTBC
press-accreditation-referral-date = Ngày văn bản giới thiệu
press-accreditation-referral-text = Số { $number } ngày { $date }
press-accreditation-escort = Cán bộ đi cùng
press-accreditation-escort-optional = Cán bộ đi cùng (không bắt buộc)
press-accreditation-status-note = Ghi chú trạng thái
press-what-now = Việc cần làm
press-status-draft = Dự thảo
press-status-submitted = Đã gửi
press-status-approved = Đã phê duyệt
press-status-rejected = Không phê duyệt
press-status-revoked = Đã thu hồi
press-status-completed = Đã kết thúc
press-status-cancelled = Đã hủy
press-interview-status-requested = Đã đề nghị
press-interview-status-approved = Đã phê duyệt
press-interview-status-done = Đã thực hiện
press-interview-status-cancelled = Đã hủy

## Actions

press-action-submit = Gửi hồ sơ
press-action-approve = Phê duyệt
press-action-reject = Không phê duyệt
press-action-revoke = Thu hồi
press-action-complete = Xác nhận kết thúc
press-action-cancel = Hủy hồ sơ
press-action-intro-submit = Gửi hồ sơ để Công an tỉnh thẩm tra an ninh và Sở Ngoại vụ xem xét phê duyệt.
press-action-intro-approve = Phê duyệt hồ sơ tác nghiệp. Chỉ phê duyệt được sau khi Công an tỉnh có ý kiến thông qua.
press-action-intro-reject = Không phê duyệt hồ sơ tác nghiệp. Nên ghi rõ lý do.
press-action-intro-revoke = Thu hồi hồ sơ đã phê duyệt; các cuộc phỏng vấn liên quan sẽ được đánh dấu. Ghi rõ lý do thu hồi.
press-action-intro-complete = Xác nhận đoàn phóng viên đã kết thúc tác nghiệp.
press-action-intro-cancel = Hủy hồ sơ tác nghiệp. Nên ghi rõ lý do.
press-action-button-submit = Gửi hồ sơ
press-action-button-approve = Phê duyệt hồ sơ
press-action-button-reject = Không phê duyệt hồ sơ
press-action-button-revoke = Thu hồi hồ sơ
press-action-button-complete = Xác nhận kết thúc
press-action-button-cancel = Hủy hồ sơ
press-action-note = Ghi chú
press-done-created = Đã lưu dự thảo hồ sơ tác nghiệp.
press-done-action-submit = Đã gửi hồ sơ.
press-done-action-approve = Đã phê duyệt hồ sơ.
press-done-action-reject = Đã ghi nhận không phê duyệt hồ sơ.
press-done-action-revoke = Đã thu hồi hồ sơ.
press-done-action-complete = Đã xác nhận kết thúc.
press-done-action-cancel = Đã hủy hồ sơ.
press-done-reviewed = Đã ghi ý kiến an ninh.
press-done-activity-added = Đã thêm hoạt động tác nghiệp.

## Security review

press-review-title = Ý kiến an ninh
press-review-form-title = Ghi ý kiến an ninh
press-review-record = Ghi ý kiến an ninh
press-review-status = Kết quả thẩm tra
press-review-pending = Chờ thẩm tra
press-review-cleared = Thông qua
press-review-concerns = Có lưu ý
press-review-outdated = (cần xem lại: chưa thẩm tra hoặc hồ sơ đã thay đổi sau khi thẩm tra)
press-review-at = Thời điểm thẩm tra
press-review-officer = Cán bộ thẩm tra
press-review-officer-optional = Cán bộ thẩm tra (không bắt buộc)
press-review-notes = Ghi chú nghiệp vụ
press-review-notes-optional = Ghi chú nghiệp vụ (không bắt buộc)
press-review-notes-hint = Chỉ Công an tỉnh và quản trị viên xem được
press-review-save = Lưu ý kiến an ninh

## Activities

press-activities-title = Lịch tác nghiệp
press-activities-none = Chưa có hoạt động tác nghiệp nào.
press-activities-count = { $count } hoạt động
press-activity-new = Thêm hoạt động
press-activity-new-title = Thêm hoạt động tác nghiệp
press-activity-create = Thêm hoạt động
press-activity-within = Hoạt động phải nằm trong thời gian của hồ sơ: { $dates }.
press-activity-places-intro = Địa điểm được phép tác nghiệp:
press-activity-starts = Bắt đầu
press-activity-ends = Kết thúc
press-activity-kind = Loại hoạt động
press-activity-name = Nội dung hoạt động
press-activity-place = Địa điểm
press-activity-place-hint = Tên địa điểm, như trong danh sách địa điểm được phép
press-activity-address-optional = Địa chỉ (không bắt buộc)
press-activity-district-optional = Huyện, thành phố (không bắt buộc)
press-activity-participants = Thành phần tham gia
press-activity-participants-optional = Thành phần tham gia (không bắt buộc)
press-activity-escort = Cán bộ đi cùng
press-activity-escort-optional = Cán bộ đi cùng (không bắt buộc)
press-kind-filming = Quay phim, chụp ảnh
press-kind-interview = Phỏng vấn
press-kind-visit = Thăm, làm việc
press-kind-other = Hoạt động khác

## History

press-history-link = Lịch sử hồ sơ
press-history-title = Lịch sử hồ sơ
press-history-none = Chưa có thay đổi nào.
press-history-system = Hệ thống
press-event-create = Đăng ký hồ sơ
press-event-update = Sửa hồ sơ
press-event-submit = Gửi hồ sơ
press-event-approve = Phê duyệt
press-event-reject = Không phê duyệt
press-event-revoke = Thu hồi
press-event-complete = Xác nhận kết thúc
press-event-cancel = Hủy hồ sơ
press-event-security_review = Ghi ý kiến an ninh
press-event-add_activity = Thêm hoạt động
press-change-reference = Số hồ sơ
press-change-reporter_ids = Phóng viên (mã)
press-change-topics = Nội dung tác nghiệp
press-change-permitted_places = Địa điểm được phép
press-change-start_date = Ngày bắt đầu
press-change-end_date = Ngày kết thúc
press-change-referral_number = Số văn bản giới thiệu
press-change-referral_date = Ngày văn bản giới thiệu
press-change-escort_officer = Cán bộ đi cùng
press-change-status = Trạng thái
press-change-officer = Cán bộ thẩm tra
press-change-security_notes = Ghi chú nghiệp vụ
press-change-activity_id = Mã hoạt động
press-change-starts_at = Bắt đầu
press-change-ends_at = Kết thúc
press-change-title = Nội dung hoạt động
press-change-place_name = Địa điểm
