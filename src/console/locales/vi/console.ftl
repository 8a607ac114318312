# The console in Vietnamese (the default). Ids are the same in en/console.ftl.

app-name = visitdesk
app-tagline = Công tác thông tin đối ngoại của tỉnh
skip-to-content = Chuyển đến nội dung chính
footer = visitdesk — công tác thông tin đối ngoại của tỉnh
language-other = English
nav-label = Các mục chính
nav-inbox = Việc cần làm
nav-delegations = Đoàn ra, đoàn vào
nav-schedule = Lịch theo dõi
nav-subscriptions = Đăng ký lịch
nav-me = Tài khoản

## Signing in
sign-in = Đăng nhập
sign-in-title = Đăng nhập vào visitdesk
sign-out = Đăng xuất
username = Tên đăng nhập
password = Mật khẩu
sign-in-need-username = Nhập tên đăng nhập
sign-in-need-password = Nhập mật khẩu
sign-in-wrong = Tên đăng nhập hoặc mật khẩu không đúng
sign-in-throttled = Đã nhập sai quá nhiều lần. Thử lại sau { $minutes } phút.

## Errors
error-summary-title = Có lỗi cần sửa
error-go-home = Về trang việc cần làm
error-csrf-title = Biểu mẫu đã hết hạn
error-csrf = Biểu mẫu này không còn hiệu lực (có thể phiên đăng nhập đã đổi). Quay lại, tải lại trang và gửi lại.
error-not-found-title = Không tìm thấy trang
error-not-found = Không có hồ sơ này, hoặc bạn không được xem hồ sơ này.
error-forbidden-title = Không được phép
error-conflict-title = Không thực hiện được
error-busy-title = Hệ thống đang bận
error-too-many = Quá nhiều yêu cầu. Thử lại sau { $seconds } giây.
error-internal-title = Có lỗi ở máy chủ
error-internal = Có lỗi ở máy chủ. Thử lại sau ít phút; nếu vẫn lỗi, báo quản trị viên.
error-bad-request-title = Yêu cầu không hợp lệ

## Roles
role-admin = Quản trị viên
role-foreign_affairs = Sở Ngoại vụ
role-provincial_office = Văn phòng UBND tỉnh
role-police = Công an tỉnh
role-host_unit = Đơn vị chủ trì
role-viewer = Người xem

## Inbox
inbox-title = Việc cần làm
inbox-empty = Không có việc nào đang chờ đơn vị của bạn.
inbox-count = { $count } việc đang chờ, việc gấp nhất ở trên.
due = Hạn
overdue = Quá hạn

## Statuses
status-draft = Dự thảo
status-submitted = Đã gửi
status-appraised = Đã thẩm định
status-approved = Đã phê duyệt
status-rejected = Không phê duyệt
status-completed = Đã kết thúc
status-reported = Đã báo cáo
status-cancelled = Đã hủy
status-requested = Đã đề nghị
status-done = Đã thực hiện
status-missing = Còn thiếu
status-revoked = Đã thu hồi
status-announced = Đã thông báo
status-held = Đã tổ chức

## Sentences of the operations (ids made from their English words)
err-submitted-appraise-it-or-return-it = Đã gửi: thẩm định hoặc trả lại
err-appraised-the-province-s-decision-is-due = Đã thẩm định: chờ quyết định của tỉnh
err-no-security-review-yet = Chưa có ý kiến an ninh
err-approved-without-a-security-review = Đã phê duyệt nhưng chưa có ý kiến an ninh
err-the-itinerary-changed-after-the-security-review = Lịch trình đã thay đổi sau khi có ý kiến an ninh
err-approved-without-a-cleared-security-review = Đã phê duyệt nhưng ý kiến an ninh chưa thông qua
err-returned-by-so-ngoai-vu-see-the-note-and-submit-again = Sở Ngoại vụ trả lại: xem ghi chú và gửi lại
err-the-report-is-overdue = Báo cáo đã quá hạn
err-the-report-is-due = Đến hạn nộp báo cáo
err-submitted-approve-or-reject-the-accreditation = Đã gửi: phê duyệt hoặc không phê duyệt hồ sơ tác nghiệp
err-its-activities-changed-after-the-security-review = Hoạt động đã thay đổi sau khi có ý kiến an ninh
err-the-accreditation-covering-it-was-revoked-cancel-or-rearrange-it = Hồ sơ tác nghiệp đã bị thu hồi: hủy hoặc sắp xếp lại
err-requested-approve-or-cancel-the-interview = Đã đề nghị: phê duyệt hoặc hủy cuộc phỏng vấn
err-no-press-conference-held-or-announced-this-quarter-one-is-due-every-three-months = Quý này chưa tổ chức hoặc thông báo họp báo (mỗi quý một lần)
err-must-not-be-blank = Không được để trống
err-must-be-at-most-n-characters = Tối đa { $n1 } ký tự
