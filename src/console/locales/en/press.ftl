# The press pages (en). Ids start with `press-`.

## The hub

press-hub-title = Press
press-hub-intro = Foreign press work in the province.
press-hub-reporters = Reporters
press-hub-reporters-about = Registered foreign reporters and crews: search, register, change.
press-hub-accreditations = Accreditations
press-hub-accreditations-about = Foreign reporters' press programmes: security review, approval, activities.
press-hub-interviews = Interviews
press-hub-interviews-about = Interviews with the province's leaders: requests, approval, outcome.
press-hub-conferences = Press conferences
press-hub-conferences-about = The province's press conferences: plans, announcements, guests.

## Shared

press-back = Back
press-back-hub = Press
press-back-reporters = All reporters
press-back-accreditations = All accreditations
press-back-record = Back to the accreditation
press-cancel-form = Cancel
press-optional = { $label } (optional)
press-any = Any
press-choose = Choose
press-search = Search
press-filter = Filter
press-search-clear = Clear filters
press-pages = Pages
press-first-page = First page
press-next-page = Next page
press-reference = Reference
press-dates = Dates
press-status = Status
press-from = From
press-from-hint = Accreditations still running on or after this day
press-to = To
press-to-hint = Accreditations begun on or before this day
press-country-hint = Two-letter country code, such as JP, KR, FR
press-err-place-not-permitted = Must be one of the accreditation's permitted places: { $places }
press-err-outside-dates = Must lie within the accreditation's dates, { $from } to { $to } (Vietnam time)

## Reporters

press-reporters-title = Reporters
press-reporters-search = Search reporters
press-reporters-q = Search by name, outlet or press card number
press-reporters-q-hint = Case and diacritics do not matter
press-reporters-caption = Registered reporters
press-reporters-none = No reporters yet.
press-reporters-none-found = No reporters match the search.
press-reporter-new = Register a reporter
press-reporter-new-title = Register a reporter
press-reporter-edit = Change details
press-reporter-edit-title = Change a reporter's details
press-reporter-create = Register reporter
press-reporter-save = Save changes
press-reporter-caption = Reporter
press-reporter-full-name = Full name
press-reporter-nationality = Nationality
press-reporter-passport = Passport number
press-reporter-passport-optional = Passport number (optional)
press-reporter-passport-hint = 5 to 20 letters and digits
press-reporter-outlet = Outlet
press-reporter-outlet-country = Outlet's country
press-reporter-position = Position
press-reporter-position-hint = For example: reporter, camera, producer
press-reporter-press-card = Press card number
press-reporter-press-card-optional = Press card number issued by the Ministry of Foreign Affairs (optional)
press-reporter-email = E-mail
press-reporter-email-optional = E-mail (optional)
press-reporter-phone = Phone
press-reporter-phone-optional = Phone (optional)
press-reporter-accreditations = Accreditations
press-reporter-no-accreditations = The reporter is in no accreditation.
press-reporter-interviews = Interviews
press-reporter-no-interviews = The reporter has no interviews.
press-reporter-done-created = The reporter is registered.
press-reporter-done-updated = The reporter's details are saved.
press-reporter-press-card-end = Press card valid until
press-reporter-press-card-end-optional = Press card valid until (optional)
press-reporter-date-hint = A date as day/month/year, e.g. 31/12/2027.
press-reporter-documents = Passport and visa
press-reporter-documents-hint = Personal data: only roles that may see personal data see these. A field left blank keeps what is there.

## Accreditations

press-accreditations-title = Accreditations
press-accreditations-filters = Filter accreditations
press-accreditations-caption = Accreditations, newest first
press-accreditations-none = No accreditations yet.
press-accreditations-none-found = No accreditations match the filters.
press-accreditation-new = Register an accreditation
press-accreditation-new-title = Register an accreditation
press-accreditation-create = Save draft
press-accreditation-caption = Accreditation
press-accreditation-details = Details
press-accreditation-reporter = Reporter
press-accreditation-reporters = Reporters
press-accreditation-reporters-hint = Choose one or more registered reporters
press-accreditation-topics = Topics
press-accreditation-places = Permitted places
press-accreditation-places-optional = Permitted places (optional)
press-accreditation-places-hint = One place a line; leave empty to permit any place
press-accreditation-places-any = Any place
press-accreditation-start = Start date
press-accreditation-end = End date
press-accreditation-referral = Referral letter
press-accreditation-referral-number = Referral letter number
press-accreditation-referral-number-hint = From the Ministry of Foreign Affairs or the press centre, such as 1234/BNG-TTBC
press-accreditation-referral-date = Referral letter date
press-accreditation-referral-text = No. { $number } of { $date }
press-accreditation-escort = Escort officer
press-accreditation-escort-optional = Escort officer (optional)
press-accreditation-status-note = Status note
press-what-now = What you can do
press-status-draft = Draft
press-status-submitted = Submitted
press-status-approved = Approved
press-status-rejected = Rejected
press-status-revoked = Revoked
press-status-completed = Completed
press-status-cancelled = Cancelled
press-interview-status-requested = Requested
press-interview-status-approved = Approved
press-interview-status-done = Done
press-interview-status-cancelled = Cancelled

## Actions

