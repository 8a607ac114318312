# The schedule, calendar subscriptions and "me" pages in English. Ids are
# the same in vi/schedule.ftl.

## Schedule
schedule-week-title = Schedule, week { $week } of { $year }
schedule-day-title = Schedule, { $day }
schedule-range = { $from } to { $to }
schedule-day-heading = { $weekday } { $date }
schedule-weekday-mon = Monday
schedule-weekday-tue = Tuesday
schedule-weekday-wed = Wednesday
schedule-weekday-thu = Thursday
schedule-weekday-fri = Friday
schedule-weekday-sat = Saturday
schedule-weekday-sun = Sunday
schedule-problem = The page's address names a week, day or kind that does not exist. Showing this week's schedule.
schedule-pager-weeks = Other weeks
schedule-pager-days = Other days
schedule-previous-week = Previous week
schedule-this-week = This week
schedule-next-week = Next week
schedule-previous-day = Previous day
schedule-whole-week = Whole week
schedule-next-day = Next day
schedule-filter-legend = Kinds of entry
schedule-filter-hint = Choose none to show every kind.
schedule-filtered = Only: { $kinds }
schedule-filter-apply = Filter the schedule
schedule-print-link = Printable version
schedule-back-from-print = Back to the schedule
schedule-count = { $count ->
    [0] No entries.
    [one] 1 entry.
   *[other] { $count } entries.
}
schedule-clash-count = { $count ->
    [one] 1 entry clashes.
   *[other] { $count } entries clash.
}
schedule-day-empty = Nothing scheduled.
schedule-kind-itinerary_item = Delegation itinerary
schedule-kind-press_activity = Press activity
schedule-kind-interview = Interview
schedule-kind-press_conference = Press conference
schedule-status-planned = Planned
schedule-status-cancelled = Cancelled
schedule-status-done = Done
schedule-status-requested = Requested
schedule-status-approved = Approved
schedule-status-announced = Announced
schedule-status-held = Held
schedule-cancelled = Cancelled
schedule-tentative = Not approved yet
schedule-review-pending = Security: awaiting review
schedule-review-cleared = Security: cleared
schedule-review-concerns = Security: concerns
schedule-place = Place
schedule-foreigners-label = Foreigners
schedule-foreigners = { $count ->
    [0] None
    [one] 1 person
   *[other] { $count } people
}
schedule-foreigners-from = { $count ->
    [one] 1 person, from { $nationalities }
   *[other] { $count } people, from { $nationalities }
}
schedule-escort = Escort officer
schedule-escort-none = Not assigned
schedule-record = Record
schedule-clash-title = Clashes:
schedule-clash-leader = Same leader or participant, { $with }
schedule-clash-escort_officer = Same escort officer, { $with }
schedule-clash-venue = Same venue, { $with }
schedule-clash-with = at the same time as
schedule-clash-more = and { $count } more

## Calendar subscriptions
subscriptions-title = Calendar subscriptions
subscriptions-lead = Put visitdesk's schedule in your calendar app (Google Calendar, Outlook, Apple Calendar, Thunderbird). The app keeps it up to date from your own private address.
subscriptions-created-title = Calendar address “{ $name }” created
subscriptions-created-once = This address is shown only once. Copy it now and do not share it: anyone who has it can read the calendar. If it leaks, revoke it and create a new one.
subscriptions-address = Calendar address
subscriptions-address-hint = Select the whole box and copy it, or use the copy button.
subscriptions-copy = Copy the address
subscriptions-copied = Copied
subscriptions-webcal = Open in the calendar app on this device (webcal)
subscriptions-how-title = How to add it to a calendar app
subscriptions-how-google-title = Google Calendar
subscriptions-how-google = On a computer, open Google Calendar, select + next to “Other calendars”, choose “From URL”, paste the address and select “Add calendar”.
subscriptions-how-outlook-title = Outlook
subscriptions-how-outlook = In Calendar, choose “Add calendar”, then “Subscribe from web” (or “From Internet”), paste the address and select “Import”.
subscriptions-how-apple-title = Apple Calendar
subscriptions-how-apple = Select the webcal link above; or in Calendar choose “File”, “New Calendar Subscription”, paste the address and select “Subscribe”.
subscriptions-how-thunderbird-title = Thunderbird
subscriptions-how-thunderbird = In Calendar, choose “New Calendar”, “On the Network”, paste the address as the location, select “Find Calendars”, then “Subscribe”.
subscriptions-list-title = Calendar addresses in use
subscriptions-none = You have no calendar addresses yet.
subscriptions-name = Calendar name
subscriptions-name-hint = A name for you to recognise this calendar by, for example “Incoming delegations”.
subscriptions-kinds = The calendar holds
subscriptions-kinds-hint = Choose none to have everything.
subscriptions-created = Created
subscriptions-last-used = Last used
subscriptions-never-used = Not used yet
subscriptions-actions = Actions
subscriptions-revoke = Revoke
subscriptions-revoked-notice = Calendar address “{ $name }” revoked. Calendar apps using it will get nothing from it any more.
subscriptions-new-title = Create a calendar address
subscriptions-create = Create the calendar address
subscriptions-revoked-title = Revoked addresses
subscriptions-revoked-at = Revoked
subscriptions-kind-delegation = Delegations' arrival and departure
subscriptions-kind-itinerary_item = Delegation itineraries
subscriptions-kind-press_activity = Press activities
subscriptions-kind-interview = Interviews
subscriptions-kind-press_conference = Press conferences
subscriptions-error-name = Enter a calendar name (at most 200 characters)
subscriptions-error-kinds = Choose from the kinds listed

## Me
me-title = My account
me-name = Name
me-username = Username
me-role = Role
me-unit = Unit
me-no-unit = No unit
me-language-title = Language
me-language-legend = Language of the pages
me-language-vi = Tiếng Việt
me-language-en = English
me-language-save = Save the language
me-password-title = Change your password
me-password-lead = After the change you stay signed in on this browser; every other session of yours ends.
me-password-current = Current password
me-password-new = New password
me-password-new-hint = { $min } to { $max } characters. A long sentence you remember is best.
me-password-repeat = New password again
me-password-submit = Change the password
me-password-need-current = Enter your current password
me-password-wrong-current = Your current password is not right
me-password-rule = The new password must be { $min } to { $max } characters long and not only spaces
me-password-repeat-differs = The repeated password does not match the new password
me-password-changed = Password changed. Every other session of yours has ended.
