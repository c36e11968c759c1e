### /find and partner cards (issue #6, point 3). Same ids and variables in every locale.

## A partner's card (actors/userActor/bot/cards/partnerCard.ts; also used for requests and partners)

card-title = 👤 { $name }
# When a Telegram name has nothing printable left.
card-name-missing = A language learner
card-username = Telegram: @{ $username }
card-native = 🗣 Native: { $languages }
card-learning = 📚 Learning: { $languages }
card-language-level = { $language } ({ $level })
card-interests = ✨ Interests: { $interests }
card-overlap = 🕒 Free at the same time: { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } a week (your time, { $timeZone }):
card-overlap-none = 🕒 No free time in common this week.
card-styles = 💬 Communication: { $styles }
card-frequency = 🔁 How often: { $frequency }
card-bio = 📝 { $bio }
card-why = Why this match:

## Browsing

find-button-request = ✉️ Send request
find-button-skip = Skip
find-button-next = Next ➡️
find-button-block = 🚫 Block
find-button-report = ⚠️ Report
find-button-notify = 🔔 Notify me
find-button-again = 🔄 Search again
find-position = Partner { $index } of { $total }
find-stale = This search has moved on. Send /find to look again.
find-nothing-new = Nothing new for now: the screen already shows the latest.
find-skipped-all = You have seen everyone who fits right now.
find-search-failed = I cannot search right now. Please try again in a minute.

## Before the profile is ready

find-incomplete = To find a partner, finish your profile first. Still missing: { $missing }. Send /start to continue.
find-section-nativeLanguages = your native languages
find-section-learningLanguages = the languages you learn
find-section-interests = your interests
find-section-availability = when you are free
find-section-communication = how you like to practise
find-paused = Your profile is paused, so nobody sees you and you cannot send requests. Send /resume first.

## Nobody fits

find-none = Nobody fits you right now.
find-advice-languages = Nobody yet learns your native language while speaking one you learn. Adding another language you learn (in /profile) widens the search.
find-advice-availability = Some people fit your languages but are free at other times. Adding days or times of day in /profile widens the search.
find-advice-taken = Everyone who fits already has a request or a tandem with you, or you recently parted ways.
find-advice-notify = Press “Notify me” and I will message you once, as soon as a suitable partner appears.
find-notify-set = 🔔 Done: I will message you once when a suitable partner appears.
find-notify-paused = Notifications are off while your profile is paused. Send /resume first.
find-partner-appeared = 🔔 A suitable language partner has just joined. Send /find to see them.
