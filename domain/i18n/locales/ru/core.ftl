### Каталог сообщений Lexbot — русский.
### Каждое сообщение есть во всех локалях с теми же переменными и атрибутами (проверяет
### test/domain/i18n/catalog.unit.test.ts). Названий языков здесь нет: они берутся из domain/languages.
### Числа согласуются через категории CLDR: [one] 1, 21…; [few] 2–4, 22–24…; [many] 0, 5–20, 25…; [other] дроби.

-bot-name = Lexbot

## Команды (меню команд Telegram и /help)

command-start = Начать или продолжить заполнение профиля
command-profile = Посмотреть и изменить профиль
command-find = Найти партнёра по языку
command-requests = Ваши запросы и партнёры по тандему
command-chat = Выбрать, с кем переписываться через бота
command-language = Сменить язык интерфейса
command-pause = Приостановить профиль (вас не будут показывать другим)
command-resume = Снова включить профиль
command-reset = Заполнить профиль заново
command-feedback = Написать команде
command-delete_me = Удалить все ваши данные
command-help = Показать эту справку
command-end = Завершить текущий тандем
command-block = Заблокировать текущего партнёра
command-unblock = Разблокировать пользователя
command-report = Пожаловаться на текущего партнёра
command-cancel = Отменить текущее действие

unknown-command = Я не знаю такой команды. Отправьте /help, чтобы увидеть, что я умею.
action-cancelled = Отменено.
nothing-to-cancel = Отменять нечего.
rate-limited =
    Вы отправляете сообщения слишком часто. Подождите { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
        [many] { $seconds } секунд
       *[other] { $seconds } секунды
    } и попробуйте снова.

## Знакомство и профиль

welcome = Привет, { $name }! { -bot-name } подбирает партнёров для языкового обмена. Давайте заполним профиль — это займёт пару минут.
welcome-back = С возвращением, { $name }!
choose-interface-language = Выберите язык бота.
interface-language-set = Готово: буду говорить с вами по-русски.
ask-native-languages = На каких языках вы говорите как носитель? Выберите до { $max } или напишите название языка для поиска.
ask-learning-languages = Какие языки вы изучаете? Выберите до { $max }.
ask-level = { $language }: какой у вас уровень?
ask-interests = Что вам интересно? Выберите сколько угодно.
ask-primary-interests = Что из этого для вас главное? Отметьте до { $max }.
ask-time-zone = В каком вы часовом поясе? Напишите ваш город или название пояса, например Europe/Moscow.
ask-days = В какие дни вы можете заниматься?
ask-slots = В какое время суток? (по вашему местному времени)
ask-styles = Как вам удобнее практиковаться?
ask-frequency = Как часто вы хотите заниматься?
ask-bio = Расскажите будущим партнёрам немного о себе (до { $max ->
        [one] { $max } символа
        [few] { $max } символов
        [many] { $max } символов
       *[other] { $max } символа
    }) или пропустите этот шаг.
language-search-empty = Не нашёл языка «{ $query }». Попробуйте другое написание, английское название или ISO-код, например «de».
profile-complete = Профиль готов. Отправьте /find, чтобы найти партнёра.
profile-completion = Профиль заполнен на { $percent }%.
profile-reset-done = Профиль очищен. Начнём сначала.
selection-limit = Здесь можно выбрать не больше { $max ->
        [one] { $max } варианта
        [few] { $max } вариантов
        [many] { $max } вариантов
       *[other] { $max } варианта
    }.

## Подписи в профиле

profile-native = Родные языки
profile-learning = Изучаю
profile-interests = Интересы
profile-availability = Когда удобно
profile-time-zone = Часовой пояс
profile-styles = Формат общения
profile-frequency = Как часто
profile-bio = О себе

## Статус аккаунта и безопасность

