### Lexbot message catalog — English.
### Every message here exists in every other locale with the same variables and attributes (checked by
### test/domain/i18n/catalog.unit.test.ts). Language names are not here: they come from domain/languages.

-bot-name = Lexbot

## Commands (Telegram command menu and /help)

command-start = Start or continue setting up your profile
command-profile = View and edit your profile
command-find = Find a language partner
command-requests = Your requests and tandem partners
command-chat = Choose whom you chat with through the bot
command-language = Change the interface language
command-pause = Pause your profile (you will not be shown to others)
command-resume = Resume a paused profile
command-reset = Start your profile over
command-feedback = Send feedback to the team
command-delete_me = Delete all your data
command-help = Show this help
command-end = End the current tandem
command-block = Block the current partner
command-unblock = Unblock someone you blocked
command-report = Report the current partner
command-cancel = Cancel the current action

unknown-command = I do not know this command. Send /help to see what I can do.
action-cancelled = Cancelled.
nothing-to-cancel = There is nothing to cancel.
rate-limited =
    You are sending messages too fast. Please wait { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } and try again.

## Onboarding and profile

welcome = Hi, { $name }! { -bot-name } pairs language learners for tandem exchange. Let us set up your profile: it takes about two minutes.
welcome-back = Welcome back, { $name }!
choose-interface-language = Choose the language of the bot.
interface-language-set = Done: I will speak English with you.
ask-native-languages = Which languages do you speak natively? Choose up to { $max }, or type a language name to search.
ask-learning-languages = Which languages are you learning? Choose up to { $max }.
ask-level = What is your level in { $language }?
ask-interests = What are you interested in? Choose as many as you like.
ask-primary-interests = Which of them matter most to you? Mark up to { $max }.
ask-time-zone = Which time zone are you in? Send your city or a time zone name such as Europe/Berlin.
ask-days = On which days can you practise?
ask-slots = At what times of day? (your local time)
ask-styles = How do you like to practise?
ask-frequency = How often would you like to practise?
ask-bio = Tell your future partners a little about yourself (up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }), or skip.
language-search-empty = No language matches “{ $query }”. Try another spelling, its English name or its ISO code, e.g. “de”.
profile-complete = Your profile is ready. Send /find to meet a partner.
profile-completion = Your profile is { $percent }% complete.
profile-reset-done = Your profile has been cleared. Let us start again.
selection-limit = You can choose at most { $max ->
        [one] { $max } option
       *[other] { $max } options
    } here.

## Profile labels

profile-native = Native
profile-learning = Learning
profile-interests = Interests
profile-availability = Availability
profile-time-zone = Time zone
profile-styles = Communication
profile-frequency = Frequency
profile-bio = About me

## Lifecycle and safety

account-paused = Your profile is paused: nobody will see it or send you requests. Send /resume when you are back.
account-resumed = Your profile is active again.
account-already-paused = Your profile is already paused. Send /resume when you are back.
account-banned = Your account has been blocked for breaking the rules, so you can no longer use the bot.
user-blocked = You blocked { $name }. You will not see each other any more.
user-unblocked = You unblocked { $name }.
report-ask-reason = What is wrong with { $name }?
report-reason-spam = Spam or advertising
report-reason-harassment = Harassment
report-reason-inappropriate = Inappropriate content
report-reason-fake_profile = Fake profile
report-reason-other = Something else
report-ask-comment = Add a comment for the moderators, or skip.
report-received = Thank you. The moderators will look into it.

## Requests and tandems

