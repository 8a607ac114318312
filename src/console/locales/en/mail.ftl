# E-mail: schedule change notices and the daily digest.
mail-notice-subject = [visitdesk] Schedule changes in the next 7 days ({ $count } { $count ->
        [one] entry
       *[other] entries
    })
mail-notice-intro = These entries of the monitoring schedule in the next 7 days have just changed:
mail-notice-added = Added
mail-notice-changed = Changed
mail-notice-cancelled = Cancelled
mail-notice-removed = Removed from the schedule
mail-notice-moved = Moved out of the next 7 days
mail-notice-was = Was
mail-notice-now = Now
mail-notice-title = Title
mail-notice-when = When
mail-notice-place = Place
mail-notice-escort = Escort officer
mail-notice-record = Record
mail-kind-itinerary_item = Delegation itinerary
mail-kind-press_activity = Press activity
mail-kind-interview = Interview
mail-kind-press_conference = Press conference
mail-digest-subject = [visitdesk] What waits on your unit, { $date } ({ $count } { $count ->
        [one] item
       *[other] items
    })
mail-digest-greeting = Dear { $name },
mail-digest-intro = These wait on your unit:
mail-digest-none = Nothing waits on your unit today.
mail-digest-overdue = Overdue
mail-digest-today = Due today
mail-digest-upcoming = Coming up
mail-digest-due = due { $date }
mail-digest-left = { $count ->
        [one] 1 working day left
       *[other] { $count } working days left
    }
mail-digest-late = { $count ->
        [one] 1 working day late
       *[other] { $count } working days late
    }
mail-footer = This message was sent by visitdesk. To change what you receive, open the Account page.
me-mail-title = E-mail
me-mail-lead = Only you and the administrators can see your address.
me-mail-email = E-mail address
me-mail-email-hint = Leave it empty to receive no e-mail.
me-mail-digest = A daily digest of what waits on my unit (due and overdue)
me-mail-notices = A notice when an entry in the next 7 days changes or is cancelled
me-mail-save = Save e-mail settings
me-mail-saved = Your e-mail settings were saved.
err-needs-an-e-mail-address-to-send-the-digest-to = needs an e-mail address to send the digest to
audit-action-set_mail = Changed the e-mail settings