account-paused = Профиль приостановлен: его никто не увидит и не пришлёт вам запрос. Когда вернётесь, отправьте /resume.
account-resumed = Профиль снова активен.
account-already-paused = Профиль уже приостановлен. Когда вернётесь, отправьте /resume.
account-banned = Ваш аккаунт заблокирован за нарушение правил, поэтому пользоваться ботом больше нельзя.
user-blocked = Вы заблокировали пользователя { $name }. Вы больше не увидите друг друга.
user-unblocked = Вы разблокировали пользователя { $name }.
report-ask-reason = Что не так с пользователем { $name }?
report-reason-spam = Спам или реклама
report-reason-harassment = Оскорбления и преследование
report-reason-inappropriate = Неприемлемый контент
report-reason-fake_profile = Фальшивый профиль
report-reason-other = Другое
report-ask-comment = Добавьте комментарий для модераторов или пропустите.
report-received = Спасибо. Модераторы разберутся.

## Запросы и тандемы

request-sent = Запрос отправлен: { $name }. Ответить на него можно в течение { $hours ->
        [one] { $hours } часа
        [few] { $hours } часов
        [many] { $hours } часов
       *[other] { $hours } часа
    }.
request-received = { $name } хочет практиковаться с вами.
request-expired = Ваш запрос пользователю { $name } истёк без ответа.
request-expired-incoming = Запрос от пользователя { $name } истёк.
request-declined = { $name } отклонил(а) ваш запрос.
request-declined-with-reason = { $name } отклонил(а) ваш запрос. Причина: { $reason }
request-accepted = { $name } принял(а) ваш запрос! Поздоровайтесь.
request-cancelled = { $name } отозвал(а) запрос.
request-already-answered = На этот запрос уже ответили.
tandem-started = Теперь вы и { $name } — партнёры по тандему.
tandem-ended = Тандем с пользователем { $name } завершён.
tandem-ended-by-partner = { $name } завершил(а) тандем.
tandem-none = У вас нет активного тандема.
rate-partner = Как прошла практика с пользователем { $name }? Оцените от 1 до 5.
rating-comment-ask = Добавьте комментарий (необязательно) или пропустите.
rating-received = Спасибо за оценку!

## Обратная связь и личные данные

feedback-ask = Напишите сообщение команде (от { $min } до { $max ->
        [one] { $max } символа
        [few] { $max } символов
        [many] { $max } символов
       *[other] { $max } символа
    }).
feedback-received = Спасибо! Команда получила ваше сообщение.
delete-me-confirm = Будут удалены ваш профиль, тандемы и всё, что вы писали, — навсегда, без возможности восстановления. Удалить всё?
delete-me-done = Ваши данные удалены. До свидания и удачи с языками!
delete-me-cancelled = Ничего не удалено.

## Кнопки

button-skip = Пропустить
button-back = Назад
button-accept = Принять
button-decline = Отклонить
button-delete = Удалить всё

## Интересы

interest-category-entertainment = Развлечения
interest-category-education = Знания
interest-category-active = Активный отдых
interest-category-creative = Творчество
interest-category-social = Общество

interest-movies_tv = Кино
interest-music = Музыка
interest-games = Игры
interest-tv_shows = Сериалы
interest-comedy = Юмор
interest-anime = Аниме
interest-books = Книги
interest-technology = Технологии
interest-science = Наука
interest-languages = Языки
interest-history = История
interest-philosophy = Философия
interest-sports = Спорт
interest-travel = Путешествия
interest-fitness = Фитнес
interest-outdoor = Природа и походы
interest-dancing = Танцы
interest-cooking = Кулинария
interest-art = Искусство
interest-photography = Фотография
interest-writing = Писательство
interest-design = Дизайн
interest-volunteering = Волонтёрство
interest-politics = Политика
interest-psychology = Психология

## Уровни CEFR

level-A1 = A1 · Начальный
level-A1-description = Знаю простые слова и фразы.
level-A2 = A2 · Элементарный
level-A2-description = Могу говорить о простых повседневных вещах.
level-B1 = B1 · Средний
level-B1-description = Справляюсь со знакомыми темами и ситуациями в поездке.
level-B2 = B2 · Выше среднего
level-B2-description = Свободно говорю с носителями на большинство тем.
level-C1 = C1 · Продвинутый
level-C1-description = Свободно выражаю мысли даже на сложные темы.
level-C2 = C2 · В совершенстве
level-C2-description = Понимаю практически всё, как носитель.