request-sent = Request sent to { $name }. They have { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } to answer.
request-received = { $name } would like to practise with you.
request-expired = Your request to { $name } expired without an answer.
request-expired-incoming = The request from { $name } expired.
request-declined = { $name } declined your request.
request-declined-with-reason = { $name } declined your request. Reason: { $reason }
request-accepted = { $name } accepted your request! Say hello.
request-cancelled = { $name } withdrew the request.
request-already-answered = This request has already been answered.
tandem-started = You and { $name } are now tandem partners.
tandem-ended = Your tandem with { $name } has ended.
tandem-ended-by-partner = { $name } ended the tandem.
tandem-none = You have no active tandem.
rate-partner = How was practising with { $name }? Rate from 1 to 5.
rating-comment-ask = Add a comment (optional), or skip.
rating-received = Thank you for your rating!

## Feedback and personal data

feedback-ask = Write your message to the team ({ $min }–{ $max ->
        [one] { $max } character
       *[other] { $max } characters
    }).
feedback-received = Thank you! The team has received your message.
delete-me-confirm = This deletes your profile, your tandems and everything you wrote, for good. Your messages cannot be recovered. Delete everything?
delete-me-done = Your data has been deleted. Goodbye, and good luck with your languages!
delete-me-cancelled = Nothing was deleted.

## Buttons

button-skip = Skip
button-back = Back
button-accept = Accept
button-decline = Decline
button-delete = Delete everything

## Interests

interest-category-entertainment = Entertainment
interest-category-education = Education
interest-category-active = Active life
interest-category-creative = Creativity
interest-category-social = Society

interest-movies_tv = Movies
interest-music = Music
interest-games = Games
interest-tv_shows = TV shows
interest-comedy = Comedy
interest-anime = Anime
interest-books = Books
interest-technology = Technology
interest-science = Science
interest-languages = Languages
interest-history = History
interest-philosophy = Philosophy
interest-sports = Sports
interest-travel = Travel
interest-fitness = Fitness
interest-outdoor = Outdoors
interest-dancing = Dancing
interest-cooking = Cooking
interest-art = Art
interest-photography = Photography
interest-writing = Writing
interest-design = Design
interest-volunteering = Volunteering
interest-politics = Politics
interest-psychology = Psychology

## CEFR levels

level-A1 = A1 · Beginner
level-A1-description = I know basic words and phrases.
level-A2 = A2 · Elementary
level-A2-description = I can talk about simple, everyday things.
level-B1 = B1 · Intermediate
level-B1-description = I can handle familiar topics and travel situations.
level-B2 = B2 · Upper intermediate
level-B2-description = I speak fluently with native speakers on most topics.
level-C1 = C1 · Advanced
level-C1-description = I express myself freely, even on complex subjects.
level-C2 = C2 · Proficient
level-C2-description = I understand virtually everything, like a native speaker.

## Communication

style-text = Text messages
style-voice_messages = Voice messages
style-audio_call = Audio calls
style-video_call = Video calls
style-in_person = Meeting in person

frequency-daily = Every day
frequency-several_per_week = Several times a week
frequency-weekly = Once a week
frequency-occasionally = Now and then

## Availability

weekday-short-mon = Mon
weekday-short-tue = Tue
weekday-short-wed = Wed
weekday-short-thu = Thu
weekday-short-fri = Fri
weekday-short-sat = Sat
weekday-short-sun = Sun

days-weekdays = Weekdays
days-weekends = Weekends
days-any = Any day
days-days = Chosen days

slot-morning = Morning (06–12)
slot-day = Day (12–18)
slot-evening = Evening (18–23)
slot-late = Late night (23–06)

availability-range = { $day } { $from }–{ $to }

## Validation problems

problem-languages-native_count = Choose { $min }–{ $max ->
        [one] { $max } native language
       *[other] { $max } native languages
    } (you chose { $count }).
problem-languages-learning_count = Choose { $min }–{ $max ->
        [one] { $max } language to learn
       *[other] { $max } languages to learn
    } (you chose { $count }).
problem-languages-unknown_language = I do not know the language “{ $language }”.
problem-languages-unknown_level = “{ $level }” is not a level; choose one from A1 to C2 for { $language }.
problem-languages-duplicate_native = { $language } is listed twice among your native languages.
problem-languages-duplicate_learning = { $language } is listed twice among the languages you learn.
problem-languages-learning_native = You cannot learn { $language }: it is already one of your native languages.
problem-interests-none_selected = Choose at least { $min ->
        [one] { $min } interest
       *[other] { $min } interests
    }.
