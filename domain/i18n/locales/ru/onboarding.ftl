### Мастер заполнения профиля, /start, /help и /cancel — русский (принадлежит функции onboarding).

## /start и /help

start-main-commands = Отправьте /find, чтобы найти партнёра, /profile — чтобы посмотреть или изменить профиль, или /help — чтобы узнать, что я умею.
help-intro = { -bot-name } помогает найти партнёра для языкового обмена: человека, который говорит на языке, который вы учите, и учит ваш язык.
help-admin-title = Для администраторов:
help-admin-stats = Статистика бота
help-admin-feedbacks = Отзывы пользователей
help-admin-reports = Жалобы на пользователей
help-admin-broadcast = Сообщение всем пользователям
help-free-text = Я не понял. Отправьте /help, чтобы увидеть, что я умею, или /find, чтобы найти партнёра.
help-stale-button = Эта кнопка больше не действует. Отправьте /help, чтобы увидеть, что я умею.

## Мастер

ob-step = Шаг { $step } из { $total }
ob-resume = Продолжим с того места, где вы остановились.
ob-cancelled-resume = Отправьте /start, когда захотите продолжить заполнение профиля.
ob-button-next = Далее
ob-selected = Выбрано: { $items }
ob-search-hint = Нет в списке? Напишите название или код языка (например, «шведский» или «sv»).
ob-search-found = { $count ->
        [one] Нашёл { $count } язык,
        [few] Нашёл { $count } языка,
        [many] Нашёл { $count } языков,
       *[other] Нашёл { $count } языка,
    } нажмите, чтобы выбрать.
ob-learning-hint = Нажмите на язык, чтобы выбрать свой уровень; нажмите ещё раз, чтобы убрать его. Нет в списке? Напишите название.
ob-already-native = Это уже один из ваших родных языков.
ob-already-learning = Вы изучаете этот язык: сначала уберите его из изучаемых.
ob-choose-one = Сначала выберите хотя бы один вариант.
ob-first-step = Это первый шаг.
ob-interests-hint = Откройте категорию, чтобы выбрать интересы в ней, затем нажмите «Далее».
ob-interests-category = { $category }: нажмите, чтобы выбрать или убрать.
ob-button-categories = Категории
ob-primary-hint = Главные интересы важнее при подборе партнёров. Можно не отмечать ни одного.
ob-tz-hint = Выберите город или смещение, напишите город или смещение вроде +3 или отправьте геопозицию (📎 → Геопозиция).
ob-tz-current = Часовой пояс: { $zone }
ob-tz-offsets = Выберите смещение от UTC.
ob-tz-unknown = Не удалось распознать часовой пояс. Напишите город (например, «Москва»), смещение (например, «+3» или «UTC-5») или воспользуйтесь кнопками.
ob-button-offsets = Смещения UTC…
ob-days-custom = Выберите дни, затем нажмите «Далее».
ob-multi-hint = Выберите один или несколько вариантов, затем нажмите «Далее».
ob-bio-current = Сейчас: { $bio }
ob-bio-saved = Сохранено.
ob-button-keep-bio = Оставить
ob-button-remove-bio = Удалить
ob-review = Вот ваш профиль. Всё верно?
ob-review-pick = Какой раздел хотите изменить?
ob-review-incomplete = Не заполнен обязательный раздел.
ob-button-confirm = Подтвердить
ob-button-edit = Изменить раздел
ob-use-buttons = Пожалуйста, воспользуйтесь кнопками этого шага (или отправьте /cancel, чтобы прерваться).
ob-stale = Этот шаг уже пройден. Отправьте /start, чтобы продолжить заполнение, или /profile, чтобы изменить профиль.
ob-stale-step = Эта кнопка относится к другому шагу. Используйте последнее сообщение.

## Города для выбора часового пояса

ob-city-london = Лондон
ob-city-berlin = Берлин
ob-city-kyiv = Киев
ob-city-moscow = Москва
ob-city-istanbul = Стамбул
ob-city-dubai = Дубай
ob-city-almaty = Алматы
ob-city-delhi = Дели
ob-city-bangkok = Бангкок
ob-city-beijing = Пекин
ob-city-tokyo = Токио
ob-city-sydney = Сидней
ob-city-sao_paulo = Сан-Паулу
ob-city-new_york = Нью-Йорк
ob-city-chicago = Чикаго
ob-city-los_angeles = Лос-Анджелес