## Общение

style-text = Переписка
style-voice_messages = Голосовые сообщения
style-audio_call = Аудиозвонки
style-video_call = Видеозвонки
style-in_person = Личные встречи

frequency-daily = Каждый день
frequency-several_per_week = Несколько раз в неделю
frequency-weekly = Раз в неделю
frequency-occasionally = Время от времени

## Время

weekday-short-mon = Пн
weekday-short-tue = Вт
weekday-short-wed = Ср
weekday-short-thu = Чт
weekday-short-fri = Пт
weekday-short-sat = Сб
weekday-short-sun = Вс

days-weekdays = Будни
days-weekends = Выходные
days-any = Любой день
days-days = Выбранные дни

slot-morning = Утро (06–12)
slot-day = День (12–18)
slot-evening = Вечер (18–23)
slot-late = Ночь (23–06)

availability-range = { $day } { $from }–{ $to }

## Ошибки заполнения

problem-languages-native_count = Выберите от { $min } до { $max ->
        [one] { $max } родного языка
        [few] { $max } родных языков
        [many] { $max } родных языков
       *[other] { $max } родного языка
    } (выбрано: { $count }).
problem-languages-learning_count = Выберите от { $min } до { $max ->
        [one] { $max } изучаемого языка
        [few] { $max } изучаемых языков
        [many] { $max } изучаемых языков
       *[other] { $max } изучаемого языка
    } (выбрано: { $count }).
problem-languages-unknown_language = Не знаю языка «{ $language }».
problem-languages-unknown_level = «{ $level }» — не уровень; выберите уровень от A1 до C2 для языка { $language }.
problem-languages-duplicate_native = { $language } указан среди родных языков дважды.
problem-languages-duplicate_learning = { $language } указан среди изучаемых языков дважды.
problem-languages-learning_native = Нельзя изучать { $language }: это уже ваш родной язык.
problem-interests-none_selected = Выберите хотя бы { $min ->
        [one] { $min } интерес
        [few] { $min } интереса
        [many] { $min } интересов
       *[other] { $min } интереса
    }.
problem-interests-unknown_interest = Не знаю интереса «{ $interest }».
problem-interests-duplicate_interest = «{ $interest }» выбран дважды.
problem-interests-duplicate_primary = «{ $interest }» дважды отмечен как главный интерес.
problem-interests-primary_not_selected = «{ $interest }» может быть главным интересом, только если он выбран среди интересов.
problem-interests-too_many_primary = Отметьте не больше { $max ->
        [one] { $max } главного интереса
        [few] { $max } главных интересов
        [many] { $max } главных интересов
       *[other] { $max } главного интереса
    } (отмечено: { $count }).
problem-availability-invalid_time_zone = Не знаю часового пояса «{ $timeZone }». Напишите название вроде Europe/Moscow или Asia/Tokyo.
problem-availability-unknown_day_selection = «{ $kind }» — не вариант выбора дней.
problem-availability-no_days = Выберите хотя бы один день.
problem-availability-unknown_day = «{ $day }» — не день недели.
problem-availability-duplicate_day = День выбран дважды: { $day }.
problem-availability-no_slots = Выберите хотя бы одно время суток.
problem-availability-unknown_slot = «{ $slot }» — не время суток.
problem-availability-duplicate_slot = Время суток выбрано дважды: { $slot }.

## Отказы в командах (error-<код>; переменные — поля details у DomainError)