problem-interests-unknown_interest = I do not know the interest “{ $interest }”.
problem-interests-duplicate_interest = “{ $interest }” is chosen twice.
problem-interests-duplicate_primary = “{ $interest }” is marked as a main interest twice.
problem-interests-primary_not_selected = “{ $interest }” can be a main interest only if you choose it as an interest.
problem-interests-too_many_primary = Mark at most { $max ->
        [one] { $max } main interest
       *[other] { $max } main interests
    } (you marked { $count }).
problem-availability-invalid_time_zone = I do not know the time zone “{ $timeZone }”. Send a name such as Europe/Berlin or Asia/Tokyo.
problem-availability-unknown_day_selection = “{ $kind }” is not a choice of days.
problem-availability-no_days = Choose at least one day.
problem-availability-unknown_day = “{ $day }” is not a day of the week.
problem-availability-duplicate_day = A day is chosen twice: { $day }.
problem-availability-no_slots = Choose at least one time of day.
problem-availability-unknown_slot = “{ $slot }” is not a time of day.
problem-availability-duplicate_slot = A time of day is chosen twice: { $slot }.

## Refused commands (error-<code>; variables are the DomainError's details)

error-not_started = Send /start first to set up your profile.
error-forgotten = Your data was deleted at your request. Send /start to begin again as a new user.
error-banned = Your account has been blocked for breaking the rules, so you can no longer use the bot.
error-already_banned = This account is already blocked.
error-not_banned = This account is not blocked.
error-not_active = Your profile is not active right now. If you paused it, send /resume.
error-not_paused = Your profile is not paused.
error-profile_incomplete = Please finish your profile first: send /start to continue.
error-invalid_user_id = I could not find that user.
error-invalid_first_name = Your Telegram name is empty or too long. Please change it in Telegram’s settings and send /start again.
error-invalid_username = Your Telegram username looks wrong. Please check it in Telegram’s settings and send /start again.
error-invalid_languages = Something does not add up in your languages. Please choose them again.
error-invalid_interests = Something does not add up in your interests. Please choose them again.
error-invalid_availability = This availability does not work: choose a valid time zone and at least one day and one time of day.
error-invalid_communication = Choose at least one way to practise and how often you would like to.
error-invalid_interface_language = This interface language is not available. Please choose one from the list.
error-bio_too_long = Your text is { $length ->
        [one] { $length } character
       *[other] { $length } characters
    } long; please keep it within { $max }.
