## Обратная связь и команды администратора (задача #6, пункт 7). feedback-ask, feedback-length и
## feedback-received — в core.ftl.

feedback-button-cancel = Отмена
feedback-cancelled = Сообщение не отправлено.
admin-feedback-new =
    Новое сообщение от пользователя { $name } (id { $id }):

    { $text }

    Отправьте /feedbacks, чтобы его обработать.
admin-stats =
    Статистика
    Пользователи: всего { $total }, активны за 24 часа — { $active24h }, за 7 дней — { $active7d }
    Новых сегодня: { $newToday }
    Заполненных профилей: { $completed }
    Сегодня: запросов — { $requestsToday }, тандемов — { $matchesToday }
    Доля принятых запросов: { $acceptance }
    Популярные языковые пары (изучают ← родной: ищут / партнёры):
    { $pairs }
admin-stats-pair = { $learning } ← { $native }: { $demand } / { $supply }
admin-stats-no-pairs = пока нет
admin-stats-no-rate = нет данных
admin-button-prev = ◀ Назад
admin-button-next = Далее ▶
admin-feedbacks-empty = Нет сообщений для разбора.
admin-feedback-item =
    Сообщение { $index } из { $total } · { $status }
    От: { $name } (id { $id }), { $date }

    { $text }
admin-feedback-status-new = новое
admin-feedback-status-processed = обработано
admin-feedback-status-archived = в архиве
admin-button-processed = Обработано
admin-button-archive = В архив
admin-reports-empty = Очередь жалоб пуста.
admin-report-item =
    Жалоба { $index } из { $total } · { $status }
    На: { $target } (id { $targetId }, { $targetStatus })
    От: { $reporter } (id { $reporterId }), { $date }
    Причина: { $reason }
    Комментарий: { $comment }
admin-report-status-open = открыта
admin-report-status-dismissed = отклонена
admin-report-status-banned = пользователь заблокирован
admin-report-status-unbanned = пользователь разблокирован
admin-no-comment = нет
admin-user-status-unknown = неизвестно
admin-button-dismiss = Отклонить
admin-button-ban = Заблокировать
admin-button-unban = Разблокировать
admin-broadcast-ask = Напишите сообщение для всех активных пользователей (до { $max ->
        [one] { $max } символа
        [few] { $max } символов
        [many] { $max } символов
       *[other] { $max } символа
    }) или отправьте /cancel.
admin-broadcast-too-long = В сообщении { $length ->
        [one] { $length } символ
        [few] { $length } символа
        [many] { $length } символов
       *[other] { $length } символа
    }, а можно не больше { $max }. Сократите его.
admin-broadcast-preview = Предпросмотр: следующее сообщение пользователи получат в точности так. Подтвердите, чтобы отправить его всем активным пользователям.
admin-button-confirm = Подтвердить и отправить
admin-button-cancel = Отмена
admin-broadcast-cancelled = Рассылка отменена.
admin-broadcast-confirmed = Подтверждено. Рассылка начинается; следом придёт сообщение о ходе отправки.
admin-broadcast-progress = Рассылка: доставлено { $sent } из { $total }, не доставлено { $failed }…
admin-broadcast-done = Рассылка завершена: доставлено { $sent } из { $total }, не доставлено { $failed }.