error-not_started = Сначала отправьте /start, чтобы заполнить профиль.
error-forgotten = Ваши данные удалены по вашей просьбе. Отправьте /start, чтобы начать заново как новый пользователь.
error-banned = Ваш аккаунт заблокирован за нарушение правил, поэтому пользоваться ботом больше нельзя.
error-already_banned = Этот аккаунт уже заблокирован.
error-not_banned = Этот аккаунт не заблокирован.
error-not_active = Ваш профиль сейчас неактивен. Если вы его приостановили, отправьте /resume.
error-not_paused = Ваш профиль не приостановлен.
error-profile_incomplete = Сначала заполните профиль до конца: отправьте /start, чтобы продолжить.
error-invalid_user_id = Не удалось найти этого пользователя.
error-invalid_first_name = Имя в Telegram пустое или слишком длинное. Исправьте его в настройках Telegram и снова отправьте /start.
error-invalid_username = С вашим именем пользователя в Telegram что-то не так. Проверьте его в настройках Telegram и снова отправьте /start.
error-invalid_languages = С выбранными языками что-то не сходится. Выберите их, пожалуйста, заново.
error-invalid_interests = С выбранными интересами что-то не сходится. Выберите их, пожалуйста, заново.
error-invalid_availability = Так не получится: укажите правильный часовой пояс и хотя бы один день и одно время суток.
error-invalid_communication = Выберите хотя бы один формат общения и то, как часто хотите заниматься.
error-invalid_interface_language = Такого языка интерфейса нет. Выберите язык из списка.
error-bio_too_long = В вашем тексте { $length ->
        [one] { $length } символ
        [few] { $length } символа
        [many] { $length } символов
       *[other] { $length } символа
    }; уложитесь, пожалуйста, в { $max }.
error-text_has_control_characters = В тексте есть невидимые управляющие символы. Уберите их и отправьте текст ещё раз.
error-feedback_length = В сообщении { $length ->
        [one] { $length } символ
        [few] { $length } символа
        [many] { $length } символов
       *[other] { $length } символа
    }, а нужно от { $min } до { $max }.
error-comment_too_long = Комментарий слишком длинный: уложитесь, пожалуйста, в { $max ->
        [one] { $max } символ
        [few] { $max } символа
        [many] { $max } символов
       *[other] { $max } символа
    }.
error-invalid_report_reason = Выберите, пожалуйста, причину из списка.
error-invalid_decline_reason = Выберите, пожалуйста, причину из списка.
error-invalid_reminder_kind = У нас что-то пошло не так. Попробуйте, пожалуйста, позже.
error-invalid_dialog = У нас что-то пошло не так. Отправьте /cancel и попробуйте ещё раз.
error-unexpected = Извините, у нас что-то пошло не так, и я не смог это обработать. Попробуйте ещё раз чуть позже; если не получится, напишите нам через /feedback.
error-self_target = Это же вы! Выберите кого-нибудь другого.
error-already_blocked = Вы уже заблокировали этого пользователя.
error-not_blocked = Этот пользователь не заблокирован.
error-blocked_pair = Связаться с этим человеком нельзя.
error-too_many_pending_requests = У вас уже { $max ->
        [one] { $max } запрос ждёт
        [few] { $max } запроса ждут
        [many] { $max } запросов ждут
       *[other] { $max } запроса ждут
    } ответа — больше нельзя. Дождитесь ответа или отзовите один из запросов в /requests.
error-tandem_exists = С этим человеком у вас уже есть запрос или тандем.
error-declined_recently = Этот человек недавно отклонил ваш запрос. Дайте ему время, а пока поищите других через /find.
error-request_not_found = Не нашёл этот запрос. Возможно, его уже отозвали.
error-request_already_answered = На этот запрос уже ответили.
error-request_expired = Срок этого запроса истёк. Отправьте /find, чтобы поискать партнёров.
error-request_not_expired = Этот запрос ещё ждёт ответа.
error-not_request_target = Ответить на запрос может только тот, кому он отправлен.
error-not_request_owner = Отозвать запрос может только тот, кто его отправил.
error-tandem_not_active = Этот тандем уже не активен.
error-tandem_not_ended = Оценить тандем можно после того, как он завершится.
error-already_rated = Вы уже оценили этот тандем.
error-invalid_rating = Поставьте, пожалуйста, целую оценку от { $min } до { $max }.

## Почему запрос отклонён (кнопки и причина после «отклонил(а) ваш запрос. Причина:»)

decline-reason-no_time = Сейчас нет времени
decline-reason-language_mismatch = Не подходят языки
decline-reason-level_mismatch = Слишком разный уровень
decline-reason-interests_mismatch = Разные интересы
decline-reason-schedule_mismatch = Не совпадает расписание
decline-reason-other = Другая причина

