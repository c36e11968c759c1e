## Reminders (reminders.ftl): the line under a nudge (the nudges themselves are reminder-<kind> in core.ftl).

reminder-onboarding-footer = Send /start to pick up where you left off. We remind you at most once a week.
reminder-requests-footer = See them with /requests: a request expires 48 hours after it was sent. We remind you at most once a week, and never while your profile is paused.
