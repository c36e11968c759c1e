## Safety: block, report, unblock (issue #6, point 6). Shared texts (user-blocked, report-ask-reason, the report
## reasons, report-ask-comment, report-received, account-banned, rate-limited) live in core.ftl.

safety-block-confirm = Block { $name }? You will no longer see each other, and any open request or tandem between you ends.
safety-button-block = Block
safety-button-cancel = Cancel
safety-block-cancelled = Nothing changed: { $name } is not blocked.
safety-report-cancelled = The report was not sent.
safety-no-partner = You have no active partner to block or report here. Use the Block or Report buttons on a card instead.
safety-pick-partner = Which partner do you mean?
safety-unblock-list = People you blocked. Press a name to unblock them.
safety-unblock-none = You have not blocked anyone.
safety-stale-button = This button is no longer valid.
safety-account-restored = Your account has been restored: you can use the bot again.