press-action-submit = Submit
press-action-approve = Approve
press-action-reject = Reject
press-action-revoke = Revoke
press-action-complete = Complete
press-action-cancel = Cancel the accreditation
press-action-intro-submit = Submit the accreditation for the police's security review and Sở Ngoại vụ's decision.
press-action-intro-approve = Approve the accreditation. It can be approved only once the police have cleared it.
press-action-intro-reject = Reject the accreditation. Say why.
press-action-intro-revoke = Revoke the approved accreditation; the interviews it covered are flagged. Say why.
press-action-intro-complete = Record that the reporters' programme is over.
press-action-intro-cancel = Cancel the accreditation. Say why.
press-action-button-submit = Submit accreditation
press-action-button-approve = Approve accreditation
press-action-button-reject = Reject accreditation
press-action-button-revoke = Revoke accreditation
press-action-button-complete = Record as completed
press-action-button-cancel = Cancel accreditation
press-action-note = Note
press-done-created = The draft accreditation is saved.
press-done-action-submit = The accreditation is submitted.
press-done-action-approve = The accreditation is approved.
press-done-action-reject = The accreditation is rejected.
press-done-action-revoke = The accreditation is revoked.
press-done-action-complete = The accreditation is completed.
press-done-action-cancel = The accreditation is cancelled.
press-done-reviewed = The security review is recorded.
press-done-activity-added = The activity is added.

## Security review

press-review-title = Security review
press-review-form-title = Record the security review
press-review-record = Record the security review
press-review-status = Outcome
press-review-pending = Pending
press-review-cleared = Cleared
press-review-concerns = Concerns
press-review-outdated = (needs a look: never reviewed, or changed since the review)
press-review-at = Reviewed at
press-review-officer = Reviewing officer
press-review-officer-optional = Reviewing officer (optional)
press-review-notes = Police notes
press-review-notes-optional = Police notes (optional)
press-review-notes-hint = Read only by the police and the administrator
press-review-save = Save the review

## Activities

press-activities-title = Activities
press-activities-none = No activities yet.
press-activities-count = { $count ->
    [one] { $count } activity
   *[other] { $count } activities
}
press-activity-new = Add an activity
press-activity-new-title = Add a press activity
press-activity-create = Add activity
press-activity-within = Activities must lie within the accreditation's dates: { $dates }.
press-activity-places-intro = Permitted places:
press-activity-starts = Starts
press-activity-ends = Ends
press-activity-kind = Kind of activity
press-activity-name = What happens
press-activity-place = Place
press-activity-place-hint = The place's name, as in the permitted places
press-activity-address-optional = Address (optional)
press-activity-district-optional = District (optional)
press-activity-participants = Participants
press-activity-participants-optional = Participants (optional)
press-activity-escort = Escort officer
press-activity-escort-optional = Escort officer (optional)
press-kind-filming = Filming, photography
press-kind-interview = Interview
press-kind-visit = Visit
press-kind-other = Other

## History

press-history-link = History
press-history-title = History
press-history-none = No changes yet.
press-history-system = System
press-event-create = Registered
press-event-update = Changed
press-event-submit = Submitted
press-event-approve = Approved
press-event-reject = Rejected
press-event-revoke = Revoked
press-event-complete = Completed
press-event-cancel = Cancelled
press-event-security_review = Security review recorded
press-event-add_activity = Activity added
press-change-reference = Reference
press-change-reporter_ids = Reporters (ids)
press-change-topics = Topics
press-change-permitted_places = Permitted places
press-change-start_date = Start date
press-change-end_date = End date
press-change-referral_number = Referral letter number
press-change-referral_date = Referral letter date
press-change-escort_officer = Escort officer
press-change-status = Status
press-change-officer = Reviewing officer
press-change-security_notes = Police notes
press-change-activity_id = Activity id
press-change-starts_at = Starts
press-change-ends_at = Ends
press-change-title = What happens
press-change-place_name = Place
press-accreditation-edit = Change the accreditation
press-accreditation-edit-title = Change the accreditation
press-accreditation-save = Save changes
press-done-updated = The changes to the accreditation are saved.
press-activity-change = Change
press-activity-cancel = Cancel
press-activity-edit-title = Change a press activity
press-activity-save = Save changes
press-activity-when = When
press-activity-cancel-title = Cancel this press activity?
press-activity-cancel-body = It stays on the accreditation, in the monitoring schedule and in subscribed calendars, marked cancelled, so that the police and the escort officer see it will not take place.
press-activity-cancel-note = Note (optional)
press-activity-cancel-button = Cancel the activity
press-activity-keep = Keep the activity
press-done-activity-updated = The changes to the activity are saved.
press-done-activity-cancelled = The activity is cancelled.
press-event-update_activity = Activity changed
press-event-cancel_activity = Activity cancelled
press-change-time_zone = Time zone
press-change-kind = Kind of activity
press-change-place_address = Address
press-change-place_district = District
press-change-participants = Participants
press-err-activity-closed = This activity is { $status }: only a planned activity can be changed or cancelled.
press-err-stranded = { $count ->
    [one] One activity would lie outside the new dates or permitted places; move or cancel it first.
   *[other] { $count } activities would lie outside the new dates or permitted places; move or cancel them first.
}
