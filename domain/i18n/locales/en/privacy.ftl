## /delete_me (privacy.ftl): what deleting means, and answers around it.

delete-me-details = What goes: your profile (name, languages, interests, times, bio), your requests and tandems (partners are told they ended), your feedback, reports and ratings. Everything personal you ever wrote becomes unreadable for good. You can /start again later as a new user.
delete-me-keep = Keep my data
delete-me-nothing = There is nothing to delete: you have no profile here. Send /start to begin.
delete-me-stale = This button belongs to an older message. Send /delete_me again if you want to delete your data.
