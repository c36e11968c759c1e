## Feedback to the team and the admin commands (issue #6, point 7). feedback-ask, feedback-length and
## feedback-received live in core.ftl.

feedback-button-cancel = Cancel
feedback-cancelled = Your message was not sent.
admin-feedback-new =
    New feedback from { $name } (id { $id }):

    { $text }

    Send /feedbacks to process it.
admin-stats =
    Statistics
    Users: { $total } in total, { $active24h } active in the last 24 hours, { $active7d } in the last 7 days
    New today: { $newToday }
    Profiles completed: { $completed }
    Today: { $requestsToday } requests, { $matchesToday } matches
    Acceptance rate: { $acceptance }
    Top language pairs (learning ← native: seekers / partners):
    { $pairs }
admin-stats-pair = { $learning } ← { $native }: { $demand } / { $supply }
admin-stats-no-pairs = none yet
admin-stats-no-rate = n/a
admin-button-prev = ◀ Previous
admin-button-next = Next ▶
admin-feedbacks-empty = There is no feedback to review.
admin-feedback-item =
    Feedback { $index } of { $total } · { $status }
    From { $name } (id { $id }), { $date }

    { $text }
admin-feedback-status-new = new
admin-feedback-status-processed = processed
admin-feedback-status-archived = archived
admin-button-processed = Mark processed
admin-button-archive = Archive
admin-reports-empty = The moderation queue is empty.
admin-report-item =
    Report { $index } of { $total } · { $status }
    About: { $target } (id { $targetId }, { $targetStatus })
    From: { $reporter } (id { $reporterId }), { $date }
    Reason: { $reason }
    Comment: { $comment }
admin-report-status-open = open
admin-report-status-dismissed = dismissed
admin-report-status-banned = user banned
admin-report-status-unbanned = user unbanned
admin-no-comment = none
admin-user-status-unknown = unknown
admin-button-dismiss = Dismiss
admin-button-ban = Ban
admin-button-unban = Unban
admin-broadcast-ask = Write the message for every active user (up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }), or send /cancel.
admin-broadcast-too-long = The message has { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }; the limit is { $max }. Please shorten it.
admin-broadcast-preview = Preview: the next message is exactly what users will receive. Confirm to send it to every active user.
admin-button-confirm = Confirm and send
admin-button-cancel = Cancel
admin-broadcast-cancelled = The broadcast was cancelled.
admin-broadcast-confirmed = Confirmed. Delivery starts now; a progress message follows.
admin-broadcast-progress = Broadcast: { $sent } of { $total } delivered, { $failed } failed…
admin-broadcast-done = Broadcast finished: { $sent } of { $total } delivered, { $failed } failed.
