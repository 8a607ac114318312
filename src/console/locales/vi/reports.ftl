# The report pages (issue 17) in Vietnamese. Ids are the same in
# en/reports.ftl.

reports-nav = Báo cáo
reports-title = Báo cáo công tác thông tin đối ngoại
reports-period-half-year = 6 tháng đầu năm { $year }
reports-period-year = Năm { $year }
reports-period = Kỳ báo cáo
reports-show = Xem
reports-due = Hạn nộp:
reports-to-overview = Tình hình nộp báo cáo của các đơn vị
reports-to-own = Báo cáo của đơn vị tôi
reports-status = Trạng thái
reports-submitted-at = Ngày gửi
reports-return-note = Lý do trả lại
reports-sections = Nội dung báo cáo
reports-results = Kết quả thực hiện
reports-difficulties = Khó khăn, hạn chế
reports-proposals = Kiến nghị, đề xuất
reports-plan = Phương hướng, nhiệm vụ kỳ tới
reports-save = Lưu báo cáo
reports-what-you-can-do = Việc bạn có thể làm
reports-note = Ghi chú khi trả lại
reports-note-hint = Nói rõ đơn vị cần sửa những gì.
reports-none = Đơn vị chưa bắt đầu báo cáo kỳ này.
reports-begin = Bắt đầu báo cáo
reports-figures = Số liệu
reports-chart-title = Các số liệu chính: kỳ này so với cùng kỳ năm trước
reports-chart-current = Kỳ này
reports-chart-previous = Cùng kỳ năm trước
reports-chart-caption = Số liệu tính từ hồ sơ tại ngày khóa sổ của kỳ; chi tiết ở các bảng dưới đây.
reports-chart-incoming = Đoàn vào
reports-chart-outgoing = Đoàn ra
reports-chart-members = Thành viên đoàn vào
reports-chart-post-trip-on-time = Báo cáo sau chuyến đi nộp đúng hạn
reports-chart-reviews = Thẩm định an ninh đã thực hiện
reports-chart-interviews = Trả lời phỏng vấn báo chí nước ngoài
reports-chart-reporters = Phóng viên nước ngoài được đón
reports-action-submit = Gửi báo cáo
reports-action-return = Trả lại để sửa
reports-action-accept = Tiếp nhận báo cáo
reports-status-draft = Dự thảo
reports-status-submitted = Đã gửi
reports-status-returned = Bị trả lại
reports-status-accepted = Đã tiếp nhận
reports-progress-not_started = Chưa bắt đầu
reports-progress-draft = Dự thảo
reports-progress-submitted = Đã gửi
reports-progress-returned = Bị trả lại
reports-progress-accepted = Đã tiếp nhận
reports-done-begun = Đã bắt đầu báo cáo. Hãy viết các phần dưới đây.
reports-done-saved = Đã lưu báo cáo.
reports-done-submit = Đã gửi báo cáo đến đơn vị tổng hợp.
reports-done-return = Đã trả lại báo cáo cho đơn vị.
reports-done-accept = Đã tiếp nhận báo cáo.
reports-stale = Người khác đã sửa báo cáo này sau khi bạn mở trang. Nội dung bạn vừa viết vẫn còn dưới đây; hãy xem lại rồi lưu một lần nữa nếu muốn thay thế.
reports-overview-title = Tình hình nộp báo cáo
reports-overview-counted = { $done }/{ $total } đơn vị đã gửi báo cáo
reports-no-compiling-unit = Chưa chỉ định đơn vị tổng hợp báo cáo trong phần cài đặt.
reports-unit = Đơn vị
reports-report = Báo cáo
reports-overdue = Quá hạn
reports-open = Xem báo cáo

## The model's refusals, in Vietnamese (ids made from the English sentence).
err-returning-a-report-needs-a-note-saying-what-to-fix = Trả lại báo cáo cần có ghi chú nói rõ cần sửa những gì
err-a-report-is-submitted-with-its-results-written = Cần viết phần kết quả thực hiện trước khi gửi báo cáo
err-a-unit-report-is-written-while-it-is-a-draft-or-returned-this-one-is-submitted = Báo cáo đã gửi, không sửa được nữa
err-a-unit-report-is-written-while-it-is-a-draft-or-returned-this-one-is-accepted = Báo cáo đã được tiếp nhận, không sửa được nữa
err-this-unit-has-begun-its-report-for-n-h-n-already-id-n = Đơn vị đã bắt đầu báo cáo kỳ này rồi
err-this-unit-has-begun-its-report-for-n-already-id-n = Đơn vị đã bắt đầu báo cáo kỳ này rồi
# Why a report waits in the inbox (model/report/unit_report.rs: inbox_entries)
err-the-compiling-unit-returned-the-report-for-changes = Đơn vị tổng hợp đã trả lại báo cáo: xem lý do và gửi lại
err-the-unit-has-not-submitted-its-report-for-n-h-n = Đơn vị chưa gửi báo cáo 6 tháng đầu năm { $n1 }
err-the-unit-has-not-submitted-its-report-for-n = Đơn vị chưa gửi báo cáo năm { $n1 }

# Downloads of a report and of the province's compiled report
reports-download = Tải báo cáo:
reports-download-docx = Văn bản (Word)
reports-download-xlsx = Bảng số liệu (Excel)
reports-province-download = Báo cáo tổng hợp của tỉnh (các đơn vị đã được chấp nhận):
