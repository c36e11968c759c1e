### /find и карточки партнёров (задача #6, пункт 3). Те же id и переменные, что в других языках.

## Карточка партнёра (actors/userActor/bot/cards/partnerCard.ts; также для запросов и партнёров)

card-title = 👤 { $name }
# Когда в имени из Telegram не осталось печатаемых символов.
card-name-missing = Изучающий языки
card-username = Telegram: @{ $username }
card-native = 🗣 Родные языки: { $languages }
card-learning = 📚 Изучает: { $languages }
card-language-level = { $language } ({ $level })
card-interests = ✨ Интересы: { $interests }
card-overlap = 🕒 Общее свободное время: { $hours } { $hours ->
        [one] час
        [few] часа
        [many] часов
       *[other] часа
    } в неделю (ваше время, { $timeZone }):
card-overlap-none = 🕒 На этой неделе нет общего свободного времени.
card-styles = 💬 Формат общения: { $styles }
card-frequency = 🔁 Как часто: { $frequency }
card-bio = 📝 { $bio }
card-why = Почему вы подходите друг другу:

## Просмотр

find-button-request = ✉️ Отправить запрос
find-button-skip = Пропустить
find-button-next = Далее ➡️
find-button-block = 🚫 Заблокировать
find-button-report = ⚠️ Пожаловаться
find-button-notify = 🔔 Сообщить мне
find-button-again = 🔄 Искать снова
find-position = Партнёр { $index } из { $total }
find-stale = Этот поиск уже устарел. Отправьте /find, чтобы поискать снова.
find-nothing-new = Пока ничего нового: на экране уже самое свежее.
find-skipped-all = Вы посмотрели всех, кто сейчас подходит.
find-search-failed = Сейчас не получается выполнить поиск. Попробуйте ещё раз через минуту.

## Пока профиль не готов

find-incomplete = Чтобы найти партнёра, сначала заполните профиль. Не хватает: { $missing }. Отправьте /start, чтобы продолжить.
find-section-nativeLanguages = родных языков
find-section-learningLanguages = изучаемых языков
find-section-interests = интересов
find-section-availability = свободного времени
find-section-communication = способа общения
find-paused = Ваш профиль на паузе: вас никто не видит, и отправлять запросы нельзя. Сначала отправьте /resume.

## Никто не подходит

find-none = Сейчас вам никто не подходит.
find-advice-languages = Пока никто не изучает ваш родной язык, владея при этом языком, который учите вы. Добавьте ещё один изучаемый язык в /profile — круг поиска станет шире.
find-advice-availability = Есть люди с подходящими языками, но они свободны в другое время. Добавьте дни или время суток в /profile — круг поиска станет шире.
find-advice-taken = У всех, кто подходит, уже есть с вами запрос или тандем — или вы с ними недавно не сошлись.
find-advice-notify = Нажмите «Сообщить мне», и я напишу один раз, как только появится подходящий партнёр.
find-notify-set = 🔔 Готово: я напишу один раз, когда появится подходящий партнёр.
find-notify-paused = Пока профиль на паузе, уведомления выключены. Сначала отправьте /resume.
find-partner-appeared = 🔔 Появился подходящий языковой партнёр. Отправьте /find, чтобы посмотреть.