## Почему запрос или тандем закрыт — с точки зрения этой стороны (со строчной: идёт после двоеточия)

close-reason-by_user = закрыто вами
close-reason-by_peer = закрыто собеседником
close-reason-peer_unavailable = собеседник больше недоступен
close-reason-blocked = закрыто из-за блокировки
close-reason-banned = ваш аккаунт заблокирован
close-reason-forgotten = ваши данные удалены

## Почему запрос не дошёл до адресата

reject-reason-unavailable = Этот человек сейчас не принимает запросы. Поищите другого партнёра через /find.
reject-reason-declined_recently = Этот человек недавно отклонил ваш запрос, поэтому новый не отправлен. Поищите другого партнёра через /find.

## Напоминания

reminder-complete_profile = Профиль заполнен на { $percent }%. Допишите его, чтобы начать знакомиться.
reminder-inactive = Давно вас не видели! Отправьте /find, чтобы найти нового партнёра, или /pause, если нужен перерыв.
reminder-pending_requests = { $count ->
        [one] { $count } запрос ждёт
        [few] { $count } запроса ждут
        [many] { $count } запросов ждут
       *[other] { $count } запроса ждут
    } вашего ответа. Откройте их, чтобы принять или отклонить.
reminder-rate_partner = Как прошёл тандем с пользователем { $name }? Оцените его от 1 до 5 — так мы сможем подбирать партнёров лучше.

## Почему двоих нельзя свести

ineligible-self = Это вы сами.
ineligible-not_active = У одного из вас профиль приостановлен или не заполнен.
ineligible-no_reciprocal_language = Вам нечему научить друг друга: каждый должен быть носителем языка, который учит другой.
ineligible-no_overlap = Ваше свободное время не совпадает.
ineligible-blocked = Один из вас заблокировал другого.
ineligible-declined_recently = Недавно один из вас отклонил запрос другого.
ineligible-tandem_open = У вас уже есть общий запрос или тандем.

## Почему кандидат подходит (по строке на каждую часть оценки, с баллами)

match-part-overlap_hours = Общего свободного времени: { $hours } { $hours ->
        [one] час
        [few] часа
        [many] часов
       *[other] часа
    } в неделю (+{ $points })
match-part-level_fit = { $fit ->
        [none] Нет языка, которому вы могли бы научить друг друга
       *[pair] Уровни: у вас — { $viewerLevel } ({ $viewerLearns }), у собеседника — { $candidateLevel } ({ $candidateLearns })
    } (+{ $points })
match-part-shared_interests = { $shared ->
        [one] { $shared } общий интерес
        [few] { $shared } общих интереса
        [many] { $shared } общих интересов
       *[other] { $shared } общего интереса
    }, из них главных: { $sharedPrimary } (+{ $points })
match-part-communication = { $sharedStyles ->
        [one] { $sharedStyles } общий формат общения
        [few] { $sharedStyles } общих формата общения
        [many] { $sharedStyles } общих форматов общения
       *[other] { $sharedStyles } общего формата общения
    }, { $sameFrequency ->
        [yes] одинаковый темп
       *[no] разный темп
    } (+{ $points })
match-part-recent_activity = { $activity ->
        [never] Давно не было активности
        [today] Последняя активность: сегодня
       *[recent] Последняя активность: { $daysSinceActive } { $daysSinceActive ->
            [one] день
            [few] дня
            [many] дней
           *[other] дня
        } назад
    } (+{ $points })
match-part-fairness = У собеседника уже { $pendingRequests ->
        [one] { $pendingRequests } входящий запрос ждёт
        [few] { $pendingRequests } входящих запроса ждут
        [many] { $pendingRequests } входящих запросов ждут
       *[other] { $pendingRequests } входящего запроса ждут
    } ответа ({ $points })

## Как партнёры общаются

channel-contact = Напрямую: вы видите @username друг друга
channel-relay = Через бота: я пересылаю ваши сообщения
