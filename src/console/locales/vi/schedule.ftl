# The schedule, calendar subscriptions and "me" pages in Vietnamese. Ids are
# the same in en/schedule.ftl.

## Schedule
schedule-week-title = Lịch theo dõi tuần { $week }/{ $year }
schedule-day-title = Lịch theo dõi { $day }
schedule-range = từ { $from } đến { $to }
schedule-day-heading = { $weekday }, { $date }
schedule-weekday-mon = Thứ Hai
schedule-weekday-tue = Thứ Ba
schedule-weekday-wed = Thứ Tư
schedule-weekday-thu = Thứ Năm
schedule-weekday-fri = Thứ Sáu
schedule-weekday-sat = Thứ Bảy
schedule-weekday-sun = Chủ Nhật
schedule-problem = Địa chỉ trang ghi tuần, ngày hoặc loại lịch không hợp lệ. Đang hiển thị lịch tuần này.
schedule-pager-weeks = Chuyển tuần
schedule-pager-days = Chuyển ngày
schedule-previous-week = Tuần trước
schedule-this-week = Tuần này
schedule-next-week = Tuần sau
schedule-previous-day = Ngày trước
schedule-whole-week = Cả tuần
schedule-next-day = Ngày sau
schedule-filter-legend = Loại lịch
schedule-filter-hint = Không chọn loại nào thì hiển thị tất cả.
schedule-filtered = Chỉ gồm: { $kinds }
schedule-filter-apply = Lọc lịch
schedule-print-link = Bản để in
schedule-back-from-print = Trở lại lịch
schedule-count = { $count ->
    [0] Không có mục nào.
   *[other] { $count } mục.
}
schedule-clash-count = { $count } mục trùng lịch.
schedule-day-empty = Không có lịch.
schedule-kind-itinerary_item = Lịch trình đoàn
schedule-kind-press_activity = Hoạt động báo chí
schedule-kind-interview = Phỏng vấn
schedule-kind-press_conference = Họp báo
schedule-status-planned = Theo kế hoạch
schedule-status-cancelled = Đã hủy
schedule-status-done = Đã thực hiện
schedule-status-requested = Đã đề nghị
schedule-status-approved = Đã phê duyệt
schedule-status-announced = Đã thông báo
schedule-status-held = Đã tổ chức
schedule-cancelled = Đã hủy
schedule-tentative = Chưa phê duyệt
schedule-review-pending = An ninh: chờ ý kiến
schedule-review-cleared = An ninh: đã thông qua
schedule-review-concerns = An ninh: có lưu ý
schedule-place = Địa điểm
schedule-foreigners-label = Người nước ngoài
schedule-foreigners = { $count ->
    [0] Không có
   *[other] { $count } người
}
schedule-foreigners-from = { $count } người, quốc tịch { $nationalities }
schedule-escort = Cán bộ tháp tùng
schedule-escort-none = Chưa phân công
schedule-record = Hồ sơ
schedule-clash-title = Trùng lịch:
schedule-clash-leader = Cùng người dự { $with }
schedule-clash-escort_officer = Cùng cán bộ tháp tùng { $with }
schedule-clash-venue = Cùng địa điểm { $with }
schedule-clash-with = trùng giờ với
schedule-clash-more = và { $count } mục khác

