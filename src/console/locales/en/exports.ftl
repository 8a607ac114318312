# Exports (CSV, Excel) and print views in English. Ids are the same in
# vi/exports.ftl.

## Download links on the list pages
export-download = Download the list (with the filters chosen):
export-csv = Download CSV
export-xlsx = Download Excel

## Sheet titles
export-title-delegations = Delegations
export-title-members = Delegation members
export-title-reporters = Foreign reporters
export-title-accreditations = Accreditations
export-title-interviews = Interviews
export-title-conferences = Press conferences
export-title-schedule = Monitoring schedule
export-title-audit = Audit trail

## Column headings
export-column-reference = Reference
export-column-direction = Direction
export-column-title = Title
export-column-partner = Partner
export-column-countries = Countries
export-column-host-unit = Host unit
export-column-head = Head of delegation
export-column-start = From
export-column-end = To
export-column-status = Status
export-column-report-due = Report due
export-column-full-name = Full name
export-column-gender = Gender
export-column-nationality = Nationality
export-column-organization = Organisation
export-column-position = Position
export-column-member-role = Role in the delegation
export-column-date-of-birth = Date of birth
export-column-passport = Passport number
export-column-email = E-mail
export-column-phone = Phone
export-column-number = Number
export-column-outlet = Outlet
export-column-outlet-country = Outlet's country
export-column-press-card = Press card
export-column-reporters = Reporters
export-column-topics = Topics
export-column-places = Permitted places
export-column-referral = Referral number
export-column-referral-date = Referral date
export-column-escort = Escort officer
export-column-interviewee = Interviewee
export-column-starts = Starts
export-column-ends = Ends
export-column-zone = Time zone
export-column-place = Place
export-column-kind = Kind
export-column-venue = Venue
export-column-speakers = Speakers
export-column-foreigners = Foreigners
export-column-clashes = Clashes
export-column-at = At
export-column-actor = By
export-column-role = Role
export-column-action = Action
export-column-record-kind = Record kind
export-column-record-id = Record id
export-column-changes = Changes
export-column-note = Note

## The print view of a delegation's programme
print-programme-link = Print the programme
print-programme-title = Programme
print-programme-of = of { $title }
print-programme-back = Back to the delegation
print-programme-hint = Use the browser's Print command (Ctrl+P); printed, the page holds the programme alone, on A4.
print-programme-dates = Dates
print-programme-host = Host unit
print-programme-head = Head of delegation
print-programme-members = Members
print-programme-time = Time
print-programme-activity = Activity
print-programme-place = Place
print-programme-with = Participants, escort officer
print-programme-escort = Escort officer: { $name }
print-programme-cancelled = (cancelled)
print-programme-empty = The delegation has no itinerary yet.
print-programme-printed = Printed { $at }
