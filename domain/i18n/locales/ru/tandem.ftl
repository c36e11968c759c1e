### Запросы, тандемы и чат через бота (issue #6, пункты 4 и 5) — русский.
### Имя ($name) не склоняется: оно стоит в именительном падеже, после двоеточия или после «пользователь» в нужном падеже
### («запрос от пользователя { $name }», не «запрос от { $name }»).

## Имена и карточки

# Вместо имени, когда в нём не осталось печатных символов или карточка недоступна. Стоит там же, где имя, — в начале
# фразы и после «пользователем», «пользователю», «партнёру» — и, как имя, не склоняется: поэтому в кавычках, как
# прозвище («Тандем с пользователем «Аноним» завершён.»).
tandem-name-missing = «Аноним»
tandem-card-unavailable = (карточка профиля сейчас недоступна)

## Кнопки

tandem-button-block = Заблокировать
tandem-button-report = Пожаловаться
tandem-button-cancel-request = Отозвать: { $name }
tandem-button-end = Завершить: { $name }
tandem-button-open-chat = Написать: { $name }
tandem-decline-no-reason = Без причины

## Ответ на запрос (карточка меняется на месте)

tandem-decline-ask = Отклонить запрос от пользователя { $name }? Можно указать причину или отклонить без неё.
tandem-request-accepted-by-you = Вы приняли запрос от пользователя { $name }. Запускаем тандем…
tandem-request-declined-by-you = Вы отклонили запрос от пользователя { $name }.
tandem-request-withdrawn-by-you = Вы отозвали запрос пользователю { $name }.
tandem-request-not-delivered = Ваш запрос пользователю { $name } не доставлен. { $reason }
tandem-request-closed = Ваш запрос пользователю { $name } закрыт: { $reason }.
tandem-request-incoming-closed = Запрос от пользователя { $name } закрыт: { $reason }.

## /requests

tandem-requests-none = У вас нет ожидающих запросов и активного тандема. Отправьте /find, чтобы найти партнёра.
tandem-requests-incoming = { $count ->
        [one] { $count } запрос ждёт вашего ответа:
        [few] { $count } запроса ждут вашего ответа:
        [many] { $count } запросов ждут вашего ответа:
       *[other] { $count } запроса ждут вашего ответа:
    }
tandem-requests-more = …и ещё { $count }. Ответьте на эти и снова отправьте /requests.
tandem-requests-outgoing = Ваши запросы, ожидающие ответа:
tandem-requests-outgoing-item = • { $name } (истекает через { $hours ->
        [one] { $hours } час
        [few] { $hours } часа
        [many] { $hours } часов
       *[other] { $hours } часа
    })
tandem-requests-active = Ваши партнёры по тандему:
tandem-requests-active-contact = • { $name }: { $contact }
tandem-requests-active-relay = • { $name }: переписка здесь, через бота (/chat)

## Начало тандема

tandem-started-contact = Теперь вы и { $name } — партнёры по тандему! Пишите напрямую: { $contact }
tandem-started-contact-unknown = Теперь вы и { $name } — партнёры по тандему! @username собеседника скоро появится в /requests.
tandem-relay-howto = Всё, что вы отправите сюда — текст, фото, голосовые, стикеры, ответы, — получит { $name } с подписью только вашим именем. /end завершает тандем; /block и /report тоже работают здесь.

## Чат через бота

relay-header = 💬 { $name }
relay-reply = ↩ «{ $excerpt }»
relay-reply-media = ↩ (фото, голосовое или стикер)
relay-unsupported = Я могу передавать текст, фото, видео, голосовые и видеосообщения, стикеры, аудио и файлы — но не такие сообщения.
relay-pick-partner = Кому это сообщение?
relay-sent-to = Отправлено: { $name }. Следующие сообщения тоже получит { $name }; сменить собеседника — /chat.
relay-chat-pick = С кем вы хотите переписываться?
relay-chat-current = Ваш собеседник сейчас: { $name }. Сообщения, отправленные сюда, получит { $name }.
relay-chat-none = У вас нет партнёра для переписки через бота. Ваши запросы — в /requests.

## Завершение и оценка

tandem-end-pick = Какой тандем вы хотите завершить?
tandem-ended-unavailable = Тандем с пользователем { $name } завершён: { $reason }.
tandem-rate-chosen = Ваша оценка партнёру { $name }: { $stars }
tandem-rating-done = Вы уже оценили этот тандем. Спасибо!
