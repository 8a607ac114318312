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
nav-press = Báo chí
nav-admin = Quản trị
nav-audit = Nhật ký
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
# Press conferences registered by a foreign body (issue 16): a planned one in the inbox
status-planned = Đã lên kế hoạch
status-pending = Chờ thẩm tra
status-cleared = Thông qua
status-concerns = Có lưu ý
# A unit's report in the inbox (issue 17): returned to it, or not begun by its due day
status-returned = Bị trả lại
status-not_started = Chưa bắt đầu

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
# Forms' and delegations' sentences (the delegation pages)
err-must-not-be-empty = Không được để trống
err-choose-one = Hãy chọn một mục
err-must-be-one-of-the-choices = Phải là một trong các lựa chọn
err-must-be-a-date-dd-mm-yyyy = Phải là một ngày (ngày/tháng/năm)
err-must-be-a-time-of-day-hh-mm = Phải là giờ trong ngày (giờ:phút)
err-must-list-at-most-n = Tối đa { $n1 } mục
err-must-be-an-e-mail-address = Phải là địa chỉ thư điện tử
err-is-empty-or-too-long = Để trống hoặc quá dài
err-must-be-an-iso-n-n-alpha-n-country-code-jp-kr-fr = Phải là mã quốc gia hai chữ cái (JP, KR, FR, …)
err-must-not-be-before-start-date = Không được trước ngày bắt đầu
err-no-such-unit = Không có đơn vị này
err-must-be-a-past-date-after-n = Phải là một ngày đã qua, sau năm { $n1 }
err-must-be-a-phone-number-digits-spaces = Phải là số điện thoại (chữ số, dấu cách, + - ( ) .)
err-must-be-n-to-n-letters-and-digits = Phải gồm { $n1 } đến { $n2 } chữ cái và chữ số
err-must-be-an-iana-time-zone-asia-ho-chi-minh-europe-berlin = Phải là tên múi giờ IANA (Asia/Ho_Chi_Minh, Europe/Berlin, …)
err-must-be-after-starts-at = Phải sau thời điểm bắt đầu
err-must-lie-within-n-n-n-n-n-n-in-asia-ho-chi-minh = Phải nằm trong thời gian của đoàn (theo giờ Việt Nam)
err-does-not-exist-in-this-time-zone-the-clocks-skip-it = Giờ này không có ở múi giờ đã chọn (đồng hồ nhảy qua)
err-must-be-between-n-and-n = Phải trong khoảng năm { $n1 } đến năm { $n2 }
err-say-what-to-fix = Ghi rõ cần bổ sung, sửa những gì
err-approve-or-reject = Chọn đề nghị phê duyệt hoặc không phê duyệt
err-give-the-appraisal = Ghi ý kiến thẩm định
err-give-the-number-of-the-province-s-decision = Ghi số quyết định của tỉnh
err-give-the-date-of-the-province-s-decision = Ghi ngày quyết định của tỉnh
err-give-the-report-s-text = Ghi nội dung báo cáo
err-say-why-it-is-cancelled = Ghi lý do hủy
err-a-delegation-is-submitted-with-at-least-one-member-and-one-itinerary-item = Hồ sơ đoàn cần có ít nhất một thành viên và một hoạt động trong lịch trình mới gửi được
err-the-delegation-ends-on-n-n-n-it-can-be-completed-from-that-day = Đoàn kết thúc ngày { $n3 }/{ $n2 }/{ $n1 }; từ ngày đó mới xác nhận kết thúc được
err-the-delegation-has-been-submitted-so-ngoai-vu-edits-it-now = Hồ sơ đã gửi; giờ Sở Ngoại vụ mới sửa được
err-the-delegation-is-approved-only-its-itinerary-can-change = Đoàn đã được phê duyệt: chỉ còn sửa được lịch trình
err-the-delegation-is-closed-and-can-no-longer-change = Hồ sơ đoàn đã đóng, không sửa được nữa
err-only-a-draft-can-be-deleted-cancel-it-instead = Chỉ xóa được dự thảo; hãy hủy đoàn thay vì xóa
err-n-itinerary-item-s-would-lie-outside-n-n-n-n-n-n-move-or-delete-them-first = { $n1 } hoạt động sẽ nằm ngoài thời gian mới của đoàn; hãy dời hoặc xóa các hoạt động đó trước
err-a-host-unit-cannot-hand-a-delegation-to-another-unit = Đơn vị chủ trì không chuyển được đoàn sang đơn vị khác
err-this-is-not-open-to-you-on-this-delegation-now = Bạn không thể làm việc này với hồ sơ đoàn lúc này
err-only-the-police-record-security-reviews = Chỉ Công an tỉnh ghi ý kiến an ninh
err-must-be-utf-n-text = Phải là văn bản UTF-8
err-must-not-contain-the-nul-character-u-n = Không được chứa ký tự NUL (U+0000)
err-the-calendar-holds-no-events-vevent = Tệp lịch không có sự kiện nào (VEVENT)
err-missing-every-itinerary-item-needs-a-title = Thiếu: mỗi hoạt động cần có tên
err-missing-every-itinerary-item-needs-a-place = Thiếu: mỗi hoạt động cần có địa điểm
err-repeating-events-are-not-imported-list-each-occurrence-as-an-event-of-its-own = Không nhập sự kiện lặp lại: ghi mỗi lần diễn ra thành một sự kiện riêng
err-missing = Còn thiếu
err-must-be-after-dtstart = Phải sau thời điểm bắt đầu (DTSTART)
err-must-be-a-date-as-dtstart-is = Phải là ngày, như DTSTART
err-must-be-a-date-time-as-dtstart-is = Phải là ngày giờ, như DTSTART
err-must-be-whole-days-for-an-all-day-event = Sự kiện cả ngày phải kéo dài trọn ngày
err-must-be-longer-than-nothing = Phải có thời lượng
# Users' and units' sentences (the administration pages)
err-must-be-n-to-n-characters-long = Phải dài { $n1 } đến { $n2 } ký tự
err-may-hold-only-letters-a-z-digits-and = Chỉ gồm chữ cái a-z, chữ số và . _ -
err-must-start-with-a-letter-or-a-digit = Phải bắt đầu bằng chữ cái hoặc chữ số
err-must-be-at-least-n-characters-long = Phải dài ít nhất { $n1 } ký tự
err-must-be-at-most-n-characters-long = Tối đa { $n1 } ký tự
err-must-not-be-only-spaces = Không được chỉ gồm dấu cách
err-this-role-acts-for-a-unit-give-unit-id = Vai trò này làm việc cho một đơn vị: hãy chọn đơn vị
err-this-is-the-last-active-administrator-make-another-one-first = Đây là quản trị viên cuối cùng còn hoạt động; hãy tạo một quản trị viên khác trước
err-cannot-merge-a-unit-into-itself = Không sáp nhập được một đơn vị vào chính nó
err-this-unit-was-merged-into-another-already = Đơn vị này đã được sáp nhập vào đơn vị khác
err-an-interview-with-a-foreign-reporter-needs-the-accreditation-that-covers-it = Phỏng vấn có phóng viên nước ngoài cần hồ sơ tác nghiệp bảo đảm cho ngày đó
err-the-accreditation-is-not-approved-for-the-interview-s-day = Hồ sơ tác nghiệp không được phê duyệt cho ngày phỏng vấn
err-every-foreign-reporter-in-the-interview-must-be-on-the-accreditation = Mọi phóng viên nước ngoài của cuộc phỏng vấn phải có tên trong hồ sơ tác nghiệp
err-a-foreign-reporter-attends-only-with-an-approved-accreditation-that-covers-the-day = Phóng viên nước ngoài chỉ được tham dự khi có hồ sơ tác nghiệp đã phê duyệt có hiệu lực vào ngày đó
err-attendees-are-registered-while-a-press-conference-is-planned-or-announced = Chỉ đăng ký người tham dự khi cuộc họp báo đã lên kế hoạch hoặc đã thông báo
err-no-such-reporter = Không có phóng viên này
err-an-interview-changes-only-while-it-is-requested-or-approved = Cuộc phỏng vấn chỉ sửa được khi đang đề nghị hoặc đã phê duyệt
err-a-press-conference-changes-only-while-it-is-planned-or-announced = Cuộc họp báo chỉ sửa được khi đã lên kế hoạch hoặc đã thông báo
err-an-accreditation-changes-only-while-it-is-a-draft-or-submitted = Chỉ sửa được hồ sơ tác nghiệp khi hồ sơ là dự thảo hoặc đã gửi
err-n-foreign-attendee-s-hold-no-approved-accreditation-covering-n-n-n-remove-them-or-move-their-accreditation-first = { $n1 } người tham dự nước ngoài không có hồ sơ tác nghiệp đã phê duyệt cho ngày { $n4 }/{ $n3 }/{ $n2 }; hãy bỏ họ khỏi danh sách hoặc dời hồ sơ tác nghiệp trước
err-no-such-accreditation = Không có hồ sơ tác nghiệp này
err-an-accreditation-is-approved-only-after-the-police-have-cleared-it-security-review-cleared = Hồ sơ tác nghiệp chỉ được phê duyệt sau khi Công an tỉnh có ý kiến thông qua (kết quả thẩm tra an ninh: Thông qua)
err-the-reporters-dates-or-places-changed-after-the-police-cleared-it-the-review-needs-another-look = Phóng viên, thời gian hoặc địa điểm đã thay đổi sau khi Công an tỉnh thông qua: cần thẩm tra lại
err-say-why-the-accreditation-is-revoked = Ghi rõ lý do thu hồi hồ sơ
err-this-is-not-open-to-you-on-this-accreditation-now = Bạn không thể làm việc này với hồ sơ tác nghiệp lúc này
err-names-a-reporter-that-does-not-exist = Có phóng viên không tồn tại
err-must-be-n-to-n-characters = Phải có từ { $n1 } đến { $n2 } ký tự
err-activities-are-planned-while-an-accreditation-is-submitted-or-approved-this-one-is-draft = Chỉ lập lịch tác nghiệp khi hồ sơ đã gửi hoặc đã phê duyệt; hồ sơ này dự thảo
err-activities-are-planned-while-an-accreditation-is-submitted-or-approved-this-one-is-rejected = Chỉ lập lịch tác nghiệp khi hồ sơ đã gửi hoặc đã phê duyệt; hồ sơ này không được phê duyệt
err-activities-are-planned-while-an-accreditation-is-submitted-or-approved-this-one-is-revoked = Chỉ lập lịch tác nghiệp khi hồ sơ đã gửi hoặc đã phê duyệt; hồ sơ này đã bị thu hồi
err-activities-are-planned-while-an-accreditation-is-submitted-or-approved-this-one-is-completed = Chỉ lập lịch tác nghiệp khi hồ sơ đã gửi hoặc đã phê duyệt; hồ sơ này đã kết thúc
err-activities-are-planned-while-an-accreditation-is-submitted-or-approved-this-one-is-cancelled = Chỉ lập lịch tác nghiệp khi hồ sơ đã gửi hoặc đã phê duyệt; hồ sơ này đã bị hủy