## Calendar subscriptions
subscriptions-title = Đăng ký lịch
subscriptions-lead = Đưa lịch của visitdesk vào ứng dụng lịch của bạn (Google Calendar, Outlook, Apple Calendar, Thunderbird). Ứng dụng tự cập nhật lịch theo địa chỉ riêng của bạn.
subscriptions-created-title = Đã tạo địa chỉ lịch «{ $name }»
subscriptions-created-once = Địa chỉ này chỉ hiển thị một lần. Hãy sao chép ngay và không chia sẻ cho người khác: ai có địa chỉ đều xem được lịch. Nếu làm lộ, hãy thu hồi và tạo địa chỉ mới.
subscriptions-address = Địa chỉ lịch
subscriptions-address-hint = Chọn cả ô và sao chép, hoặc bấm nút sao chép.
subscriptions-copy = Sao chép địa chỉ
subscriptions-copied = Đã sao chép
subscriptions-webcal = Mở bằng ứng dụng lịch trên máy này (webcal)
subscriptions-how-title = Cách thêm vào ứng dụng lịch
subscriptions-how-google-title = Google Calendar
subscriptions-how-google = Trên máy tính, mở Google Calendar, bên cạnh «Lịch khác» bấm dấu +, chọn «Từ URL», dán địa chỉ và bấm «Thêm lịch».
subscriptions-how-outlook-title = Outlook
subscriptions-how-outlook = Trong Lịch, chọn «Thêm lịch», rồi «Đăng ký từ web» (hoặc «Từ Internet»), dán địa chỉ và bấm «Nhập».
subscriptions-how-apple-title = Apple Calendar
subscriptions-how-apple = Bấm liên kết webcal ở trên; hoặc trong ứng dụng Lịch chọn «Tệp», «Đăng ký lịch mới», dán địa chỉ và bấm «Đăng ký».
subscriptions-how-thunderbird-title = Thunderbird
subscriptions-how-thunderbird = Trong Lịch, chọn «Lịch mới», «Trên mạng», dán địa chỉ vào ô vị trí và bấm «Tìm lịch», rồi «Đăng ký».
subscriptions-list-title = Địa chỉ lịch đang dùng
subscriptions-none = Bạn chưa có địa chỉ lịch nào.
subscriptions-name = Tên lịch
subscriptions-name-hint = Tên để bạn nhận ra lịch này, ví dụ «Lịch đoàn vào».
subscriptions-kinds = Lịch gồm
subscriptions-kinds-hint = Không chọn mục nào thì lịch gồm tất cả.
subscriptions-created = Ngày tạo
subscriptions-last-used = Lần dùng gần nhất
subscriptions-never-used = Chưa dùng
subscriptions-actions = Thao tác
subscriptions-revoke = Thu hồi
subscriptions-revoked-notice = Đã thu hồi địa chỉ lịch «{ $name }». Ứng dụng lịch dùng địa chỉ này sẽ không nhận được lịch nữa.
subscriptions-new-title = Tạo địa chỉ lịch mới
subscriptions-create = Tạo địa chỉ lịch
subscriptions-revoked-title = Địa chỉ đã thu hồi
subscriptions-revoked-at = Ngày thu hồi
subscriptions-kind-delegation = Ngày đến và ngày đi của đoàn
subscriptions-kind-itinerary_item = Lịch trình đoàn
subscriptions-kind-press_activity = Hoạt động báo chí
subscriptions-kind-interview = Phỏng vấn
subscriptions-kind-press_conference = Họp báo
subscriptions-error-name = Nhập tên lịch (tối đa 200 ký tự)
subscriptions-error-kinds = Chọn trong các mục đã cho

## Me
me-title = Tài khoản của tôi
me-name = Họ và tên
me-username = Tên đăng nhập
me-role = Vai trò
me-unit = Đơn vị
me-no-unit = Không thuộc đơn vị nào
me-language-title = Ngôn ngữ
me-language-legend = Ngôn ngữ của trang
me-language-vi = Tiếng Việt
me-language-en = English
me-language-save = Lưu ngôn ngữ
me-password-title = Đổi mật khẩu
me-password-lead = Sau khi đổi mật khẩu, bạn vẫn đăng nhập trên trình duyệt này; mọi phiên đăng nhập khác của bạn sẽ kết thúc.
me-password-current = Mật khẩu hiện tại
me-password-new = Mật khẩu mới
me-password-new-hint = Từ { $min } đến { $max } ký tự. Nên dùng một câu dài dễ nhớ.
me-password-repeat = Nhập lại mật khẩu mới
me-password-submit = Đổi mật khẩu
me-password-need-current = Nhập mật khẩu hiện tại
me-password-wrong-current = Mật khẩu hiện tại không đúng
me-password-rule = Mật khẩu mới phải có từ { $min } đến { $max } ký tự và không chỉ gồm dấu cách
me-password-repeat-differs = Mật khẩu nhập lại không khớp với mật khẩu mới
me-password-changed = Đã đổi mật khẩu. Mọi phiên đăng nhập khác của bạn đã kết thúc.
