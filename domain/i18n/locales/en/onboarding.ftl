### Onboarding wizard, /start, /help and /cancel — English (owned by the onboarding feature).

## /start and /help

start-main-commands = Send /find to meet a partner, /profile to see or edit your profile, or /help for everything I can do.
help-intro = { -bot-name } helps you find a tandem partner: someone who speaks the language you learn and learns the language you speak.
help-admin-title = For admins:
help-admin-stats = Bot statistics
help-admin-feedbacks = Browse feedback from users
help-admin-reports = Review reports about users
help-admin-broadcast = Send a message to every user
help-free-text = I did not understand that. Send /help to see what I can do, or /find to look for a partner.
help-stale-button = This button is no longer active. Send /help to see what I can do.

## The wizard

ob-step = Step { $step } of { $total }
ob-resume = Let us continue where you stopped.
ob-cancelled-resume = Send /start whenever you want to continue setting up your profile.
ob-button-next = Next
ob-selected = Chosen: { $items }
ob-search-hint = Not in the list? Type its name or code (e.g. “Swedish” or “sv”).
ob-search-found = { $count ->
        [one] I found { $count } language:
       *[other] I found { $count } languages:
    } tap to choose.
ob-learning-hint = Tap a language to choose your level in it; tap it again to remove it. Not in the list? Type its name.
ob-already-native = This is already one of your native languages.
ob-already-learning = You are learning this language: remove it from the languages you learn first.
ob-choose-one = Please choose at least one option first.
ob-first-step = This is the first step.
ob-interests-hint = Open a category to choose interests in it, then tap Next.
ob-interests-category = { $category }: tap to choose or remove.
ob-button-categories = Categories
ob-primary-hint = Main interests weigh more when I look for partners. You may also mark none.
ob-tz-hint = Tap a city or an offset, type a city or an offset such as +3, or share your location (📎 → Location).
ob-tz-current = Time zone: { $zone }
ob-tz-offsets = Choose your UTC offset.
ob-tz-unknown = I could not recognise this time zone. Type a city (e.g. “Berlin”), an offset (e.g. “+3” or “UTC-5”), or use the buttons.
ob-button-offsets = UTC offsets…
ob-days-custom = Choose your days, then tap Next.
ob-multi-hint = Choose one or more, then tap Next.
ob-bio-current = Now: { $bio }
ob-bio-saved = Saved.
ob-button-keep-bio = Keep it
ob-button-remove-bio = Remove
ob-review = Here is your profile. Is everything right?
ob-review-pick = Which section do you want to change?
ob-review-incomplete = A required section is still missing.
ob-button-confirm = Confirm
ob-button-edit = Edit a section
ob-use-buttons = Please use the buttons of this step (or send /cancel to stop for now).
ob-stale = This step is over. Send /start to continue setting up, or /profile to edit your profile.
ob-stale-step = This button belongs to another step. Use the newest message.

## Cities of the time-zone picker

ob-city-london = London
ob-city-berlin = Berlin
ob-city-kyiv = Kyiv
ob-city-moscow = Moscow
ob-city-istanbul = Istanbul
ob-city-dubai = Dubai
ob-city-almaty = Almaty
ob-city-delhi = Delhi
ob-city-bangkok = Bangkok
ob-city-beijing = Beijing
ob-city-tokyo = Tokyo
ob-city-sydney = Sydney
ob-city-sao_paulo = São Paulo
ob-city-new_york = New York
ob-city-chicago = Chicago
ob-city-los_angeles = Los Angeles