error-text_has_control_characters = Your text contains invisible control characters. Please remove them and send it again.
error-feedback_length = Your message is { $length ->
        [one] { $length } character
       *[other] { $length } characters
    } long; it must be { $min }–{ $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
error-comment_too_long = Your comment is too long: please keep it within { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
error-invalid_report_reason = Please choose a reason from the list.
error-invalid_decline_reason = Please choose a reason from the list.
error-invalid_reminder_kind = Something went wrong on our side. Please try again later.
error-invalid_dialog = Something went wrong on our side. Please send /cancel and try again.
error-unexpected = Sorry, something went wrong on our side and I could not handle that. Please try again in a moment; if it keeps happening, tell us with /feedback.
error-self_target = That is you! Please choose someone else.
error-already_blocked = You have already blocked this user.
error-not_blocked = This user is not blocked.
error-blocked_pair = You cannot contact this person.
error-too_many_pending_requests = You already have { $max ->
        [one] { $max } request
       *[other] { $max } requests
    } waiting for an answer, the most allowed. Wait for a reply or withdraw one in /requests.
error-tandem_exists = You already have a request or a tandem with this person.
error-declined_recently = This person declined your request recently. Give it some time, and meanwhile try /find.
error-request_not_found = I could not find this request. It may have been withdrawn.
error-request_already_answered = This request has already been answered.
error-request_expired = This request has expired. Send /find to look for partners.
error-request_not_expired = This request is still waiting for an answer.
error-not_request_target = Only the person who received this request can answer it.
error-not_request_owner = Only the person who sent this request can withdraw it.
error-tandem_not_active = This tandem is not active.
error-tandem_not_ended = You can rate a tandem once it has ended.
error-already_rated = You have already rated this tandem.
error-invalid_rating = Please rate with a whole number from { $min } to { $max }.

## Why a request was declined (buttons, and the reason after “declined your request. Reason:”)

decline-reason-no_time = No time right now
decline-reason-language_mismatch = Our languages do not fit
decline-reason-level_mismatch = Our levels are too different
decline-reason-interests_mismatch = Different interests
decline-reason-schedule_mismatch = Our schedules do not match
decline-reason-other = Another reason

## Why a request or tandem closed, as this side sees it (lower case: it follows a colon)

close-reason-by_user = closed by you
close-reason-by_peer = closed by the other person
close-reason-peer_unavailable = they are no longer available
close-reason-blocked = closed because of a block
close-reason-banned = your account was blocked
close-reason-forgotten = your data was deleted

## Why a request did not reach its target

reject-reason-unavailable = This person cannot take requests right now. Try someone else with /find.
reject-reason-declined_recently = This person declined your request recently, so it was not sent again. Try someone else with /find.

## Reminders

reminder-complete_profile = Your profile is { $percent }% complete. Finish it to start meeting partners.
reminder-inactive = We have not seen you for a while. Send /find to meet a new language partner, or /pause if you need a break.
reminder-pending_requests = { $count ->
        [one] { $count } request is
       *[other] { $count } requests are
    } waiting for your answer. Open them to accept or decline.
reminder-rate_partner = How was your tandem with { $name }? Rate it from 1 to 5: it helps us find better partners.

## Why two people cannot be matched

ineligible-self = That is you.
ineligible-not_active = One of you has a paused or unfinished profile.
ineligible-no_reciprocal_language = You cannot teach each other: each of you must speak natively a language the other learns.
ineligible-no_overlap = Your free times do not overlap.
ineligible-blocked = One of you has blocked the other.
ineligible-declined_recently = A request between you was declined recently.
ineligible-tandem_open = You already have a request or a tandem together.

## Why a candidate fits (one line per score part, with its points)

match-part-overlap_hours = { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } a week when you are both free (+{ $points })
match-part-level_fit = { $fit ->
        [none] No language you can teach each other
       *[pair] Levels: you learn { $viewerLearns } at { $viewerLevel }, they learn { $candidateLearns } at { $candidateLevel }
    } (+{ $points })
match-part-shared_interests = { $shared ->
        [one] { $shared } shared interest
       *[other] { $shared } shared interests
    }, { $sharedPrimary ->
        [one] { $sharedPrimary } of them a top one
       *[other] { $sharedPrimary } of them top ones
    } (+{ $points })
match-part-communication = { $sharedStyles ->
        [one] { $sharedStyles } way to practise
       *[other] { $sharedStyles } ways to practise
    } in common, { $sameFrequency ->
        [yes] same pace
       *[no] different pace
    } (+{ $points })
match-part-recent_activity = { $activity ->
        [never] No recent activity
        [today] Active today
       *[recent] Active { $daysSinceActive ->
            [one] { $daysSinceActive } day
           *[other] { $daysSinceActive } days
        } ago
    } (+{ $points })
match-part-fairness = Already has { $pendingRequests ->
        [one] { $pendingRequests } request
       *[other] { $pendingRequests } requests
    } waiting for an answer ({ $points })

## How partners talk

channel-contact = Directly: you see each other’s @username
channel-relay = Through the bot: I pass your messages on
