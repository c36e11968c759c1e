### Requests, tandems and the relay chat (issue #6, points 4 and 5) — English.

## Names and cards

# Stands for a name when a person's has nothing printable or their card is unavailable. It takes a name's place in
# every sentence ("Anonymous accepted your request!", "Your tandem with Anonymous has ended."), so it reads as one:
# capitalised, no article.
tandem-name-missing = Anonymous
tandem-card-unavailable = (their profile card is not available right now)

## Buttons

tandem-button-block = Block
tandem-button-report = Report
tandem-button-cancel-request = Withdraw: { $name }
tandem-button-end = End: { $name }
tandem-button-open-chat = Write to { $name }
tandem-decline-no-reason = No reason

## Answering a request (the card is edited in place)

tandem-decline-ask = Decline the request from { $name }? You may tell them why, or decline without a reason.
tandem-request-accepted-by-you = You accepted the request from { $name }. Starting your tandem…
tandem-request-declined-by-you = You declined the request from { $name }.
tandem-request-withdrawn-by-you = You withdrew your request to { $name }.
tandem-request-not-delivered = Your request to { $name } was not delivered. { $reason }
tandem-request-closed = Your request to { $name } is closed: { $reason }.
tandem-request-incoming-closed = The request from { $name } is closed: { $reason }.

## /requests

tandem-requests-none = You have no pending requests and no active tandem. Send /find to meet a partner.
tandem-requests-incoming = { $count ->
        [one] { $count } request is waiting for your answer:
       *[other] { $count } requests are waiting for your answer:
    }
tandem-requests-more = …and { $count } more. Answer these first, then send /requests again.
tandem-requests-outgoing = Your requests waiting for an answer:
tandem-requests-outgoing-item = • { $name } (expires in { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    })
tandem-requests-active = Your tandem partners:
tandem-requests-active-contact = • { $name }: { $contact }
tandem-requests-active-relay = • { $name }: chat here through the bot (/chat)

## Tandem start

tandem-started-contact = You and { $name } are now tandem partners! Write to them directly: { $contact }
tandem-started-contact-unknown = You and { $name } are now tandem partners! Their @username will be on /requests in a moment.
tandem-relay-howto = Everything you send here — text, photos, voice messages, stickers, replies — goes to { $name }, signed with your first name only. /end ends the tandem; /block and /report work here too.

## Relay chat

relay-header = 💬 { $name }
relay-reply = ↩ “{ $excerpt }”
relay-reply-media = ↩ (a photo, voice message or sticker)
relay-unsupported = I can pass on text, photos, videos, voice and video messages, stickers, audio and files — not this kind of message.
relay-pick-partner = Who is this message for?
relay-sent-to = Sent to { $name }. Your next messages go to { $name } too; send /chat to switch.
relay-chat-pick = Who do you want to chat with?
relay-chat-current = You are chatting with { $name }. Messages you send here go to { $name }.
relay-chat-none = You have no partner to chat with through the bot. Send /requests to see your requests.

## Ending and rating

tandem-end-pick = Which tandem do you want to end?
tandem-ended-unavailable = Your tandem with { $name } has ended: { $reason }.
tandem-rate-chosen = Your rating for { $name }: { $stars }
tandem-rating-done = You have already rated this tandem. Thank you!
