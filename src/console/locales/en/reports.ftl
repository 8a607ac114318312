# The report pages (issue 17) in English. Ids are the same in
# vi/reports.ftl.

reports-nav = Reports
reports-title = Report on foreign-information work
reports-period-half-year = First half of { $year }
reports-period-year = Year { $year }
reports-period = Period
reports-show = Show
reports-due = Due:
reports-to-overview = Units' reports for this period
reports-to-own = My unit's report
reports-status = Status
reports-submitted-at = Submitted
reports-return-note = Why it was returned
reports-sections = The report
reports-results = Results
reports-difficulties = Difficulties and limits
reports-proposals = Proposals
reports-plan = Plan for the next period
reports-save = Save the report
reports-what-you-can-do = What you can do
reports-note = Note for returning it
reports-note-hint = Say what the unit needs to fix.
reports-none = Your unit has not begun its report for this period.
reports-begin = Begin the report
reports-figures = Figures
reports-chart-title = The main figures: this period beside the same period a year before
reports-chart-current = This period
reports-chart-previous = A year before
reports-chart-caption = Counted from the records as they stood at the period's cut-off; the tables below hold the detail.
reports-chart-incoming = Incoming delegations
reports-chart-outgoing = Outgoing delegations
reports-chart-members = Members of incoming delegations
reports-chart-post-trip-on-time = Post-trip reports filed on time
reports-chart-reviews = Security reviews done
reports-chart-interviews = Interviews with foreign press
reports-chart-reporters = Foreign reporters received
reports-action-submit = Submit the report
reports-action-return = Return for changes
reports-action-accept = Accept the report
reports-status-draft = Draft
reports-status-submitted = Submitted
reports-status-returned = Returned
reports-status-accepted = Accepted
reports-progress-not_started = Not begun
reports-progress-draft = Draft
reports-progress-submitted = Submitted
reports-progress-returned = Returned
reports-progress-accepted = Accepted
reports-done-begun = The report is begun. Write its sections below.
reports-done-saved = The report is saved.
reports-done-submit = The report is submitted to the compiling unit.
reports-done-return = The report is returned to the unit.
reports-done-accept = The report is accepted.
reports-stale = Someone else changed this report after you opened the page. What you wrote is kept below; look it over and save again to replace theirs.
reports-overview-title = Who has reported
reports-overview-counted = { $done } of { $total } units have submitted
reports-no-compiling-unit = No compiling unit is named in the settings yet.
reports-unit = Unit
reports-report = Report
reports-overdue = Overdue
reports-open = Open the report

## The model's refusals (the English pages show the sentence itself).
err-returning-a-report-needs-a-note-saying-what-to-fix = Returning a report needs a note saying what to fix
err-a-report-is-submitted-with-its-results-written = A report is submitted with its results written
err-a-unit-report-is-written-while-it-is-a-draft-or-returned-this-one-is-submitted = The report is submitted and can no longer be changed
err-a-unit-report-is-written-while-it-is-a-draft-or-returned-this-one-is-accepted = The report is accepted and can no longer be changed
err-this-unit-has-begun-its-report-for-n-h-n-already-id-n = Your unit has begun its report for this period already
err-this-unit-has-begun-its-report-for-n-already-id-n = Your unit has begun its report for this period already
# Why a report waits in the inbox (model/report/unit_report.rs: inbox_entries)
err-the-compiling-unit-returned-the-report-for-changes = The compiling unit returned the report for changes
err-the-unit-has-not-submitted-its-report-for-n-h-n = The unit has not submitted its half-year report for { $n1 }
err-the-unit-has-not-submitted-its-report-for-n = The unit has not submitted its annual report for { $n1 }

# Downloads of a report and of the province's compiled report
reports-download = Download the report:
reports-download-docx = document (Word)
reports-download-xlsx = figures (Excel)
reports-province-download = The province's compiled report (the accepted units):
