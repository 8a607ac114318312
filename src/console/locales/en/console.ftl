# The console in English. Ids are the same in vi/console.ftl.

app-name = visitdesk
app-tagline = The province's foreign-information work
skip-to-content = Skip to main content
footer = visitdesk — the province's foreign-information work
language-other = Tiếng Việt
nav-label = Main sections
nav-inbox = To do
nav-delegations = Delegations
nav-schedule = Schedule
nav-subscriptions = Calendar subscriptions
nav-press = Press
nav-admin = Administration
nav-audit = Audit trail
nav-me = My account

## Signing in
sign-in = Sign in
sign-in-title = Sign in to visitdesk
sign-out = Sign out
username = Username
password = Password
sign-in-need-username = Enter your username
sign-in-need-password = Enter your password
sign-in-wrong = Wrong username or password
sign-in-throttled = Too many failed attempts. Try again in { $minutes } minutes.

## Errors
error-summary-title = There is a problem
error-go-home = Go to your to-do list
error-csrf-title = The form has expired
error-csrf = This form is no longer valid (your session may have changed). Go back, reload the page and send it again.
error-not-found-title = Page not found
error-not-found = There is no such record, or you may not see it.
error-forbidden-title = Not allowed
error-conflict-title = This cannot be done
error-busy-title = The service is busy
error-too-many = Too many requests. Try again in { $seconds } seconds.
error-internal-title = Something went wrong on the server
error-internal = Something went wrong on the server. Try again in a few minutes; if it happens again, tell your administrator.
error-bad-request-title = The request is not valid

## Roles
role-admin = Administrator
role-foreign_affairs = Department of Foreign Affairs
role-provincial_office = Provincial People's Committee Office
role-police = Provincial Police
role-host_unit = Host unit
role-viewer = Viewer

## Inbox
inbox-title = To do
inbox-empty = Nothing is waiting on your unit.
inbox-count = { $count ->
    [one] One item is waiting.
   *[other] { $count } items are waiting, most urgent first.
}
due = Due
overdue = Overdue

## Statuses
status-draft = Draft
status-submitted = Submitted
status-appraised = Appraised
status-approved = Approved
status-rejected = Rejected
status-completed = Completed
status-reported = Reported
status-cancelled = Cancelled
status-requested = Requested
status-done = Done
status-missing = Missing
status-revoked = Revoked
status-announced = Announced
status-held = Held
# Press conferences registered by a foreign body (issue 16): a planned one in the inbox
status-planned = Planned
status-pending = Pending
status-cleared = Cleared
status-concerns = Concerns
# A unit's report in the inbox (issue 17): returned to it, or not begun by its due day
status-returned = Returned
status-not_started = Not started
