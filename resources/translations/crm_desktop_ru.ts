<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="208"/>
        <source>New user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="212"/>
        <source>e.g. ivanova</source>
        <translation>например, ivanova</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="215"/>
        <source>e.g. Maria Ivanova</source>
        <translation>например, Иванова Мария</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="227"/>
        <source>The user signs in to the server with this login and password.</source>
        <translation>С этим логином и паролем пользователь входит на сервер.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="229"/>
        <source>Without a password anyone at this computer can work as this user.</source>
        <translation>Без пароля любой за этим компьютером сможет работать от имени этого пользователя.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="233"/>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="234"/>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="235"/>
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="236"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="237"/>
        <source>Repeat password:</source>
        <translation>Повтор пароля:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="242"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="266"/>
        <source>Enter a login.</source>
        <translation>Введите логин.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="274"/>
        <source>A password needs at least {n} characters.</source>
        <translation>Пароль должен быть не короче {n} символов.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="278"/>
        <source>Enter a password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="280"/>
        <source>The passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>AssignmentSettings</name>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="92"/>
        <source>Queue name, e.g. Sales or Service</source>
        <translation>Название очереди, например Продажи или Сервис</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="95"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="97"/>
        <source>Rename</source>
        <translation>Переименовать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="99"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="101"/>
        <source>No queues yet.</source>
        <translation>Очередей пока нет.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="102"/>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="275"/>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="107"/>
        <source>Queues</source>
        <translation>Очереди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="122"/>
        <source>Calls</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="123"/>
        <source>Meetings</source>
        <translation>Встречи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="124"/>
        <source>Send documents</source>
        <translation>Отправка документов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="125"/>
        <source>Other tasks</source>
        <translation>Прочие задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="126"/>
        <source>Any task</source>
        <translation>Любая задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="127"/>
        <source>New clients and leads</source>
        <translation>Новые клиенты и лиды</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="132"/>
        <source>Automatic assignment</source>
        <translation>Автоматическое назначение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="140"/>
        <source>As for any task</source>
        <translation>Как для любой задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="142"/>
        <source>No rule (round robin)</source>
        <translation>Без правила (по кругу)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="145"/>
        <source>Round robin</source>
        <translation>По кругу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="146"/>
        <source>Least workload</source>
        <translation>Наименьшая загрузка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="147"/>
        <source>By queue</source>
        <translation>Через очередь</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="150"/>
        <source>The queue whose members take it in turn</source>
        <translation>Очередь, участники которой получают работу по кругу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="164"/>
        <source>With no rule: round robin over the active managers</source>
        <translation>Без правила: по кругу между работающими менеджерами</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="168"/>
        <source>A task type without a rule of its own follows the rule for any task.</source>
        <translation>Тип задач без собственного правила назначается по правилу для любой задачи.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="173"/>
        <source>Holidays</source>
        <translation>Отпуска</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="176"/>
        <source>On holiday: skipped by automatic assignment</source>
        <translation>В отпуске: автоматическое назначение пропускает</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="233"/>
        <source>{name} ({login})</source>
        <translation>{name} ({login})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="244"/>
        <source>Only an administrator can change queues and rules; you can mark yourself on holiday.</source>
        <translation>Очереди и правила меняет только администратор; вы можете отметить себя в отпуске.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="256"/>
        <source>{name} ({n} members)</source>
        <translation>{name} (участников: {n})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="273"/>
        <source>Members of &quot;{name}&quot;</source>
        <translation>Участники «{name}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/assignment_settings.py" line="402"/>
        <source>Type a name first.</source>
        <translation>Сначала введите название.</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../../crm_desktop/ui/background.py" line="91"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>BackupSettings</name>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="75"/>
        <source>A backup is one file holding the whole database. Keep copies on another disk or computer.</source>
        <translation>Резервная копия — это один файл со всей базой. Храните копии на другом диске или компьютере.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="79"/>
        <source>Back up now…</source>
        <translation>Создать копию сейчас…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="81"/>
        <source>Restore from a backup…</source>
        <translation>Восстановить из копии…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="90"/>
        <source>Backup and restore</source>
        <translation>Резервное копирование и восстановление</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="103"/>
        <source>Administrator of the office server</source>
        <translation>Администратор офисного сервера</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="109"/>
        <source>A backup or restore of the office server needs a PostgreSQL superuser: an ordinary login does not see everyone&apos;s records. Leave empty when you are logged in as one.</source>
        <translation>Для копирования и восстановления офисного сервера нужен суперпользователь PostgreSQL: обычный логин видит не все записи. Оставьте пустым, если вы вошли под ним.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="115"/>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="116"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="120"/>
        <source>Off</source>
        <translation>Выключено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="121"/>
        <source>Every day</source>
        <translation>Каждый день</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="122"/>
        <source>Every week</source>
        <translation>Каждую неделю</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="127"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="132"/>
        <source>Save the schedule</source>
        <translation>Сохранить расписание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="136"/>
        <source>Automatic backups</source>
        <translation>Автоматические копии</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="139"/>
        <source>Back up:</source>
        <translation>Создавать копию:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="140"/>
        <source>Keep the newest:</source>
        <translation>Хранить последних:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="141"/>
        <source>Folder:</source>
        <translation>Папка:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="146"/>
        <source>While the program runs it makes the backup when it is due and deletes the oldest automatic ones beyond that number; other files stay.</source>
        <translation>Пока программа работает, она создаёт копию в срок и удаляет самые старые автоматические копии сверх этого числа; другие файлы остаются.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="177"/>
        <source>Last backup: {when}</source>
        <translation>Последняя копия: {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="179"/>
        <source>No backup has been made by the program yet.</source>
        <translation>Программа ещё не создавала резервных копий.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="184"/>
        <source>Folder for automatic backups</source>
        <translation>Папка для автоматических копий</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="205"/>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="223"/>
        <source>Back up the database</source>
        <translation>Резервная копия базы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="225"/>
        <source>crm-desktop backups (*.crmbackup)</source>
        <translation>Резервные копии crm-desktop (*.crmbackup)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="242"/>
        <source>Backing up the database…</source>
        <translation>Создаётся резервная копия базы…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="255"/>
        <source>Saved to {path} ({clients} clients).</source>
        <translation>Сохранено в {path} (клиентов: {clients}).</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="264"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>Отменено: ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="281"/>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="315"/>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="352"/>
        <source>Restore from a backup</source>
        <translation>Восстановление из копии</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="283"/>
        <source>crm-desktop backups (*.crmbackup);;All files (*)</source>
        <translation>Резервные копии crm-desktop (*.crmbackup);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="305"/>
        <source>Restoring the database from the backup…</source>
        <translation>База восстанавливается из копии…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="317"/>
        <source>Replace all the data with this backup?

Made: {when}
Program version: {version} (schema {schema})
Database: {source}
Clients: {clients}; rows in all: {rows}

The current data is backed up first.</source>
        <translation>Заменить все данные этой копией?

Создана: {when}
Версия программы: {version} (схема {schema})
База: {source}
Клиентов: {clients}; всего строк: {rows}

Текущие данные сначала сохраняются в копию.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="341"/>
        <source>The data was restored from the backup made {when}.</source>
        <translation>Данные восстановлены из копии от {when}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="345"/>
        <source>The data as it was before is saved in {path}.</source>
        <translation>Прежние данные сохранены в {path}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="356"/>
        <source>Screens already open show the restored data when they are opened again; restart the program to be sure everything is read afresh.</source>
        <translation>Уже открытые разделы покажут восстановленные данные, когда их откроют снова; чтобы всё наверняка перечиталось, перезапустите программу.</translation>
    </message>
</context>
<context>
    <name>BinTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="42"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="43"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="44"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="45"/>
        <source>Deleted on</source>
        <translation>Удалено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="46"/>
        <source>Deleted by</source>
        <translation>Кто удалил</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="51"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="52"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="53"/>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="54"/>
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="55"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/bin_table.py" line="97"/>
        <source>the file&apos;s owner</source>
        <translation>владелец файла</translation>
    </message>
</context>
<context>
    <name>BirthdaysTab</name>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="88"/>
        <source>Birthday</source>
        <translation>День рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="89"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="90"/>
        <source>Turns</source>
        <translation>Исполняется</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="91"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="92"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="93"/>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="105"/>
        <source>No birthdays in the next 7 days.</source>
        <translation>В ближайшие 7 дней дней рождения нет.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="106"/>
        <source>Congratulate…</source>
        <translation>Поздравить…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="109"/>
        <source>Prepares the segment «birthdays this week» and the congratulation letter, and opens them in Send</source>
        <translation>Готовит сегмент «дни рождения на этой неделе» и письмо-поздравление и открывает их на вкладке «Отправка»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="115"/>
        <source>Birthdays in the next 7 days</source>
        <translation>Дни рождения в ближайшие 7 дней</translation>
    </message>
</context>
<context>
    <name>CallLogDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="53"/>
        <source>Log the call</source>
        <translation>Записать звонок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="59"/>
        <source>Talked</source>
        <translation>Поговорили</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="60"/>
        <source>No answer</source>
        <translation>Не ответил</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="61"/>
        <source>Asked to call back</source>
        <translation>Просил перезвонить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="62"/>
        <source>Not interested</source>
        <translation>Не интересно</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="63"/>
        <source>Wrong number</source>
        <translation>Неверный номер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="67"/>
        <source>What was it about?</source>
        <translation>О чём говорили?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="74"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="75"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="76"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="137"/>
        <source>Call done</source>
        <translation>Звонок выполнен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/call_log.py" line="138"/>
        <source>Log the call in the history?</source>
        <translation>Записать звонок в историю?</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_cards.py" line="228"/>
        <source>by {date}</source>
        <translation>до {date}</translation>
    </message>
</context>
<context>
    <name>CardReadsSetting</name>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="180"/>
        <source>Log who opens client cards (152-FZ)</source>
        <translation>Записывать, кто открывает карточки клиентов (152-ФЗ)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="208"/>
        <source>Only an administrator can change this.</source>
        <translation>Изменить это может только администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="220"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
</context>
<context>
    <name>ChangesTab</name>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="173"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="173"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="173"/>
        <source>What changed</source>
        <translation>Что изменилось</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="178"/>
        <source>Restore this value…</source>
        <translation>Восстановить это значение…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="181"/>
        <source>Restore this version of the record…</source>
        <translation>Восстановить эту версию записи…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="184"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="191"/>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="403"/>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="482"/>
        <source>Restore this value</source>
        <translation>Восстановить это значение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="193"/>
        <source>Put a field back as it was before the selected change (Ctrl+R)</source>
        <translation>Вернуть поле к значению до выбранного изменения (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="196"/>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="513"/>
        <source>Restore this version</source>
        <translation>Восстановить эту версию</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="199"/>
        <source>Put the whole record back as it was right after the selected change (Ctrl+Shift+R)</source>
        <translation>Вернуть всю запись к виду сразу после выбранного изменения (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="203"/>
        <source>Show older…</source>
        <translation>Показать более ранние…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="204"/>
        <source>Read the next {n} older changes</source>
        <translation>Загрузить следующие {n} более ранних изменений</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="318"/>
        <source>Computer: {name}</source>
        <translation>Компьютер: {name}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="335"/>
        <source>Save the record first: then its changes are listed here.</source>
        <translation>Сначала сохраните запись: тогда здесь появятся её изменения.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="337"/>
        <source>No changes recorded yet</source>
        <translation>Изменений пока нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="343"/>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="348"/>
        <source>Removed</source>
        <translation>Удалено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="353"/>
        <source>Moved to the recycle bin</source>
        <translation>Перемещено в корзину</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="355"/>
        <source>Restored from the recycle bin</source>
        <translation>Восстановлено из корзины</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="405"/>
        <source>{label}: back to {old}</source>
        <translation>{label}: вернуть {old}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="440"/>
        <source>Restore this value: {label}</source>
        <translation>Восстановить это значение: {label}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="464"/>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="466"/>
        <source>Save or discard what you typed in the card first: restoring would overwrite it.</source>
        <translation>Сначала сохраните или отмените введённое в карточке: восстановление его перезапишет.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="483"/>
        <source>Put {label} back as it was before this change: {old}?</source>
        <translation>Вернуть {label} к значению до этого изменения: {old}?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="496"/>
        <source>Restored: {label}</source>
        <translation>Восстановлено: {label}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="509"/>
        <source>Put the whole record back as it was right after this change ({when})?</source>
        <translation>Вернуть всю запись к виду сразу после этого изменения ({when})?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="511"/>
        <source>Phones and e-mails stay as they are: restore those one by one.</source>
        <translation>Телефоны и e-mail останутся как есть: их восстанавливают по одному.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="521"/>
        <source>Nothing to restore: the record is already like this.</source>
        <translation>Восстанавливать нечего: запись уже такая.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="522"/>
        <source>Restored the version of {when}</source>
        <translation>Восстановлена версия от {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/changes_tab.py" line="550"/>
        <source>Not restored</source>
        <translation>Не восстановлено</translation>
    </message>
</context>
<context>
    <name>ClientCard</name>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="144"/>
        <source>Details</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="148"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="155"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="337"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="155"/>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="167"/>
        <source>Comes with the next version of the program.</source>
        <translation>Появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="163"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="166"/>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="168"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="180"/>
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="240"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="259"/>
        <source>Company name</source>
        <translation>Название компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="259"/>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="261"/>
        <source>A client needs a name</source>
        <translation>У клиента должно быть имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="275"/>
        <source>Where the client came from: a fair, a referral ...</source>
        <translation>Откуда пришёл клиент: выставка, рекомендация ...</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="276"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="288"/>
        <source>Custom fields</source>
        <translation>Дополнительные поля</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="308"/>
        <source>Legal form</source>
        <translation>Форма собственности</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="311"/>
        <source>As in the register, e.g. Limited Liability Company «Romashka»</source>
        <translation>Как в ЕГРЮЛ, например: Общество с ограниченной ответственностью «Ромашка»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="313"/>
        <source>Full company name</source>
        <translation>Полное наименование</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="317"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="342"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="324"/>
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="331"/>
        <source>OGRN</source>
        <translation>ОГРН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="338"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="347"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="423"/>
        <source>dd.mm.yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="351"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="361"/>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="368"/>
        <source>E-mails</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="268"/>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="152"/>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="273"/>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="280"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="464"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="775"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="357"/>
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="362"/>
        <source>Add phone</source>
        <translation>Добавить телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="362"/>
        <source>e.g. 8 912 345-67-89</source>
        <translation>например, 8 912 345-67-89</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="369"/>
        <source>Add e-mail</source>
        <translation>Добавить e-mail</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="369"/>
        <source>name@example.ru</source>
        <translation>name@example.ru</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="373"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="374"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="375"/>
        <source>VK</source>
        <translation>ВКонтакте</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="380"/>
        <source>Messengers</source>
        <translation>Мессенджеры</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="382"/>
        <source>Add messenger</source>
        <translation>Добавить мессенджер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="383"/>
        <source>@user name, phone number or link</source>
        <translation>@имя пользователя, номер телефона или ссылка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="389"/>
        <source>Legal</source>
        <translation>Юридический</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="390"/>
        <source>Postal</source>
        <translation>Почтовый</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="391"/>
        <source>Actual</source>
        <translation>Фактический</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="392"/>
        <source>Delivery</source>
        <translation>Доставки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="398"/>
        <source>Addresses</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="400"/>
        <source>Add address</source>
        <translation>Добавить адрес</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="401"/>
        <source>Postcode, city, street, building</source>
        <translation>Индекс, город, улица, дом</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="414"/>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="425"/>
        <source>a number, e.g. 1 500,50</source>
        <translation>число, например 1 500,50</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="461"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="772"/>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="462"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="773"/>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="463"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="774"/>
        <source>E-mail</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="587"/>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="639"/>
        <source>Not saved: there is no connection to the server. What you typed stays here; save again when the connection is back.</source>
        <translation>Не сохранено: нет связи с сервером. Введённое останется здесь; сохраните ещё раз, когда связь восстановится.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="679"/>
        <source>Save the changes to this client?</source>
        <translation>Сохранить изменения клиента?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="715"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="716"/>
        <source>This client has changes that were not saved last time. Restore them?</source>
        <translation>У этого клиента есть изменения, не сохранённые в прошлый раз. Восстановить их?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="728"/>
        <source>What was it about?</source>
        <translation>О чём договорились?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="768"/>
        <source>No contacts yet: log the first call or meeting.</source>
        <translation>Контактов пока нет: запишите первый звонок или встречу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="776"/>
        <source>Deal stage</source>
        <translation>Этап сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="780"/>
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="791"/>
        <source>Works at no company on record</source>
        <translation>Компания не указана</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="799"/>
        <source>No people of this company on record</source>
        <translation>Сотрудники компании не указаны</translation>
    </message>
</context>
<context>
    <name>ClientDealsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="92"/>
        <source>New deal</source>
        <translation>Новая сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="93"/>
        <source>A new deal of this client</source>
        <translation>Новая сделка с этим клиентом</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="100"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="100"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="100"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="100"/>
        <source>Expected close</source>
        <translation>Дата закрытия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="176"/>
        <source>Open: {n}, {total}</source>
        <translation>Открытых: {n}, на {total}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="183"/>
        <source>Save the client first: then you can add deals.</source>
        <translation>Сначала сохраните клиента: тогда можно будет добавлять сделки.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="185"/>
        <source>No deals yet. Add the first one with New deal.</source>
        <translation>Сделок пока нет. Добавьте первую кнопкой «Новая сделка».</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <location filename="../../crm_desktop/ui/client_picker.py" line="44"/>
        <source>Type a name, phone, e-mail or INN</source>
        <translation>Введите имя, телефон, e-mail или ИНН</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="78"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="79"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="80"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="81"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="82"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="83"/>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="84"/>
        <source>Last contact</source>
        <translation>Последний контакт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="85"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
</context>
<context>
    <name>ClientTasksTab</name>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="241"/>
        <source>New task</source>
        <translation>Новая задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="242"/>
        <source>A task about this client</source>
        <translation>Задача по этому клиенту</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="244"/>
        <source>Complete</source>
        <translation>Выполнить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="245"/>
        <source>Mark the task done (Space)</source>
        <translation>Отметить задачу выполненной (Пробел)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="302"/>
        <source>Open ({n})</source>
        <translation>Открытые ({n})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="307"/>
        <source>Done lately</source>
        <translation>Выполненные недавно</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="312"/>
        <source>Save the client first: then you can add tasks.</source>
        <translation>Сначала сохраните клиента: тогда можно будет добавлять задачи.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="314"/>
        <source>No tasks yet. Plan a call or a meeting with New task.</source>
        <translation>Задач пока нет. Запланируйте звонок или встречу кнопкой «Новая задача».</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="372"/>
        <source>Done: {title}</source>
        <translation>Выполнено: {title}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_work_tabs.py" line="384"/>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="89"/>
        <source>Search: name, company, phone, e-mail, INN</source>
        <translation>Поиск: имя, компания, телефон, почта, ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="94"/>
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="95"/>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="96"/>
        <source>Companies</source>
        <translation>Компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="97"/>
        <source>My clients</source>
        <translation>Мои клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="99"/>
        <source>No contact for {n} days</source>
        <translation>Без контакта {n} дней</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="102"/>
        <source>Recycle bin</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="107"/>
        <source>Responsible manager</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="110"/>
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="113"/>
        <source>Segment (a saved filter)</source>
        <translation>Сегмент (сохранённый фильтр)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="138"/>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="139"/>
        <source>Add a client (Ctrl+N)</source>
        <translation>Добавить клиента (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="144"/>
        <source>Import from Excel or CSV…	Ctrl+I</source>
        <translation>Импорт из Excel или CSV…	Ctrl+I</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="146"/>
        <source>Import history…</source>
        <translation>История импорта…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="149"/>
        <source>Export to Excel…	Ctrl+E</source>
        <translation>Экспорт в Excel…	Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="152"/>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="157"/>
        <source>Import the client list from Excel or CSV (Ctrl+I), export it (Ctrl+E)</source>
        <translation>Импорт списка клиентов из Excel или CSV (Ctrl+I), экспорт в Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="211"/>
        <source>All segments</source>
        <translation>Все сегменты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="214"/>
        <source>All managers</source>
        <translation>Все ответственные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="216"/>
        <source>No manager</source>
        <translation>Без ответственного</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="219"/>
        <source>All tags</source>
        <translation>Все метки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="402"/>
        <source>Reset columns</source>
        <translation>Столбцы по умолчанию</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="416"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="417"/>
        <source>Merge duplicates…</source>
        <translation>Объединить дубликаты…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="419"/>
        <source>Assign to</source>
        <translation>Назначить ответственным</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="427"/>
        <source>nobody</source>
        <translation>никого</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="428"/>
        <source>Add a tag…</source>
        <translation>Добавить метку…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="430"/>
        <source>Export selection…</source>
        <translation>Экспортировать выделенных…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="431"/>
        <source>Export the whole list…</source>
        <translation>Экспортировать весь список…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="433"/>
        <source>Move to the recycle bin</source>
        <translation>В корзину</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="450"/>
        <source>Responsible changed: {n}</source>
        <translation>Ответственный изменён: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="455"/>
        <location filename="../../crm_desktop/ui/clients_page.py" line="462"/>
        <source>Add a tag</source>
        <translation>Добавить метку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="455"/>
        <source>Tag:</source>
        <translation>Метка:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="466"/>
        <source>Tag «{tag}» added: {n}</source>
        <translation>Метка «{tag}» добавлена: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="488"/>
        <source>Moved to the recycle bin: {n}</source>
        <translation>Перемещено в корзину: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="557"/>
        <location filename="../../crm_desktop/ui/clients_page.py" line="621"/>
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="559"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="602"/>
        <source>Exporting clients to Excel…</source>
        <translation>Выгрузка клиентов в Excel…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="610"/>
        <source>Exported {n} clients to {file}</source>
        <translation>Выгружено клиентов: {n}, файл {file}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="616"/>
        <source>Export cancelled: no file was written</source>
        <translation>Экспорт отменён: файл не записан</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="139"/>
        <source>The columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="141"/>
        <source>Check what each column becomes; the first rows of the sheet are below.</source>
        <translation>Проверьте, чем станет каждый столбец; ниже — первые строки листа.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="144"/>
        <source>— do not import —</source>
        <translation>— не импортировать —</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="145"/>
        <source>Full name (ФИО)</source>
        <translation>ФИО полностью</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="146"/>
        <source>Last name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="147"/>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="148"/>
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="149"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="150"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="151"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="152"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="153"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="154"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="155"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="156"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="157"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="158"/>
        <source>Responsible manager</source>
        <translation>Ответственный менеджер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="173"/>
        <source>Save the mapping…</source>
        <translation>Сохранить сопоставление…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="175"/>
        <source>Load a mapping…</source>
        <translation>Загрузить сопоставление…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="189"/>
        <source>Sheet «{sheet}», header in row {row}, {n} data rows.</source>
        <translation>Лист «{sheet}», заголовок в строке {row}, строк с данными: {n}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="200"/>
        <source>&lt;b&gt;Column in the file&lt;/b&gt;</source>
        <translation>&lt;b&gt;Столбец в файле&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="201"/>
        <source>&lt;b&gt;Becomes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Станет&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="202"/>
        <source>&lt;b&gt;First value&lt;/b&gt;</source>
        <translation>&lt;b&gt;Первое значение&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="211"/>
        <source>Field «{name}»</source>
        <translation>Поле «{name}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="216"/>
        <source>New field «{name}»</source>
        <translation>Новое поле «{name}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="224"/>
        <source>(no title)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="262"/>
        <source>Save the mapping</source>
        <translation>Сохранить сопоставление</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="262"/>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="275"/>
        <source>Mappings (*.json)</source>
        <translation>Сопоставления (*.json)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="275"/>
        <source>Load a mapping</source>
        <translation>Загрузить сопоставление</translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="19"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="20"/>
        <source>Full legal name:</source>
        <translation>Полное наименование:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="21"/>
        <source>INN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="22"/>
        <source>KPP:</source>
        <translation>КПП:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="23"/>
        <source>OGRN / OGRNIP:</source>
        <translation>ОГРН / ОГРНИП:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="24"/>
        <source>Legal address:</source>
        <translation>Юридический адрес:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="25"/>
        <source>Postal address:</source>
        <translation>Почтовый адрес:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="26"/>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="27"/>
        <source>E-mail:</source>
        <translation>Эл. почта:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="28"/>
        <source>Director:</source>
        <translation>Руководитель:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="29"/>
        <source>Chief accountant:</source>
        <translation>Главный бухгалтер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="30"/>
        <source>Bank:</source>
        <translation>Банк:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="31"/>
        <source>BIC:</source>
        <translation>БИК:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="32"/>
        <source>Corr. account:</source>
        <translation>Корр. счёт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="33"/>
        <source>Account:</source>
        <translation>Расчётный счёт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="36"/>
        <source>ООО «Ромашка»</source>
        <translation>ООО «Ромашка»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="37"/>
        <source>10 digits, or 12 for a sole trader</source>
        <translation>10 цифр, у ИП — 12</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="38"/>
        <source>9 digits</source>
        <translation>9 цифр</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="39"/>
        <source>20 digits</source>
        <translation>20 цифр</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="46"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="47"/>
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="48"/>
        <source>Bank</source>
        <translation>Банк</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="49"/>
        <source>Signatures</source>
        <translation>Подписи</translation>
    </message>
</context>
<context>
    <name>CompanyImages</name>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="96"/>
        <source>Logo, stamp and signature</source>
        <translation>Логотип, печать и подпись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="102"/>
        <source>Logo</source>
        <translation>Логотип</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="103"/>
        <source>Stamp</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="104"/>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="107"/>
        <source>the logo</source>
        <translation>логотип</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="108"/>
        <source>the stamp</source>
        <translation>печать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="109"/>
        <source>the signature</source>
        <translation>подпись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="121"/>
        <source>The stamp and the signature print best from PNG with a transparent background. Pictures larger than 1200 pixels are reduced.</source>
        <translation>Печать и подпись лучше всего печатаются из PNG с прозрачным фоном. Изображения больше 1200 пикселей уменьшаются.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="140"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="141"/>
        <source>Load a picture from a file (PNG, JPEG, GIF, BMP or WebP)</source>
        <translation>Загрузить изображение из файла (PNG, JPEG, GIF, BMP или WebP)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="143"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="168"/>
        <source>No image</source>
        <translation>Нет изображения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="195"/>
        <source>Only an administrator can change the pictures.</source>
        <translation>Изменять изображения может только администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="213"/>
        <source>Choose {what}</source>
        <translation>Выберите {what}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="215"/>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)</source>
        <translation>Изображения (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="238"/>
        <source>Remove the picture</source>
        <translation>Удаление изображения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_images.py" line="239"/>
        <source>Remove {what}? Invoices printed from now on go without it.</source>
        <translation>Удалить {what}? Счета, напечатанные после этого, будут без этого изображения.</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="256"/>
        <source>Your company</source>
        <translation>Ваша компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="259"/>
        <source>These requisites go on your invoices. Only the name is needed now; what you enter is checked as you type.</source>
        <translation>Эти реквизиты попадут в ваши счета. Сейчас нужно только название; всё введённое проверяется сразу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="283"/>
        <source>This is the company of the server&apos;s database; change it in Settings.</source>
        <translation>Это компания из базы данных на сервере; изменить её можно в настройках.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="289"/>
        <source>The administrator has not described the company yet.</source>
        <translation>Администратор ещё не заполнил сведения о компании.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="286"/>
        <source>This is the company of the server&apos;s database; an administrator can change it.</source>
        <translation>Это компания из базы данных на сервере; изменить её может администратор.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="435"/>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="161"/>
        <source>The same field was changed on two computers before they synced. The newer value is shown everywhere until you choose which one to keep or enter another; your choice goes to everyone with the next sync.</source>
        <translation>Одно и то же поле изменили на двух компьютерах до синхронизации. Везде показано более новое значение, пока вы не выберете, какое оставить, или не введёте другое; ваш выбор получат все при следующей синхронизации.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="170"/>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="171"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="172"/>
        <source>Shown now</source>
        <translation>Показано сейчас</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="173"/>
        <source>Other value</source>
        <translation>Другое значение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="174"/>
        <source>Found</source>
        <translation>Обнаружен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="190"/>
        <source>No conflicts: every change met the others without a clash.</source>
        <translation>Конфликтов нет: все изменения совместились без противоречий.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="195"/>
        <source>Keep mine</source>
        <translation>Оставить моё</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="196"/>
        <source>Keep the value entered on this computer</source>
        <translation>Оставить значение, введённое на этом компьютере</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="198"/>
        <source>Keep theirs</source>
        <translation>Оставить другое</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="199"/>
        <source>Keep the value entered on the other computer</source>
        <translation>Оставить значение, введённое на другом компьютере</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="201"/>
        <source>Enter value…</source>
        <translation>Ввести значение…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="256"/>
        <source>Entered on this computer</source>
        <translation>Введено на этом компьютере</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="257"/>
        <source>Entered on another computer</source>
        <translation>Введено на другом компьютере</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="274"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="275"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="276"/>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="277"/>
        <source>Contact history</source>
        <translation>История контактов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="278"/>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="279"/>
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="283"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="291"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="292"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="293"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="294"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="295"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="296"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="297"/>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="301"/>
        <source>Handed to another user at the office: your edit was not applied</source>
        <translation>Передан другому сотруднику в офисе: ваша правка не применена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="303"/>
        <source>Deleted for good at the office: your edit was not applied</source>
        <translation>Окончательно удалено в офисе: ваша правка не применена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="306"/>
        <source>{field}: the invoice was issued at the office, your edit was not applied</source>
        <translation>{field}: счёт уже выставлен в офисе, ваша правка не применена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="309"/>
        <source>{field} (record deleted)</source>
        <translation>{field} (запись удалена)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="315"/>
        <source>As the office has it</source>
        <translation>Как в офисе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="324"/>
        <source>Deleted</source>
        <translation>Удалено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="325"/>
        <source>Deleted {when}</source>
        <translation>Удалено {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="327"/>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="362"/>
        <source>Enter value</source>
        <translation>Ввести значение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="364"/>
        <source>{field} of {record}:</source>
        <translation>{field} — {record}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="385"/>
        <source>Enter an amount, e.g. 15000,50.</source>
        <translation>Введите сумму, например 15000,50.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="389"/>
        <source>The name cannot be empty.</source>
        <translation>Название не может быть пустым.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="394"/>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/conflicts_page.py" line="426"/>
        <source>Something went wrong in the program; the details are in the log file.</source>
        <translation>В программе что-то пошло не так; подробности в файле журнала.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="58"/>
        <source>Consent to marketing mail</source>
        <translation>Согласие на рассылку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="66"/>
        <source>e.g. a form on the website, a call, a signed paper</source>
        <translation>например, анкета на сайте, звонок, подписанный бланк</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="71"/>
        <source>e.g. 2026-01</source>
        <translation>например, 2026-01</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="76"/>
        <source>Attach a scan…</source>
        <translation>Приложить скан…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="79"/>
        <source>Given on:</source>
        <translation>Дата согласия:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="80"/>
        <source>How:</source>
        <translation>Как получено:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="81"/>
        <source>Channel:</source>
        <translation>Способ:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="82"/>
        <source>Text version:</source>
        <translation>Версия текста:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="83"/>
        <source>Evidence:</source>
        <translation>Подтверждение:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="98"/>
        <source>Evidence of the consent</source>
        <translation>Подтверждение согласия</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="125"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="126"/>
        <source>on paper</source>
        <translation>на бумаге</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="127"/>
        <source>web form</source>
        <translation>веб-форма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="128"/>
        <source>by phone</source>
        <translation>по телефону</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="129"/>
        <source>by e-mail</source>
        <translation>по электронной почте</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="130"/>
        <source>in person</source>
        <translation>лично</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="153"/>
        <source>Record consent…</source>
        <translation>Записать согласие…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="156"/>
        <source>Unsubscribed…</source>
        <translation>Отписался…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="161"/>
        <source>Replied «unsubscribe» to a letter</source>
        <translation>Ответил на письмо «отписаться»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="162"/>
        <source>Asked by phone</source>
        <translation>Попросил по телефону</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="163"/>
        <source>Asked some other way</source>
        <translation>Попросил иначе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="216"/>
        <source>Marketing mail: save the client first</source>
        <translation>Рассылка: сначала сохраните клиента</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="218"/>
        <source>Marketing mail: …</source>
        <translation>Рассылка: …</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="221"/>
        <source>Marketing mail: unsubscribed {date}</source>
        <translation>Рассылка: отписался {date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="225"/>
        <source>Marketing mail: consent given {date} ({source})</source>
        <translation>Рассылка: согласие дано {date} ({source})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="229"/>
        <source>Marketing mail: consent given {date}</source>
        <translation>Рассылка: согласие дано {date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="234"/>
        <source>Marketing mail: consent withdrawn {date}</source>
        <translation>Рассылка: согласие отозвано {date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="237"/>
        <source>Marketing mail: no consent</source>
        <translation>Рассылка: согласия нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="246"/>
        <source>text {version}</source>
        <translation>текст {version}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/consent_panel.py" line="248"/>
        <source>scan: {name}</source>
        <translation>скан: {name}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="144"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="145"/>
        <source>Load the figures again (F5)</source>
        <translation>Загрузить цифры заново (F5)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="148"/>
        <source>Revenue: this month and last</source>
        <translation>Выручка: этот месяц и прошлый</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="149"/>
        <source>Sales funnel, last 90 days</source>
        <translation>Воронка продаж за 90 дней</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="150"/>
        <source>Deals won and lost this month</source>
        <translation>Выигранные и проигранные сделки за месяц</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="151"/>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="330"/>
        <source>Overdue tasks</source>
        <translation>Просроченные задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="152"/>
        <source>New clients this month by source</source>
        <translation>Новые клиенты за месяц по источникам</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="212"/>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="215"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="239"/>
        <source>Figures as of {day}, {time}. Click a bar to see the records behind it.</source>
        <translation>Данные на {day}, {time}. Щёлкните по столбцу, чтобы увидеть, из чего он сложился.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="257"/>
        <source>{month}: invoiced</source>
        <translation>{month}: выставлено счетов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="261"/>
        <source>nothing invoiced the month before</source>
        <translation>в прошлом месяце счетов не было</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="267"/>
        <source>{arrow} {change} % against the month before</source>
        <translation>{arrow} {change} % к прошлому месяцу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="274"/>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="292"/>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="307"/>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="340"/>
        <source>Nothing yet</source>
        <translation>Пока ничего нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="280"/>
        <source>Invoiced</source>
        <translation>Выставлено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="281"/>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="297"/>
        <source>Reached the stage</source>
        <translation>Дошли до этапа</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="313"/>
        <source>Won</source>
        <translation>Выиграно</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="314"/>
        <source>Lost</source>
        <translation>Проиграно</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="325"/>
        <source>No overdue tasks</source>
        <translation>Просроченных задач нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_view.py" line="365"/>
        <source>Saved: {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
</context>
<context>
    <name>DealCard</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="125"/>
        <source>Save and close (Enter); Ctrl+S saves and stays</source>
        <translation>Сохранить и закрыть (Enter); Ctrl+S — сохранить, не закрывая</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="129"/>
        <source>Create invoice</source>
        <translation>Выставить счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="134"/>
        <source>Commercial proposal…</source>
        <translation>Коммерческое предложение…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="136"/>
        <source>The deal&apos;s commercial proposal as a PDF</source>
        <translation>Коммерческое предложение по сделке в PDF</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="144"/>
        <location filename="../../crm_desktop/ui/deal_card.py" line="152"/>
        <location filename="../../crm_desktop/ui/deal_card.py" line="279"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="145"/>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="253"/>
        <source>Save the deal first.</source>
        <translation>Сначала сохраните сделку.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="279"/>
        <source>New deal</source>
        <translation>Новая сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="292"/>
        <source>Choose the client from the list</source>
        <translation>Выберите клиента из списка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="300"/>
        <source>Choose a stage</source>
        <translation>Выберите стадию</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="346"/>
        <source>Not saved: there is no connection to the server. What you typed stays here; save again when the connection is back.</source>
        <translation>Не сохранено: нет связи с сервером. Введённое остаётся здесь; сохраните ещё раз, когда связь восстановится.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="354"/>
        <source>Deal changed</source>
        <translation>Сделка изменена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_card.py" line="392"/>
        <source>Save the changes to this deal?</source>
        <translation>Сохранить изменения в сделке?</translation>
    </message>
</context>
<context>
    <name>DealChecklist</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_checklist.py" line="43"/>
        <source>Checklist</source>
        <translation>Чек-лист</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_checklist.py" line="45"/>
        <source>Save the deal to tick the checklist of its stage.</source>
        <translation>Сохраните сделку, чтобы отмечать чек-лист её стадии.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_checklist.py" line="48"/>
        <source>Checklist of stage «{stage}»</source>
        <translation>Чек-лист стадии «{stage}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_checklist.py" line="50"/>
        <source>This stage has no checklist.</source>
        <translation>У этой стадии нет чек-листа.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_checklist.py" line="61"/>
        <source>Before the deal moves on, fill in {fields}.</source>
        <translation>Прежде чем сделка перейдёт дальше, заполните {fields}.</translation>
    </message>
</context>
<context>
    <name>DealFields</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="50"/>
        <source>e.g. Office furniture supply</source>
        <translation>например, Поставка офисной мебели</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="53"/>
        <source>e.g. 150 000,50</source>
        <translation>например, 150 000,50</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="55"/>
        <source>The sum of the products below.</source>
        <translation>Сумма товаров ниже.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="58"/>
        <source>The deal has an expected close date</source>
        <translation>У сделки есть ожидаемая дата закрытия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="81"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="82"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="93"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="99"/>
        <source>Expected close</source>
        <translation>Ожидаемое закрытие</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="100"/>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="101"/>
        <source>Pipeline</source>
        <translation>Воронка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="102"/>
        <source>Stage</source>
        <translation>Стадия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="103"/>
        <source>Probability</source>
        <translation>Вероятность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="104"/>
        <source>Products</source>
        <translation>Товары</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="106"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="135"/>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_fields.py" line="210"/>
        <source>as the stage: {n} %</source>
        <translation>как у стадии: {n} %</translation>
    </message>
</context>
<context>
    <name>DealFilterBar</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="105"/>
        <source>Pipeline</source>
        <translation>Воронка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="108"/>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="109"/>
        <source>All managers</source>
        <translation>Все менеджеры</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="111"/>
        <source>My deals</source>
        <translation>Мои сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="113"/>
        <source>Expected close</source>
        <translation>Ожидаемое закрытие</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="115"/>
        <source>Any close date</source>
        <translation>Любая дата закрытия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="116"/>
        <source>Closing this month</source>
        <translation>Закрытие в этом месяце</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="117"/>
        <source>Closing this quarter</source>
        <translation>Закрытие в этом квартале</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="118"/>
        <source>Overdue</source>
        <translation>Просроченные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="119"/>
        <source>Between dates…</source>
        <translation>Между датами…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="125"/>
        <source>New deal</source>
        <translation>Новая сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="126"/>
        <source>Add a deal (Ctrl+N)</source>
        <translation>Добавить сделку (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="128"/>
        <source>Board</source>
        <translation>Доска</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="129"/>
        <source>The deals as a board, a column per stage (Ctrl+1)</source>
        <translation>Сделки доской, по колонке на стадию (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="131"/>
        <source>List</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="132"/>
        <source>The deals as a list (Ctrl+2)</source>
        <translation>Сделки списком (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="140"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="141"/>
        <source>Read the deals again (F5)</source>
        <translation>Перечитать сделки (F5)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="229"/>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
</context>
<context>
    <name>DealLinesEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="89"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="90"/>
        <source>Quantity</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="91"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="92"/>
        <source>VAT, %</source>
        <translation>НДС, %</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="93"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="107"/>
        <source>Add product…</source>
        <translation>Добавить товар…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="108"/>
        <source>Add a product of the price list by its SKU or name</source>
        <translation>Добавить товар из прайс-листа по артикулу или названию</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="110"/>
        <source>Remove line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_lines.py" line="240"/>
        <source>Line {n}: the quantity and the price must be numbers</source>
        <translation>Строка {n}: количество и цена должны быть числами</translation>
    </message>
</context>
<context>
    <name>DealListView</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="232"/>
        <source>All stages</source>
        <translation>Все стадии</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="233"/>
        <source>Show the deals of every stage</source>
        <translation>Показать сделки всех стадий</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="243"/>
        <source>No deals: press New deal (Ctrl+N) to add one.</source>
        <translation>Нет сделок: нажмите «Новая сделка» (Ctrl+N), чтобы добавить.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="265"/>
        <source>Stage: {stage}</source>
        <translation>Стадия: {stage}</translation>
    </message>
</context>
<context>
    <name>DealTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="70"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="71"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="72"/>
        <source>Stage</source>
        <translation>Стадия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="73"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="74"/>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="75"/>
        <source>Expected close</source>
        <translation>Ожидаемое закрытие</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_list_view.py" line="76"/>
        <source>Probability</source>
        <translation>Вероятность</translation>
    </message>
</context>
<context>
    <name>DealsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_board.py" line="94"/>
        <source>Hide this message</source>
        <translation>Скрыть сообщение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_board.py" line="213"/>
        <source>No deals here yet: press New deal (Ctrl+N) to add the first one.</source>
        <translation>Сделок пока нет: нажмите «Новая сделка» (Ctrl+N), чтобы добавить первую.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_board.py" line="218"/>
        <source>There is no sales pipeline yet.</source>
        <translation>Воронки продаж пока нет.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_board.py" line="283"/>
        <source>«{deal}» moved to «{stage}»</source>
        <translation>«{deal}»: стадия «{stage}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_board.py" line="296"/>
        <source>Deal changed</source>
        <translation>Сделка изменена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_board.py" line="330"/>
        <source>Deal «{deal}» saved</source>
        <translation>Сделка «{deal}» сохранена</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="290"/>
        <source>Clients already there</source>
        <translation>Клиенты, которые уже есть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="293"/>
        <source>A client is the same when a phone, an e-mail, or the name and company match (in the file or in the database).</source>
        <translation>Клиент считается тем же, если совпадает телефон, эл. почта или имя вместе с компанией (в файле или в базе).</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="298"/>
        <source>Merge: fill their empty fields, add new phones and e-mails</source>
        <translation>Объединить: заполнить пустые поля, добавить новые телефоны и адреса почты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="300"/>
        <source>Skip: leave them as they are</source>
        <translation>Пропустить: оставить как есть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="301"/>
        <source>Create anyway: a new client for each row</source>
        <translation>Всё равно создать: новый клиент на каждую строку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="312"/>
        <source>Show what the import will do</source>
        <translation>Показать, что сделает импорт</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="68"/>
        <source>Possible duplicates</source>
        <translation>Возможные дубликаты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="75"/>
        <source>These clients were created on two computers before they synced and look like the same client. Merge them, or say they are different.</source>
        <translation>Эти клиенты созданы на двух компьютерах до синхронизации и похожи на одного и того же клиента. Объедините их или отметьте, что это разные клиенты.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="82"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="82"/>
        <source>Other client</source>
        <translation>Другой клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="82"/>
        <source>Same</source>
        <translation>Совпадает</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="82"/>
        <source>Found</source>
        <translation>Найдено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="102"/>
        <source>Merge…</source>
        <translation>Объединить…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="103"/>
        <source>Open the two clients side by side and merge them</source>
        <translation>Открыть обоих клиентов рядом и объединить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="105"/>
        <source>Different clients</source>
        <translation>Разные клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="106"/>
        <source>Keep both and stop offering this pair</source>
        <translation>Оставить обоих и больше не предлагать эту пару</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="130"/>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="131"/>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="132"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/duplicates_panel.py" line="133"/>
        <source>name and company</source>
        <translation>имя и компания</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="58"/>
        <source>Erase personal data</source>
        <translation>Уничтожение персональных данных</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="62"/>
        <source>All personal data of {name} will be erased everywhere: the card, contacts, history texts and the change history. Invoices and amounts stay, with the buyer shown as an erased person. This cannot be undone.</source>
        <translation>Все персональные данные {name} будут уничтожены везде: карточка, контакты, тексты истории и история изменений. Счета и суммы останутся, покупателем в них будет указано удалённое лицо. Отменить это нельзя.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="69"/>
        <source>Ground (e.g. the person&apos;s request of 01.11.2026):</source>
        <translation>Основание (например, заявление субъекта от 01.11.2026):</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="76"/>
        <source>Erase</source>
        <translation>Уничтожить</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="70"/>
        <source>The file</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="72"/>
        <source>An Excel workbook (.xlsx, .xls) or a CSV file with one client per row.</source>
        <translation>Книга Excel (.xlsx, .xls) или файл CSV, по одному клиенту в строке.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="75"/>
        <source>Choose a file…</source>
        <translation>Выберите файл…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="76"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="85"/>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="86"/>
        <source>Sheet:</source>
        <translation>Лист:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="94"/>
        <source>Import clients</source>
        <translation>Импорт клиентов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="96"/>
        <source>Spreadsheets ({kinds})</source>
        <translation>Таблицы ({kinds})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="112"/>
        <source>The first with a header</source>
        <translation>Первый лист с заголовком</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="126"/>
        <source>Reading {file}…</source>
        <translation>Читаем {file}…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="410"/>
        <source>CRM: first start</source>
        <translation>CRM: первый запуск</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="412"/>
        <source>&lt; Back</source>
        <translation>&lt; Назад</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="413"/>
        <source>Next &gt;</source>
        <translation>Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="414"/>
        <source>Start working</source>
        <translation>Начать работу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="415"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="508"/>
        <source>Preparing the sample data…</source>
        <translation>Готовим демонстрационные данные…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="516"/>
        <source>Creating the database…</source>
        <translation>Создаём базу данных…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="535"/>
        <source>Not connected to the server.</source>
        <translation>Нет подключения к серверу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="541"/>
        <source>Saving…</source>
        <translation>Сохраняем…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="548"/>
        <source>This computer has no system keyring, so the password was not saved: the program will ask for it at each start.</source>
        <translation>На этом компьютере нет системного хранилища паролей, поэтому пароль не сохранён: программа будет спрашивать его при каждом запуске.</translation>
    </message>
</context>
<context>
    <name>FunnelSettings</name>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="74"/>
        <source>Pipeline name</source>
        <translation>Название воронки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="77"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="79"/>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="113"/>
        <source>Rename</source>
        <translation>Переименовать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="81"/>
        <source>Make default</source>
        <translation>Сделать основной</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="82"/>
        <source>New deals go to this pipeline</source>
        <translation>Новые сделки попадают в эту воронку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="84"/>
        <source>Pipelines</source>
        <translation>Воронки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="100"/>
        <source>Stage name</source>
        <translation>Название этапа</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="103"/>
        <source>What a deal at the new stage means</source>
        <translation>Что значит сделка на новом этапе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="105"/>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="106"/>
        <source>Won</source>
        <translation>Успех</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="107"/>
        <source>Lost</source>
        <translation>Проигрыш</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="111"/>
        <source>Add stage</source>
        <translation>Добавить этап</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="115"/>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="116"/>
        <source>Move the stage up (Ctrl+Up)</source>
        <translation>Переместить этап выше (Ctrl+Up)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="118"/>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="119"/>
        <source>Move the stage down (Ctrl+Down)</source>
        <translation>Переместить этап ниже (Ctrl+Down)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="121"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="122"/>
        <source>Delete the stage (Del)</source>
        <translation>Удалить этап (Del)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="131"/>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="281"/>
        <source>Stages</source>
        <translation>Этапы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="153"/>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="290"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="194"/>
        <source>Only an administrator can change the sales funnel; you see it read-only.</source>
        <translation>Воронку продаж меняет только администратор; вам она видна только для просмотра.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="222"/>
        <source>won</source>
        <translation>успех</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="224"/>
        <source>lost</source>
        <translation>проигрыш</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="226"/>
        <source>{n} %</source>
        <translation>{n} %</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="231"/>
        <source>checklist: {n}</source>
        <translation>пунктов чек-листа: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="234"/>
        <source>required fields: {names}</source>
        <translation>обязательные поля: {names}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="248"/>
        <source>{name} (default)</source>
        <translation>{name} (основная)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="279"/>
        <source>Stages of &quot;{name}&quot;</source>
        <translation>Этапы воронки «{name}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="290"/>
        <source>Stage &quot;{name}&quot;</source>
        <translation>Этап «{name}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_settings.py" line="390"/>
        <source>Type a name first.</source>
        <translation>Сначала введите название.</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="38"/>
        <source>Import history</source>
        <translation>История импорта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="49"/>
        <source>Undo the selected import</source>
        <translation>Отменить выбранный импорт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="66"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="67"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="68"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="69"/>
        <source>Rows</source>
        <translation>Строк</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="70"/>
        <source>New / merged / rejected</source>
        <translation>Новых / объединено / отклонено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="71"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="76"/>
        <source>undone {when}</source>
        <translation>отменён {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="78"/>
        <source>in force</source>
        <translation>действует</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="91"/>
        <source>Nothing has been imported yet.</source>
        <translation>Импорта ещё не было.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="105"/>
        <source>Undo the import of {file}? The clients it created go to the recycle bin and the fields it filled get their old values.</source>
        <translation>Отменить импорт файла {file}? Созданные им клиенты попадут в корзину, а заполненные поля получат прежние значения.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="117"/>
        <source>Undoing the import…</source>
        <translation>Отменяем импорт…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="126"/>
        <source>Undone: {removed} records removed, {restored} restored.</source>
        <translation>Отменено: удалено записей {removed}, восстановлено {restored}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="130"/>
        <source>Changed since, so kept: {names}</source>
        <translation>Изменены после импорта, поэтому оставлены: {names}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="442"/>
        <source>Import clients</source>
        <translation>Импорт клиентов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="456"/>
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="490"/>
        <source>Choose a file first.</source>
        <translation>Сначала выберите файл.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="500"/>
        <source>Checking the rows…</source>
        <translation>Проверяем строки…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="500"/>
        <source>Importing…</source>
        <translation>Импортируем…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="509"/>
        <source>{rows} rows: {created} new clients, {merged} merged into clients already there, {skipped} skipped, {rejected} rejected; {companies} new companies.</source>
        <translation>Строк {rows}: новых клиентов {created}, объединено с существующими {merged}, пропущено {skipped}, отклонено {rejected}; новых компаний {companies}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="514"/>
        <source>The import will read {rows} rows: {created} new clients, {merged} merged into clients already there, {skipped} skipped, {rejected} rejected; {companies} new companies. Nothing is written yet.</source>
        <translation>Импорт прочтёт строк: {rows}. Новых клиентов {created}, объединится с существующими {merged}, пропустится {skipped}, будет отклонено {rejected}; новых компаний {companies}. Пока ничего не записано.</translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="137"/>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="323"/>
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="145"/>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="363"/>
        <source>Issued — cannot be changed; you can cancel it or create a corrected one</source>
        <translation>Выставлен — изменить нельзя; можно аннулировать или создать исправленный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="148"/>
        <source>Copy as new draft</source>
        <translation>Копировать в новый черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="165"/>
        <source>on issue (+ days to pay)</source>
        <translation>при выставлении (+ дни на оплату)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="169"/>
        <source>Printed under the table, e.g. what the payment is for</source>
        <translation>Печатается под таблицей, например назначение платежа</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="177"/>
        <source>Client:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="181"/>
        <source>Pay by:</source>
        <translation>Оплатить до:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="184"/>
        <source>VAT:</source>
        <translation>НДС:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="187"/>
        <source>Add from the price list…</source>
        <translation>Добавить из прайс-листа…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="188"/>
        <source>Insert</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="190"/>
        <source>Add a free line</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="192"/>
        <source>Remove the line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="209"/>
        <source>Save draft</source>
        <translation>Сохранить черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="210"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="212"/>
        <source>Issue…</source>
        <translation>Выставить…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="214"/>
        <source>Cancel invoice…</source>
        <translation>Аннулировать…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="216"/>
        <source>Add payment…</source>
        <translation>Добавить оплату…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="218"/>
        <source>Print preview</source>
        <translation>Предпросмотр печати</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="219"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="221"/>
        <source>Save PDF…</source>
        <translation>Сохранить PDF…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="223"/>
        <source>Send…</source>
        <translation>Отправить…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="225"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="253"/>
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="320"/>
        <source>New invoice</source>
        <translation>Новый счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="323"/>
        <source>Invoice (draft)</source>
        <translation>Счёт (черновик)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="328"/>
        <source>Invoice No. {number} of {date}</source>
        <translation>Счёт № {number} от {date}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="342"/>
        <source>Cancelled — kept with its number; you can copy it as a new draft</source>
        <translation>Аннулирован — номер сохранён; можно скопировать в новый черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="344"/>
        <source>Not numbered at sync: {reason}</source>
        <translation>Номер при синхронизации не присвоен: {reason}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="351"/>
        <source>Issued on this laptop without a network: the office server gives it the next number at the next sync. Until then it prints as a draft.</source>
        <translation>Выставлен на этом ноутбуке без сети: очередной номер присвоит офисный сервер при следующей синхронизации. До тех пор счёт печатается как черновик.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="357"/>
        <source>The office server did not number it: {reason}</source>
        <translation>Офисный сервер не присвоил номер: {reason}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="389"/>
        <source>Payments: {list}; left to pay {left}</source>
        <translation>Оплаты: {list}; осталось оплатить {left}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="429"/>
        <source>Total to pay: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>Всего к оплате: &lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="432"/>
        <source>Without VAT</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="435"/>
        <source>including VAT: {vat}</source>
        <translation>в том числе НДС: {vat}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="439"/>
        <source>Amount {amount} + VAT {vat}</source>
        <translation>Сумма {amount} + НДС {vat}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="446"/>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="448"/>
        <source>A quantity or a price is not a number (red).</source>
        <translation>Количество или цена — не число (выделено красным).</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="481"/>
        <source>Choose the client the invoice is for</source>
        <translation>Выберите клиента, которому выставляется счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="503"/>
        <source>Issue the invoice</source>
        <translation>Выставить счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="505"/>
        <source>Issue the invoice? It gets the next number and can no longer be changed, only cancelled.</source>
        <translation>Выставить счёт? Он получит следующий номер, и изменить его будет нельзя — только аннулировать.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="527"/>
        <source>Cancel the invoice</source>
        <translation>Аннулировать счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="528"/>
        <source>Cancel this invoice? An issued invoice keeps its number.</source>
        <translation>Аннулировать этот счёт? Выставленный счёт сохранит свой номер.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="578"/>
        <source>The invoice is not issued</source>
        <translation>Счёт не выставлен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="602"/>
        <source>Save the draft first.</source>
        <translation>Сначала сохраните черновик.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="634"/>
        <source>Save the changes to this invoice?</source>
        <translation>Сохранить изменения в счёте?</translation>
    </message>
</context>
<context>
    <name>InvoiceFiles</name>
    <message>
        <location filename="../../crm_desktop/ui/invoice_files.py" line="90"/>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_files.py" line="92"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_files.py" line="94"/>
        <location filename="../../crm_desktop/ui/invoice_files.py" line="103"/>
        <source>Save the invoice</source>
        <translation>Сохранить счёт</translation>
    </message>
</context>
<context>
    <name>InvoiceLabels</name>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="28"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="29"/>
        <source>Issued</source>
        <translation>Выставлен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="30"/>
        <source>Partly paid</source>
        <translation>Оплачен частично</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="31"/>
        <source>Paid</source>
        <translation>Оплачен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="32"/>
        <source>Cancelled</source>
        <translation>Аннулирован</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="38"/>
        <source>Without VAT</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="39"/>
        <source>Prices include VAT</source>
        <translation>НДС включён в цены</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="40"/>
        <source>VAT on top of prices</source>
        <translation>НДС сверх цен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_labels.py" line="46"/>
        <source>without VAT</source>
        <translation>без НДС</translation>
    </message>
</context>
<context>
    <name>InvoiceLines</name>
    <message>
        <location filename="../../crm_desktop/ui/invoice_lines.py" line="43"/>
        <source>Product or service</source>
        <translation>Товар или услуга</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_lines.py" line="44"/>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_lines.py" line="45"/>
        <source>Unit</source>
        <translation>Ед.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_lines.py" line="46"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_lines.py" line="47"/>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_lines.py" line="48"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
</context>
<context>
    <name>InvoicePrintPreview</name>
    <message>
        <location filename="../../crm_desktop/ui/print_preview.py" line="119"/>
        <source>Print preview: {title}</source>
        <translation>Предпросмотр печати: {title}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/print_preview.py" line="175"/>
        <source>Print preview</source>
        <translation>Предварительный просмотр</translation>
    </message>
</context>
<context>
    <name>InvoiceSettingsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="73"/>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="75"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="78"/>
        <source>VAT:</source>
        <translation>НДС:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="80"/>
        <source>Rate of a new line:</source>
        <translation>Ставка новой строки:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="83"/>
        <source>Rates offered, %:</source>
        <translation>Ставки НДС, %:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="89"/>
        <source>22 % is the standard rate since 1 January 2026; 5 % and 7 % are for the simplified tax system.</source>
        <translation>22 % — основная ставка с 1 января 2026 года; 5 % и 7 % — для упрощённой системы налогообложения.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="100"/>
        <source>Number pattern:</source>
        <translation>Шаблон номера:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="103"/>
        <source>{year} is the year, {number:04d} the number padded to 4 digits.</source>
        <translation>{year} — год, {number:04d} — номер, дополненный нулями до 4 цифр.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="106"/>
        <source>Days to pay:</source>
        <translation>Срок оплаты:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="108"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="151"/>
        <source>Only an administrator can change the invoice settings.</source>
        <translation>Настройки счетов может менять только администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="188"/>
        <source>For example: {number}</source>
        <translation>Например: {number}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_settings_tab.py" line="221"/>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="72"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="73"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="74"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="75"/>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="76"/>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="77"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="78"/>
        <source>Pay by</source>
        <translation>Оплатить до</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="111"/>
        <source>Overdue: {money} left to pay</source>
        <translation>Просрочен: осталось оплатить {money}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="122"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="211"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="214"/>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="218"/>
        <source>Any client: type a name, phone or INN</source>
        <translation>Любой клиент: введите имя, телефон или ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="221"/>
        <source>Number…</source>
        <translation>Номер…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="222"/>
        <source>Invoices whose number contains this (Ctrl+F)</source>
        <translation>Счета, в номере которых есть этот текст (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="227"/>
        <source>New invoice</source>
        <translation>Новый счёт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="228"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="234"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="235"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="237"/>
        <source>Print preview</source>
        <translation>Предпросмотр печати</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="238"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="240"/>
        <source>Save PDF…</source>
        <translation>Сохранить PDF…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="242"/>
        <source>Excel copy…</source>
        <translation>Копия в Excel…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="244"/>
        <source>Send by e-mail…</source>
        <translation>Отправить по почте…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="268"/>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="270"/>
        <source>Client:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="334"/>
        <source>No invoices match the filter.</source>
        <translation>Нет счетов по этому отбору.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="336"/>
        <source>No invoices yet. Press “New invoice” (Ctrl+N) or make one from a deal.</source>
        <translation>Счетов пока нет. Нажмите «Новый счёт» (Ctrl+N) или выставьте счёт из сделки.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="342"/>
        <source>{n} shown, more as you scroll</source>
        <translation>Показано {n}, остальные — при прокрутке</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="344"/>
        <source>{n} invoices</source>
        <translation>Счетов: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="393"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="395"/>
        <source>Invoice {number}: {status}</source>
        <translation>Счёт {number}: {status}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="415"/>
        <source>Saved to {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoices_page.py" line="425"/>
        <source>The invoice went to {to}</source>
        <translation>Счёт отправлен: {to}</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="94"/>
        <source>Welcome</source>
        <translation>Добро пожаловать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="95"/>
        <source>A few questions, and you can start working.</source>
        <translation>Несколько вопросов — и можно начинать работу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="98"/>
        <source>The wizard asks where to keep the data, describes your company for invoices and creates your login. Everything can be changed later in Settings.</source>
        <translation>Мастер спросит, где хранить данные, запишет реквизиты вашей компании для счетов и создаст вашу учётную запись. Всё это можно изменить позже в настройках.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="102"/>
        <source>Language of the program:</source>
        <translation>Язык программы:</translation>
    </message>
</context>
<context>
    <name>LettersModel</name>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="126"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="127"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="128"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="129"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>LostReason</name>
    <message>
        <location filename="../../crm_desktop/ui/lost_reason.py" line="12"/>
        <source>Too expensive</source>
        <translation>Дорого</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/lost_reason.py" line="13"/>
        <source>Chose a competitor</source>
        <translation>Выбрали конкурента</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/lost_reason.py" line="14"/>
        <source>No budget</source>
        <translation>Нет бюджета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/lost_reason.py" line="15"/>
        <source>No longer needed</source>
        <translation>Больше не нужно</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/lost_reason.py" line="16"/>
        <source>Stopped answering</source>
        <translation>Перестали отвечать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/lost_reason.py" line="25"/>
        <source>Deal lost</source>
        <translation>Сделка проиграна</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/lost_reason.py" line="26"/>
        <source>Why was «{deal}» lost?</source>
        <translation>Почему сделка «{deal}» проиграна?</translation>
    </message>
</context>
<context>
    <name>MailSettingsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="69"/>
        <source>usual</source>
        <translation>обычный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="71"/>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (порт 587)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="72"/>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (порт 465)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="73"/>
        <source>None (port 25, inside the office)</source>
        <translation>Без шифрования (порт 25, внутри офиса)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="75"/>
        <source>blank if the server needs no login</source>
        <translation>пусто, если сервер не требует входа</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="81"/>
        <source>Mail server (SMTP)</source>
        <translation>Почтовый сервер (SMTP)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="85"/>
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="86"/>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="87"/>
        <source>Encryption:</source>
        <translation>Шифрование:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="88"/>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="89"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="93"/>
        <source>The password is kept in this computer&apos;s keyring, not in the database.</source>
        <translation>Пароль хранится в связке ключей этого компьютера, а не в базе данных.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="96"/>
        <source>Send from:</source>
        <translation>Адрес отправителя:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="97"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="99"/>
        <source>Send a test message</source>
        <translation>Отправить проверочное письмо</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="136"/>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="198"/>
        <source>saved; type to change</source>
        <translation>сохранён; введите, чтобы изменить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="151"/>
        <source>Only an administrator can change the mail server settings.</source>
        <translation>Настройки почтового сервера может менять только администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="157"/>
        <source>usual ({port})</source>
        <translation>обычный ({port})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="202"/>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="220"/>
        <source>Test message from the CRM</source>
        <translation>Проверочное письмо из CRM</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="221"/>
        <source>This message shows that the CRM can send mail through {server}.</source>
        <translation>Это письмо показывает, что CRM может отправлять почту через {server}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="226"/>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mail_settings.py" line="232"/>
        <source>The test message went to {to}.</source>
        <translation>Проверочное письмо отправлено на {to}.</translation>
    </message>
</context>
<context>
    <name>MailingLetters</name>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="109"/>
        <source>sent</source>
        <translation>отправлено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="110"/>
        <source>failed</source>
        <translation>не доставлено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="111"/>
        <source>uncertain</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="112"/>
        <source>waiting</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="113"/>
        <source>sending</source>
        <translation>отправляется</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="114"/>
        <source>not sent</source>
        <translation>не отправляется</translation>
    </message>
</context>
<context>
    <name>MailingPage</name>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="157"/>
        <source>Segments</source>
        <translation>Сегменты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="158"/>
        <source>Templates</source>
        <translation>Шаблоны</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="159"/>
        <source>Send</source>
        <translation>Отправка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="160"/>
        <location filename="../../crm_desktop/ui/mailing_page.py" line="229"/>
        <source>Birthdays</source>
        <translation>Дни рождения</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="72"/>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="90"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="91"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="92"/>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="93"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="96"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="97"/>
        <source>Mailing</source>
        <translation>Рассылки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="98"/>
        <source>Recycle bin</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="99"/>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="100"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="147"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="170"/>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="187"/>
        <source>Connection lost</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="192"/>
        <source>The connection to the server is back.</source>
        <translation>Связь с сервером восстановлена.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="336"/>
        <source>Restored</source>
        <translation>Восстановлено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="349"/>
        <source>Local database: {path}</source>
        <translation>Локальная база: {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="350"/>
        <source>Works without a network</source>
        <translation>Работает без сети</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="353"/>
        <source>Office server: {server}</source>
        <translation>Сервер офиса: {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="191"/>
        <location filename="../../crm_desktop/ui/main_window.py" line="354"/>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="94"/>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="95"/>
        <source>Price list</source>
        <translation>Прайс-лист</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="181"/>
        <source>No connection to the server {server}. Open cards keep what you typed; the program reconnects by itself.</source>
        <translation>Нет связи с сервером {server}. Открытые карточки сохраняют введённое; программа переподключится сама.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="359"/>
        <source>the file&apos;s owner</source>
        <translation>владелец файла</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="48"/>
        <source>Merge duplicates</source>
        <translation>Объединение дубликатов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="51"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="52"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="55"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="58"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="59"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="60"/>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="61"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="69"/>
        <source>Choose, line by line, what the merged client keeps; then press Merge.</source>
        <translation>Выберите по строкам, что останется у объединённого клиента, и нажмите «Объединить».</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="72"/>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="73"/>
        <source>Keep this record</source>
        <translation>Оставить эту запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="105"/>
        <source>Phones and e-mails</source>
        <translation>Телефоны и почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="110"/>
        <source>Phones, e-mails, history, deals, tasks and invoices of both records stay with the client kept; the other record goes to the recycle bin.</source>
        <translation>Телефоны, почта, история, сделки, задачи и счета обеих записей остаются у оставленного клиента; другая запись уходит в корзину.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="118"/>
        <source>Merge</source>
        <translation>Объединить</translation>
    </message>
</context>
<context>
    <name>MyDayPage</name>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="132"/>
        <location filename="../../crm_desktop/ui/my_day.py" line="375"/>
        <source>My day</source>
        <translation>Мой день</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="137"/>
        <source>My tasks</source>
        <translation>Мои задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="138"/>
        <source>Everyone&apos;s tasks</source>
        <translation>Задачи всех</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="142"/>
        <source>New task</source>
        <translation>Новая задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="143"/>
        <source>Add a task (Ctrl+N)</source>
        <translation>Добавить задачу (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="145"/>
        <source>Complete</source>
        <translation>Выполнить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="146"/>
        <source>Mark the task done (Space or Ctrl+Enter)</source>
        <translation>Отметить задачу выполненной (Пробел или Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="149"/>
        <source>Snooze</source>
        <translation>Отложить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="150"/>
        <source>Put the task off: its due time and reminder</source>
        <translation>Отложить задачу: её срок и напоминание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="154"/>
        <source>For 15 minutes</source>
        <translation>На 15 минут</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="155"/>
        <source>For 1 hour</source>
        <translation>На 1 час</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="156"/>
        <source>Until tomorrow 9:00</source>
        <translation>До завтра 9:00</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="161"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="162"/>
        <source>Open the task (Enter)</source>
        <translation>Открыть задачу (Enter)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="181"/>
        <source>Nothing to do today or this week. Add a task with Ctrl+N.</source>
        <translation>На сегодня и эту неделю дел нет. Добавьте задачу: Ctrl+N.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="251"/>
        <source>Overdue</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="252"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="253"/>
        <source>This week</source>
        <translation>На этой неделе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="262"/>
        <source>… and {n} more</source>
        <translation>… и ещё {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="264"/>
        <source>Nothing here</source>
        <translation>Ничего нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="329"/>
        <source>Done: {title}</source>
        <translation>Выполнено: {title}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="333"/>
        <source>Next time: {when}</source>
        <translation>Следующий раз: {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="342"/>
        <source>The call is in the history</source>
        <translation>Звонок записан в историю</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/my_day.py" line="364"/>
        <source>Put off until {when}: {title}</source>
        <translation>Отложено до {when}: {title}</translation>
    </message>
</context>
<context>
    <name>OfficeServerDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="58"/>
        <source>Make this computer the office server</source>
        <translation>Сделать этот компьютер офисным сервером</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="64"/>
        <source>This computer will keep the office&apos;s database: the other desktops connect to it over the local network, each with their own login. It must stay switched on while the others work. You become the CRM&apos;s administrator.</source>
        <translation>На этом компьютере будет храниться база офиса: остальные рабочие места подключаются к нему по локальной сети, каждое со своим логином. Он должен быть включён, пока работают остальные. Вы станете администратором CRM.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="81"/>
        <source>Remember my password in the system keyring (never in a file)</source>
        <translation>Запомнить мой пароль в системном хранилище паролей (никогда — в файле)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="88"/>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="89"/>
        <source>Your login:</source>
        <translation>Ваш логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="90"/>
        <source>Your full name:</source>
        <translation>Ваше полное имя:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="91"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="92"/>
        <source>Repeat it:</source>
        <translation>Повторите пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="99"/>
        <source>Copy the address</source>
        <translation>Скопировать адрес</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="106"/>
        <source>The program connects to the new server from its next start.</source>
        <translation>Программа подключится к новому серверу при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="115"/>
        <source>Make this computer the server</source>
        <translation>Сделать этот компьютер сервером</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="134"/>
        <source>At least {n} characters</source>
        <translation>Не меньше {n} символов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="136"/>
        <source>The two passwords differ</source>
        <translation>Пароли не совпадают</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="165"/>
        <source>Preparing the office server…</source>
        <translation>Подготовка офисного сервера…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="183"/>
        <source>The office server is ready. Other desktops connect to:</source>
        <translation>Офисный сервер готов. Остальные рабочие места подключаются к адресу:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="189"/>
        <source>The PostgreSQL superuser&apos;s password (shown only now; keep it safe): {p}</source>
        <translation>Пароль суперпользователя PostgreSQL (показывается только сейчас; сохраните его в надёжном месте): {p}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="194"/>
        <source>Start the server with: {command}</source>
        <translation>Запустите сервер командой: {command}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="198"/>
        <source>To start it with the computer:</source>
        <translation>Чтобы сервер запускался вместе с компьютером:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="203"/>
        <source>This computer has no keyring: the program will ask your password.</source>
        <translation>На этом компьютере нет хранилища паролей: программа будет спрашивать пароль.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/office_server_dialog.py" line="208"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="147"/>
        <source>New order</source>
        <translation>Новый заказ</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="150"/>
        <source>Order {number} · {status}</source>
        <translation>Заказ {number} · {status}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="158"/>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="159"/>
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="160"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="164"/>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="171"/>
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="179"/>
        <source>The order is “{status}”: only a draft changes its contents; files can still be added.</source>
        <translation>Заказ — «{status}»: содержимое меняется только у черновика; файлы добавлять можно.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="203"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="205"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="209"/>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="209"/>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="209"/>
        <source>Unit</source>
        <translation>Ед.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="209"/>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="248"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="209"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="219"/>
        <source>From the price list…</source>
        <translation>Из прайс-листа…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="220"/>
        <source>Custom line</source>
        <translation>Своя строка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="221"/>
        <source>A line with a free description and price</source>
        <translation>Строка с произвольным описанием и ценой</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="222"/>
        <source>Remove line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="237"/>
        <source>Lines</source>
        <translation>Позиции</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="242"/>
        <source>What to make: sizes, materials, colour … (for production)</source>
        <translation>Что изготовить: размеры, материалы, цвет … (для производства)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="245"/>
        <source>Specification</source>
        <translation>Спецификация</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="247"/>
        <source>The price of a custom product without lines</source>
        <translation>Цена индивидуального изделия без позиций</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="262"/>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="266"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="273"/>
        <source>Add files…</source>
        <translation>Добавить файлы…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="274"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="275"/>
        <source>Save a copy…</source>
        <translation>Сохранить копию…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="287"/>
        <source>No files: add drawings, photos or a specification for production.</source>
        <translation>Файлов нет: добавьте чертежи, фото или спецификацию для производства.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="337"/>
        <source>The history starts when the order is saved.</source>
        <translation>История начнётся, когда заказ будет сохранён.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="369"/>
        <source>taken as “{status}”</source>
        <translation>принят как «{status}»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="372"/>
        <source>the file&apos;s owner</source>
        <translation>владелец файла</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="378"/>
        <source>Invoice {number}: {total}, paid {paid}</source>
        <translation>Счёт {number}: {total}, оплачено {paid}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="379"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="406"/>
        <source>No deal</source>
        <translation>Без сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="505"/>
        <source>Lines add up to {sum}</source>
        <translation>Сумма позиций: {sum}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="530"/>
        <source>Attach files</source>
        <translation>Прикрепить файлы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="541"/>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="648"/>
        <source>Cannot read {file}: {error}</source>
        <translation>Не удалось прочитать {file}: {error}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="560"/>
        <source> (not saved yet)</source>
        <translation> (ещё не сохранён)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="575"/>
        <source>Save a copy of the file</source>
        <translation>Сохранить копию файла</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="642"/>
        <source>Choose the client from the list</source>
        <translation>Выберите клиента из списка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_dialog.py" line="693"/>
        <source>Line {n}: {problem}</source>
        <translation>Строка {n}: {problem}</translation>
    </message>
</context>
<context>
    <name>OrderMoves</name>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="23"/>
        <source>Submit for prepayment</source>
        <translation>Отправить на предоплату</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="26"/>
        <source>Confirm prepayment</source>
        <translation>Подтвердить предоплату</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="27"/>
        <source>Accept into production</source>
        <translation>Принять в производство</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="30"/>
        <source>Mark as ready</source>
        <translation>Отметить готовым</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="31"/>
        <source>Mark as shipped</source>
        <translation>Отметить отгруженным</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="32"/>
        <source>Close the order</source>
        <translation>Закрыть заказ</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="33"/>
        <source>Cancel the order</source>
        <translation>Отменить заказ</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="34"/>
        <source>Back to draft</source>
        <translation>Вернуть в черновик</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="41"/>
        <source>All orders</source>
        <translation>Все заказы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="42"/>
        <source>Accounting: awaiting prepayment</source>
        <translation>Бухгалтерия: ждут предоплату</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/order_labels.py" line="43"/>
        <source>Production: in work</source>
        <translation>Производство: в работе</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="89"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="90"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="91"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="92"/>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="93"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="94"/>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="215"/>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="217"/>
        <source>New order</source>
        <translation>Новый заказ</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="218"/>
        <source>Take a new order (Ctrl+N)</source>
        <translation>Принять новый заказ (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="219"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="220"/>
        <source>Open the order (Enter)</source>
        <translation>Открыть заказ (Enter)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="252"/>
        <source>Move the order:</source>
        <translation>Перевести заказ:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="314"/>
        <source>No orders yet: take one with “New order” (Ctrl+N).</source>
        <translation>Заказов пока нет: примите первый кнопкой «Новый заказ» (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="315"/>
        <source>No orders are waiting for their prepayment.</source>
        <translation>Нет заказов, ожидающих предоплаты.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="316"/>
        <source>Nothing to make: no order is prepaid or in production.</source>
        <translation>Делать нечего: нет оплаченных заказов и заказов в производстве.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="382"/>
        <source>Order {number} is “{status}”: your role moves it no further.</source>
        <translation>Заказ {number} — «{status}»: дальше его переводит не ваша роль.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="438"/>
        <source>Order {number}: {status}</source>
        <translation>Заказ {number}: {status}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/orders_page.py" line="478"/>
        <source>Order {number} saved</source>
        <translation>Заказ {number} сохранён</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="95"/>
        <source>Add a payment</source>
        <translation>Добавить оплату</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="102"/>
        <source>Amount, ₽:</source>
        <translation>Сумма, ₽:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/invoice_editor.py" line="103"/>
        <source>Received on:</source>
        <translation>Дата поступления:</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="72"/>
        <source>Expected close between</source>
        <translation>Ожидаемое закрытие между датами</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="86"/>
        <source>From:</source>
        <translation>С:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_filter_bar.py" line="87"/>
        <source>To:</source>
        <translation>По:</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../crm_desktop/ui/report_period.py" line="55"/>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_period.py" line="56"/>
        <source>Last month</source>
        <translation>Прошлый месяц</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_period.py" line="57"/>
        <source>This quarter</source>
        <translation>Этот квартал</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_period.py" line="58"/>
        <source>This year</source>
        <translation>Этот год</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_period.py" line="59"/>
        <source>Last 12 months</source>
        <translation>Последние 12 месяцев</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_period.py" line="63"/>
        <source>Custom period</source>
        <translation>Свой период</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="113"/>
        <source>Where to keep the data</source>
        <translation>Где хранить данные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="114"/>
        <source>Choose how this computer works with the client base.</source>
        <translation>Выберите, как этот компьютер работает с клиентской базой.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="115"/>
        <source>Work on this computer</source>
        <translation>Работать на этом компьютере</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="116"/>
        <source>Connect to the office server</source>
        <translation>Подключиться к серверу в офисе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="117"/>
        <source>Try with sample data</source>
        <translation>Попробовать на демонстрационных данных</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="121"/>
        <source>The data stays in a file on this computer ({path}). Nothing to set up, works without a network.</source>
        <translation>Данные хранятся в файле на этом компьютере ({path}). Ничего настраивать не нужно, сеть не требуется.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="125"/>
        <source>Several people work in one shared database on the office server (PostgreSQL). The administrator gives you its address and your login.</source>
        <translation>Несколько человек работают в общей базе на сервере в офисе (PostgreSQL). Адрес сервера и ваш логин сообщит администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="129"/>
        <source>A separate database with {n} invented clients, their history, deals and invoices, to look around. It never mixes with your real data.</source>
        <translation>Отдельная база с {n} вымышленными клиентами, их историей, сделками и счетами — чтобы осмотреться. С вашими настоящими данными она не смешивается.</translation>
    </message>
</context>
<context>
    <name>PrepaymentDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="48"/>
        <source>Prepayment to invoice</source>
        <translation>Предоплата к выставлению</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="51"/>
        <source>Order {number}: the total is {total}.</source>
        <translation>Заказ {number}: сумма {total}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="55"/>
        <source>Order {number} has no total yet: type the prepayment.</source>
        <translation>У заказа {number} ещё нет суммы: введите предоплату.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="61"/>
        <source>for example 15 000,50</source>
        <translation>например 15 000,50</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="67"/>
        <source>{percent} % of the order&apos;s total</source>
        <translation>{percent} % суммы заказа</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="76"/>
        <source>Amount:</source>
        <translation>Сумма:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="77"/>
        <source>Share:</source>
        <translation>Доля:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="82"/>
        <source>Submit</source>
        <translation>Передать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="88"/>
        <source>A draft invoice for this amount goes to accounting.</source>
        <translation>Черновик счёта на эту сумму уйдёт в бухгалтерию.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="107"/>
        <source>Type the amount to invoice</source>
        <translation>Введите сумму счёта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="113"/>
        <source>The prepayment must be more than zero</source>
        <translation>Предоплата должна быть больше нуля</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/prepayment_dialog.py" line="115"/>
        <source>More than the order&apos;s total of {total}</source>
        <translation>Больше суммы заказа ({total})</translation>
    </message>
</context>
<context>
    <name>PriceListPage</name>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="188"/>
        <source>Price list</source>
        <translation>Прайс-лист</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="191"/>
        <source>Search by name or SKU</source>
        <translation>Поиск по названию или артикулу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="194"/>
        <source>Show inactive</source>
        <translation>Показать неактивные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="195"/>
        <source>New product</source>
        <translation>Новый товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="196"/>
        <source>Add a product or service (Ctrl+N)</source>
        <translation>Добавить товар или услугу (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="197"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="198"/>
        <source>Change the product (Enter)</source>
        <translation>Изменить товар (Enter)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="199"/>
        <source>Import from Excel…</source>
        <translation>Загрузить из Excel…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="233"/>
        <source>Hide</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="280"/>
        <source>Nothing found.</source>
        <translation>Ничего не найдено.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="282"/>
        <source>The price list is empty: add a product or import one from Excel.</source>
        <translation>Прайс-лист пуст: добавьте товар или загрузите прайс из Excel.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="314"/>
        <source>Saved: {name}</source>
        <translation>Сохранено: {name}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="322"/>
        <source>Import a price list</source>
        <translation>Загрузка прайс-листа</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="324"/>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>Таблицы (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="346"/>
        <source>Importing the price list…</source>
        <translation>Загрузка прайс-листа…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="356"/>
        <source>Price list imported: {created} added, {updated} updated</source>
        <translation>Прайс-лист загружен: добавлено {created}, обновлено {updated}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="361"/>
        <source>; rows refused: {n}</source>
        <translation>; отклонено строк: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="364"/>
        <source>Row {row}, {column}: “{value}” — {message}</source>
        <translation>Строка {row}, {column}: «{value}» — {message}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="384"/>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>Загрузка отменена, ничего не изменено.</translation>
    </message>
</context>
<context>
    <name>PrivacyButton</name>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="99"/>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="172"/>
        <source>Personal data</source>
        <translation>Персональные данные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="106"/>
        <source>Export personal data…</source>
        <translation>Выгрузить персональные данные…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="108"/>
        <source>Erase personal data…</source>
        <translation>Уничтожить персональные данные…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="116"/>
        <source>Export personal data</source>
        <translation>Выгрузка персональных данных</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/privacy_actions.py" line="118"/>
        <source>PDF (*.pdf);;JSON (*.json)</source>
        <translation>PDF (*.pdf);;JSON (*.json)</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="68"/>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="68"/>
        <source>New product</source>
        <translation>Новый товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="75"/>
        <source>e.g. Installation of a window</source>
        <translation>например, Установка окна</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="76"/>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="78"/>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="83"/>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="86"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="88"/>
        <source>Without VAT</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="91"/>
        <source>VAT rate</source>
        <translation>Ставка НДС</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="92"/>
        <source>A service (not goods)</source>
        <translation>Услуга (не товар)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="94"/>
        <source>Active (offered in new orders and invoices)</source>
        <translation>Активен (предлагается в новых заказах и счетах)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="100"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="107"/>
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_dialog.py" line="172"/>
        <source>Enter the name</source>
        <translation>Введите наименование</translation>
    </message>
</context>
<context>
    <name>ProductPicker</name>
    <message>
        <location filename="../../crm_desktop/ui/product_picker.py" line="40"/>
        <source>Add a product</source>
        <translation>Добавить товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_picker.py" line="43"/>
        <source>Part of the name or SKU</source>
        <translation>Часть названия или артикула</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_picker.py" line="98"/>
        <source>Nothing found in the price list.</source>
        <translation>В прайс-листе ничего не найдено.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/product_picker.py" line="100"/>
        <source>The price list is empty.</source>
        <translation>Прайс-лист пуст.</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="76"/>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="77"/>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="78"/>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="79"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="80"/>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="81"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="131"/>
        <source>without VAT</source>
        <translation>без НДС</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="132"/>
        <source>service</source>
        <translation>услуга</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="132"/>
        <source>goods</source>
        <translation>товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/price_list.py" line="133"/>
        <source>{kind}, inactive</source>
        <translation>{kind}, не используется</translation>
    </message>
</context>
<context>
    <name>ProposalFiles</name>
    <message>
        <location filename="../../crm_desktop/ui/proposal_files.py" line="60"/>
        <source>Save the commercial proposal</source>
        <translation>Сохранить коммерческое предложение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/proposal_files.py" line="61"/>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/proposal_files.py" line="70"/>
        <location filename="../../crm_desktop/ui/proposal_files.py" line="84"/>
        <source>Commercial proposal</source>
        <translation>Коммерческое предложение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/proposal_files.py" line="71"/>
        <source>Saved to {path}. Open it now?</source>
        <translation>Сохранено в {path}. Открыть сейчас?</translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_records.py" line="61"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_records.py" line="68"/>
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_records.py" line="71"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_records.py" line="99"/>
        <source>Nothing here</source>
        <translation>Здесь ничего нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_records.py" line="102"/>
        <source>The first {n} records</source>
        <translation>Первые {n} записей</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_records.py" line="104"/>
        <source>{n} records</source>
        <translation>Записей: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/dashboard_records.py" line="133"/>
        <source>Saved: {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
</context>
<context>
    <name>RecycleBinPage</name>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="65"/>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="265"/>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="274"/>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="300"/>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="377"/>
        <source>Recycle bin</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="68"/>
        <source>All kinds</source>
        <translation>Всё</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="70"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="71"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="72"/>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="73"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="74"/>
        <source>Products</source>
        <translation>Товары</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="78"/>
        <source>Find in the recycle bin: a name, title or number</source>
        <translation>Найти в корзине: имя, название или номер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="102"/>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="103"/>
        <source>Bring the selected records back (Ctrl+R)</source>
        <translation>Вернуть выбранные записи (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="106"/>
        <source>Delete for good…</source>
        <translation>Удалить навсегда…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="110"/>
        <source>Empty the recycle bin…</source>
        <translation>Очистить корзину…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="117"/>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="204"/>
        <source>{shown} of {total} shown, more as you scroll</source>
        <translation>Показано {shown} из {total}, остальные — при прокрутке</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="209"/>
        <source>In the recycle bin: {n}</source>
        <translation>В корзине: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="215"/>
        <source>Nothing in the recycle bin matches the filter.</source>
        <translation>В корзине нет ничего подходящего.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="218"/>
        <source>The recycle bin is empty. Deleted clients, deals, tasks, invoice drafts and products come here, and can be restored from here.</source>
        <translation>Корзина пуста. Сюда попадают удалённые клиенты, сделки, задачи, черновики счетов и товары, и отсюда их можно восстановить.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="246"/>
        <source>Erase the selected records for good, with their details (Shift+Del)</source>
        <translation>Удалить выбранные записи навсегда вместе со связанными сведениями (Shift+Del)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="251"/>
        <source>Erase for good everything in the recycle bin of the kind chosen under “Show”</source>
        <translation>Удалить навсегда всё, что лежит в корзине, того вида, что выбран в «Показать»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="255"/>
        <source>Checking your rights…</source>
        <translation>Проверяем ваши права…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="294"/>
        <source>Restored: {n}</source>
        <translation>Восстановлено: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="301"/>
        <source>These records stay in the recycle bin:
{reasons}</source>
        <translation>Эти записи остались в корзине:
{reasons}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="317"/>
        <source>Records to erase for good, with their phones, history and lines: {n}. This cannot be undone. Erase them?</source>
        <translation>Записей будет удалено навсегда — вместе с их телефонами, историей и строками: {n}. Это нельзя отменить. Удалить?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="338"/>
        <source>The recycle bin is empty.</source>
        <translation>Корзина пуста.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="340"/>
        <source>all kinds</source>
        <translation>все виды</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="342"/>
        <source>Records to erase for good: {n} ({what}). This cannot be undone. Empty the recycle bin?</source>
        <translation>Записей будет удалено навсегда: {n} ({what}). Это нельзя отменить. Очистить корзину?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/recycle_bin_page.py" line="351"/>
        <source>Erasing records for good…</source>
        <translation>Записи удаляются навсегда…</translation>
    </message>
</context>
<context>
    <name>ReminderPopup</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="64"/>
        <source>Reminder</source>
        <translation>Напоминание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="71"/>
        <source>no due date</source>
        <translation>без срока</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="72"/>
        <source>Due: {when}</source>
        <translation>Срок: {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="75"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="76"/>
        <source>Complete</source>
        <translation>Выполнить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="78"/>
        <source>In 10 min</source>
        <translation>Через 10 мин</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="79"/>
        <source>In 1 hour</source>
        <translation>Через 1 час</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="84"/>
        <source>Remind me again later</source>
        <translation>Напомнить ещё раз позже</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="96"/>
        <source>Remind again:</source>
        <translation>Напомнить:</translation>
    </message>
</context>
<context>
    <name>ReminderWatcher</name>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="209"/>
        <source>{n} more reminders: see My day</source>
        <translation>Ещё напоминаний: {n}, смотрите «Мой день»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="288"/>
        <source>Done: {title}</source>
        <translation>Выполнено: {title}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reminders.py" line="308"/>
        <source>I will remind you again at {when}: {title}</source>
        <translation>Напомню ещё раз в {when}: {title}</translation>
    </message>
</context>
<context>
    <name>ReportFiles</name>
    <message>
        <location filename="../../crm_desktop/ui/report_files.py" line="35"/>
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_files.py" line="37"/>
        <source>Save as PDF</source>
        <translation>Сохранить в PDF</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_files.py" line="44"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_files.py" line="46"/>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_files.py" line="101"/>
        <location filename="../../crm_desktop/ui/report_files.py" line="110"/>
        <source>Making the report…</source>
        <translation>Отчёт формируется…</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="347"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="354"/>
        <source>Save the rejected rows…</source>
        <translation>Сохранить отклонённые строки…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="356"/>
        <source>Undo this import</source>
        <translation>Отменить этот импорт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="374"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="374"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="374"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="374"/>
        <source>What is wrong</source>
        <translation>Что не так</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="395"/>
        <source>Save the rejected rows</source>
        <translation>Сохранить отклонённые строки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="395"/>
        <source>Workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="415"/>
        <source>Undoing the import…</source>
        <translation>Отменяем импорт…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="421"/>
        <source>The import was undone: {removed} records removed, {restored} restored.</source>
        <translation>Импорт отменён: удалено записей {removed}, восстановлено {restored}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="423"/>
        <source>Changed since, so kept: {names}</source>
        <translation>Изменены после импорта, поэтому оставлены: {names}</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="120"/>
        <source>No contact for</source>
        <translation>Без контакта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="124"/>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="128"/>
        <source>All managers</source>
        <translation>Все менеджеры</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="131"/>
        <source>Pipeline:</source>
        <translation>Воронка:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="133"/>
        <source>Default pipeline</source>
        <translation>Основная воронка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="135"/>
        <source>All tags</source>
        <translation>Все метки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="136"/>
        <source>Only the clients with this tag</source>
        <translation>Только клиенты с этой меткой</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="138"/>
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="139"/>
        <source>Only the clients of this segment</source>
        <translation>Только клиенты этого сегмента</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="141"/>
        <source>Run</source>
        <translation>Сформировать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="142"/>
        <source>Run the report (F5, Ctrl+R)</source>
        <translation>Сформировать отчёт (F5, Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="145"/>
        <source>Running the report…</source>
        <translation>Отчёт формируется…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="147"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="191"/>
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="193"/>
        <source>Save as PDF</source>
        <translation>Сохранить в PDF</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="195"/>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="196"/>
        <source>Print the report (Ctrl+P)</source>
        <translation>Напечатать отчёт (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="217"/>
        <source>Choose a report and a period, then press Run.</source>
        <translation>Выберите отчёт и период и нажмите «Сформировать».</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="222"/>
        <source>Report:</source>
        <translation>Отчёт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="234"/>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="237"/>
        <source>Manager:</source>
        <translation>Менеджер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="242"/>
        <source>Clients:</source>
        <translation>Клиенты:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="267"/>
        <source>By stage</source>
        <translation>По этапам</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="268"/>
        <source>By manager</source>
        <translation>По менеджерам</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="269"/>
        <source>By month</source>
        <translation>По месяцам</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="270"/>
        <source>By product</source>
        <translation>По товарам</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="271"/>
        <source>By day</source>
        <translation>По дням</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="272"/>
        <source>By week</source>
        <translation>По неделям</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="273"/>
        <source>By client</source>
        <translation>По клиентам</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="409"/>
        <source>The report was cancelled.</source>
        <translation>Формирование отчёта отменено.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="440"/>
        <source>No data for this period</source>
        <translation>За этот период данных нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="444"/>
        <source>Showing the first {n} rows; export writes all</source>
        <translation>Показаны первые {n} строк; в файл попадут все</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="450"/>
        <source>{n} rows</source>
        <translation>Строк: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="501"/>
        <source>{caption} (the first {n})</source>
        <translation>{caption} (первые {n})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/report_view.py" line="549"/>
        <source>Saved: {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/reports_page.py" line="36"/>
        <location filename="../../crm_desktop/ui/reports_page.py" line="43"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/reports_page.py" line="42"/>
        <source>Dashboard</source>
        <translation>Сводка</translation>
    </message>
</context>
<context>
    <name>ScheduledBackups</name>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="398"/>
        <source>Automatic backup saved: {path}</source>
        <translation>Автоматическая копия сохранена: {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/backup_settings.py" line="405"/>
        <source>The automatic backup failed: {reason}</source>
        <translation>Автоматическая копия не создана: {reason}</translation>
    </message>
</context>
<context>
    <name>SeatTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="175"/>
        <source>Seat</source>
        <translation>Место</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="175"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="175"/>
        <source>Computer</source>
        <translation>Компьютер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="175"/>
        <source>Since</source>
        <translation>С какого времени</translation>
    </message>
</context>
<context>
    <name>SegmentsTab</name>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="73"/>
        <source>New segment</source>
        <translation>Новый сегмент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="75"/>
        <source>Delete…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="81"/>
        <source>Saved segments (clients in each now)</source>
        <translation>Сохранённые сегменты (сколько в каждом клиентов сейчас)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="108"/>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="141"/>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="109"/>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="116"/>
        <source>e.g. VIP clients in Moscow</source>
        <translation>например, VIP-клиенты в Москве</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="119"/>
        <source>What the segment is for (optional)</source>
        <translation>Для чего этот сегмент (необязательно)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="121"/>
        <source>People and companies</source>
        <translation>Люди и компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="122"/>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="123"/>
        <source>Companies</source>
        <translation>Компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="125"/>
        <source>Any manager</source>
        <translation>Любой менеджер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="129"/>
        <source>No tags yet: tag clients in the client list.</source>
        <translation>Меток пока нет: их ставят клиентам в списке клиентов.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="131"/>
        <source>e.g. a fair, the website</source>
        <translation>например, выставка, сайт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="134"/>
        <source>Birthday this month</source>
        <translation>День рождения в этом месяце</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="139"/>
        <source>any product</source>
        <translation>любой товар</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="143"/>
        <source>Champions</source>
        <translation>Чемпионы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="144"/>
        <source>Loyal</source>
        <translation>Лояльные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="145"/>
        <source>New</source>
        <translation>Новые</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="146"/>
        <source>At risk</source>
        <translation>Под угрозой ухода</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="147"/>
        <source>Lost customers</source>
        <translation>Потерянные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="148"/>
        <source>Needs attention</source>
        <translation>Требуют внимания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="166"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="167"/>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="168"/>
        <source>Clients:</source>
        <translation>Клиенты:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="169"/>
        <source>Manager:</source>
        <translation>Менеджер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="175"/>
        <source>Any of the tags:</source>
        <translation>С любой из меток:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="176"/>
        <source>Source:</source>
        <translation>Источник:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="177"/>
        <source>No contact for at least:</source>
        <translation>Нет контакта не меньше:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="178"/>
        <source>A contact within the last:</source>
        <translation>Был контакт за последние:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="180"/>
        <source>Birthday within the next:</source>
        <translation>День рождения в ближайшие:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="181"/>
        <source>Bought the product:</source>
        <translation>Покупал товар:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="182"/>
        <source>RFM class (last year):</source>
        <translation>Класс RFM (за год):</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="190"/>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="379"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="333"/>
        <source>Also own-field rules, kept as they are: {rules}</source>
        <translation>Ещё условия по своим полям, они сохранятся как есть: {rules}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="379"/>
        <source>Save as a new segment</source>
        <translation>Сохранить как новый сегмент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="395"/>
        <source>Counting…</source>
        <translation>Считаю…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="425"/>
        <source>Choose at least one rule</source>
        <translation>Задайте хотя бы одно условие</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="427"/>
        <source>Clients in the segment now: {n}</source>
        <translation>Клиентов в сегменте сейчас: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="452"/>
        <source>Segment «{name}» saved</source>
        <translation>Сегмент «{name}» сохранён</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="472"/>
        <source>Delete the segment</source>
        <translation>Удаление сегмента</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="474"/>
        <source>Delete the segment «{name}»? Its clients stay as they are: only this saved filter goes, and it cannot be brought back.</source>
        <translation>Удалить сегмент «{name}»? Клиенты останутся как есть: удаляется только этот сохранённый фильтр, и вернуть его будет нельзя.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/segment_editor.py" line="494"/>
        <source>Segment «{name}» deleted; its clients stay</source>
        <translation>Сегмент «{name}» удалён; его клиенты остались</translation>
    </message>
</context>
<context>
    <name>SendMailDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="84"/>
        <source>Send the invoice by e-mail</source>
        <translation>Отправить счёт по почте</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="87"/>
        <source>name@company.ru; several separated by commas</source>
        <translation>name@company.ru; несколько — через запятую</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="95"/>
        <source>Mail is not set up yet: an administrator enters the server in Settings → Mail.</source>
        <translation>Почта ещё не настроена: администратор указывает сервер в разделе Настройки → Почта.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="101"/>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="102"/>
        <source>Subject:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="103"/>
        <source>Attached:</source>
        <translation>Вложение:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="105"/>
        <location filename="../../crm_desktop/ui/send_mail.py" line="177"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="143"/>
        <source>Say whom to send it to.</source>
        <translation>Укажите, кому отправить.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/send_mail.py" line="149"/>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
</context>
<context>
    <name>SendTab</name>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="205"/>
        <source> letters a minute</source>
        <translation> писем в минуту</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="207"/>
        <source>Mail providers take a few dozen letters a minute calmly; more may be refused.</source>
        <translation>Почтовые серверы спокойно принимают несколько десятков писем в минуту; больше могут не принять.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="212"/>
        <source>Check</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="213"/>
        <source>How many letters would go out, and who is left out</source>
        <translation>Сколько писем уйдёт и кто останется без письма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="215"/>
        <source>Send…</source>
        <translation>Отправить…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="217"/>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="219"/>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="223"/>
        <source>Segment:</source>
        <translation>Сегмент:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="224"/>
        <source>Template:</source>
        <translation>Шаблон:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="225"/>
        <source>Speed:</source>
        <translation>Скорость:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="239"/>
        <source>%v of %m</source>
        <translation>%v из %m</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="265"/>
        <source>Letters go only to clients who consented to marketing mail and did not unsubscribe; each ends with how to unsubscribe. Each letter sent is logged in the client&apos;s history.</source>
        <translation>Письма уходят только клиентам, которые дали согласие на рассылку и не отписались; в конце каждого письма сказано, как отписаться. Каждое отправленное письмо записывается в историю клиента.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="337"/>
        <source>Checking…</source>
        <translation>Проверяю…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="352"/>
        <source>«{template}» to «{segment}»: {n} letters would go out; {m} clients of the segment are left out (listed below with the reason).</source>
        <translation>«{template}» для «{segment}»: уйдёт писем — {n}; без письма останутся клиенты сегмента — {m} (ниже список с причинами).</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="382"/>
        <source>Send the mailing</source>
        <translation>Отправка рассылки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="384"/>
        <source>Send «{template}» to the segment «{segment}»? Letters go only to clients who consented, {rate} a minute; you can pause at any time.</source>
        <translation>Отправить «{template}» сегменту «{segment}»? Письма получат только давшие согласие, по {rate} в минуту; приостановить можно в любой момент.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="408"/>
        <source>Pausing after the current letter…</source>
        <translation>Остановлюсь после текущего письма…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="424"/>
        <source>Starting…</source>
        <translation>Начинаю…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="430"/>
        <source>The mail server is not set up: an administrator sets it in Settings → Mail.</source>
        <translation>Почтовый сервер не настроен: администратор задаёт его в разделе Настройки → Почта.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="490"/>
        <source>Sending: {done} of {total} letters</source>
        <translation>Отправка: {done} из {total} писем</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="504"/>
        <source>Done: {sent} of {total} letters sent, {failed} failed, {uncertain} uncertain.</source>
        <translation>Готово: отправлено {sent} из {total} писем, не доставлено — {failed}, неизвестно — {uncertain}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="514"/>
        <source>Paused: {sent} of {total} letters sent, {queued} waiting. Resume to go on.</source>
        <translation>Пауза: отправлено {sent} из {total} писем, в очереди — {queued}. Нажмите «Продолжить», чтобы продолжить.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="528"/>
        <source>The unsent letters stay queued: press Resume to go on later.</source>
        <translation>Неотправленные письма остаются в очереди: нажмите «Продолжить», когда будет можно.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/mailing_send.py" line="538"/>
        <source>Paused.</source>
        <translation>Пауза.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="161"/>
        <source>The office server</source>
        <translation>Сервер в офисе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="163"/>
        <source>The administrator of your office gives you these values and your login.</source>
        <translation>Эти значения и ваш логин сообщит администратор вашего офиса.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="166"/>
        <source>server name or address, e.g. 192.168.1.10</source>
        <translation>имя или адрес сервера, например 192.168.1.10</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="175"/>
        <source>Remember the password in the system keyring (never in a file)</source>
        <translation>Запомнить пароль в системном хранилище паролей (не в файле)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="182"/>
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="183"/>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="184"/>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="185"/>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="186"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="225"/>
        <source>Connecting to {server}…</source>
        <translation>Подключаемся к {server}…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="229"/>
        <source>The server {server} has no database «{db}». Create it? Do so only when you set up the office&apos;s CRM for the first time; otherwise check the name.</source>
        <translation>На сервере {server} нет базы данных «{db}». Создать её? Создавайте, только если впервые настраиваете CRM для офиса; иначе проверьте название.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="53"/>
        <location filename="../../crm_desktop/ui/settings_page.py" line="174"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="64"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="67"/>
        <source>Language of the program:</source>
        <translation>Язык программы:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="68"/>
        <source>Takes effect when the program starts again.</source>
        <translation>Вступит в силу при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="71"/>
        <source>Save the requisites</source>
        <translation>Сохранить реквизиты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="72"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="76"/>
        <source>Your company (for invoices)</source>
        <translation>Ваша компания (для счетов)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="86"/>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="90"/>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="92"/>
        <source>local file {path}</source>
        <translation>локальный файл {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="94"/>
        <source>office server {server}</source>
        <translation>сервер в офисе {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="97"/>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="97"/>
        <source>the file&apos;s owner</source>
        <translation>владелец файла</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="98"/>
        <source>Connect to a server…</source>
        <translation>Подключиться к серверу…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="100"/>
        <source>Work with the office server (or another database) from the next start</source>
        <translation>Работать с офисным сервером (или другой базой) со следующего запуска</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="103"/>
        <source>Make this computer the office server…</source>
        <translation>Сделать этот компьютер офисным сервером…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="133"/>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="134"/>
        <source>Sales funnel</source>
        <translation>Воронка продаж</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="135"/>
        <source>Assignment</source>
        <translation>Назначение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="138"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="139"/>
        <source>Mail</source>
        <translation>Почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="141"/>
        <source>Backup</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="156"/>
        <source>Only an administrator can change the requisites.</source>
        <translation>Изменять реквизиты может только администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="175"/>
        <source>Saved. The program uses the new connection from its next start.</source>
        <translation>Сохранено. Программа будет использовать новое подключение со следующего запуска.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="212"/>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <location filename="../../crm_desktop/ui/deal_columns.py" line="81"/>
        <source>No deals</source>
        <translation>Нет сделок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_columns.py" line="86"/>
        <source>Show all the deals of this stage as a list</source>
        <translation>Показать все сделки этой стадии списком</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_columns.py" line="128"/>
        <source>{n} · {total}</source>
        <translation>{n} · {total}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_columns.py" line="133"/>
        <source>+ {n} more</source>
        <translation>+ ещё {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_columns.py" line="152"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/deal_columns.py" line="153"/>
        <source>Move to</source>
        <translation>Переместить на стадию</translation>
    </message>
</context>
<context>
    <name>StageEditor</name>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="44"/>
        <source>Choose a stage to see its settings.</source>
        <translation>Выберите этап, чтобы увидеть его настройки.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="49"/>
        <source>The chance that a deal at this stage is won</source>
        <translation>Вероятность выиграть сделку на этом этапе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="57"/>
        <source>For example: the INN is checked</source>
        <translation>Например: ИНН проверен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="59"/>
        <source>Add item</source>
        <translation>Добавить пункт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="61"/>
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="63"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="64"/>
        <source>Remove the item (Del)</source>
        <translation>Удалить пункт (Del)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="66"/>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="67"/>
        <source>Move the item up (Ctrl+Up)</source>
        <translation>Переместить пункт выше (Ctrl+Up)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="69"/>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="70"/>
        <source>Move the item down (Ctrl+Down)</source>
        <translation>Переместить пункт ниже (Ctrl+Down)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="111"/>
        <source>A deal moves on from this stage only when every item is ticked.</source>
        <translation>Сделка уйдёт с этого этапа, только когда отмечены все пункты.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="117"/>
        <source>Meaning:</source>
        <translation>Значение:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="118"/>
        <source>Probability:</source>
        <translation>Вероятность:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="119"/>
        <source>Checklist:</source>
        <translation>Чек-лист:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="121"/>
        <source>Required fields:</source>
        <translation>Обязательные поля:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="135"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="136"/>
        <source>Expected close date</source>
        <translation>Ожидаемая дата закрытия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="137"/>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="138"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="139"/>
        <source>Products</source>
        <translation>Товары</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="148"/>
        <source>in progress (the deal is open)</source>
        <translation>в работе (сделка открыта)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="149"/>
        <source>won (the deal is closed as a success)</source>
        <translation>успех (сделка закрыта успешно)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="150"/>
        <source>lost (the deal is closed as lost)</source>
        <translation>проигрыш (сделка закрыта как проигранная)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="247"/>
        <location filename="../../crm_desktop/ui/funnel_stage_editor.py" line="258"/>
        <source>Type the item&apos;s text first.</source>
        <translation>Сначала введите текст пункта.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="40"/>
        <source>Password for {user} on {server}:</source>
        <translation>Пароль для {user} на {server}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="57"/>
        <source>Password for {login}:</source>
        <translation>Пароль для {login}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="103"/>
        <source>Who is working?</source>
        <translation>Кто работает?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="168"/>
        <source>The database file is on a network share ({share}): several computers working on it can damage it. Use the office server for shared work.</source>
        <translation>Файл базы данных находится в сетевой папке ({share}): одновременная работа нескольких компьютеров может его повредить. Для совместной работы используйте офисный сервер.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="181"/>
        <source>The database {path} is already open in crm-desktop on {host}: a local file serves one desktop at a time. Close the other window, or use the office server.</source>
        <translation>База {path} уже открыта в crm-desktop на компьютере {host}: с локальным файлом одновременно работает только одно рабочее место. Закройте другое окно или используйте офисный сервер.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="209"/>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="233"/>
        <source>Set up the connection again…</source>
        <translation>Настроить подключение заново…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="282"/>
        <source>The database cannot be opened.</source>
        <translation>Не удаётся открыть базу данных.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="327"/>
        <source>Something went wrong in the program; the details are in the log file.</source>
        <translation>В программе что-то пошло не так; подробности в файле журнала.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="86"/>
        <source>The replica&apos;s server is not a postgresql:// URL: run replica init again.</source>
        <translation>Сервер реплики указан не как адрес postgresql://: выполните replica init ещё раз.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="399"/>
        <source>Open the conflicts to settle them</source>
        <translation>Открыть конфликты, чтобы разрешить их</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="403"/>
        <source>Sync now</source>
        <translation>Синхронизировать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="407"/>
        <source>Conflicts…</source>
        <translation>Конфликты…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="409"/>
        <source>Enter the server password…</source>
        <translation>Ввести пароль сервера…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="420"/>
        <source>Sync now ({key})</source>
        <translation>Синхронизировать ({key})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="436"/>
        <source>Syncing: sending {n} changes…</source>
        <translation>Синхронизация: отправка изменений ({n})…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="438"/>
        <source>Syncing: {n} received…</source>
        <translation>Синхронизация: получено {n}…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="440"/>
        <source>Syncing…</source>
        <translation>Синхронизация…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="443"/>
        <source>Offline</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="445"/>
        <source>Offline: password needed</source>
        <translation>Нет связи: нужен пароль</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="447"/>
        <source>Sync failed</source>
        <translation>Синхронизация не удалась</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="449"/>
        <source>Synced at {time}</source>
        <translation>Синхронизировано в {time}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="451"/>
        <source>Synced {when}</source>
        <translation>Синхронизировано {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="453"/>
        <source>Not synced yet</source>
        <translation>Ещё не синхронизировано</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="455"/>
        <source>{n} pending</source>
        <translation>ждут отправки: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="479"/>
        <source>Office server: {server}</source>
        <translation>Сервер офиса: {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="484"/>
        <source>Last sync: {when}</source>
        <translation>Последняя синхронизация: {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="485"/>
        <source>never</source>
        <translation>не было</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="488"/>
        <source>Changes waiting to be sent: {n}</source>
        <translation>Изменений ждут отправки: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="490"/>
        <source>Next sync at {time}</source>
        <translation>Следующая синхронизация в {time}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="504"/>
        <source>Conflicts: {n}</source>
        <translation>Конфликты: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="526"/>
        <source>Office server</source>
        <translation>Сервер офиса</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/sync_status.py" line="527"/>
        <source>Password for {user} on {server}:</source>
        <translation>Пароль {user} на сервере {server}:</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="109"/>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="109"/>
        <source>New task</source>
        <translation>Новая задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="116"/>
        <source>e.g. Call about the offer</source>
        <translation>например, Позвонить по КП</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="118"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="123"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="128"/>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="131"/>
        <source>At the due time</source>
        <translation>В момент срока</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="132"/>
        <source>Minutes before</source>
        <translation>За несколько минут</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="133"/>
        <source>No reminder</source>
        <translation>Без напоминания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="137"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="144"/>
        <source>Reminder</source>
        <translation>Напоминание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="148"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="151"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="154"/>
        <source>Automatically</source>
        <translation>Автоматически</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="157"/>
        <source>By the assignment rule for the task&apos;s type</source>
        <translation>По правилу назначения для этого типа задач</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="169"/>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="174"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="179"/>
        <source>Repeat</source>
        <translation>Повтор</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="184"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="191"/>
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="218"/>
        <source>Not assigned</source>
        <translation>Не назначено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="299"/>
        <source>No deal</source>
        <translation>Без сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="341"/>
        <source>A task needs a title</source>
        <translation>У задачи должно быть название</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="413"/>
        <source>Assignee: {login}</source>
        <translation>Исполнитель: {login}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="459"/>
        <source>Task added: {title}</source>
        <translation>Задача добавлена: {title}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="461"/>
        <source>Task saved: {title}</source>
        <translation>Задача сохранена: {title}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_dialog.py" line="467"/>
        <source>assignee: {login}</source>
        <translation>исполнитель: {login}</translation>
    </message>
</context>
<context>
    <name>TaskLabels</name>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="35"/>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="36"/>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="37"/>
        <source>Send documents</source>
        <translation>Отправить документы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="38"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="49"/>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="50"/>
        <source>Normal</source>
        <translation>Обычный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="51"/>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="58"/>
        <source>Does not repeat</source>
        <translation>Не повторять</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="59"/>
        <source>Every day</source>
        <translation>Каждый день</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="60"/>
        <source>Every weekday (Mon–Fri)</source>
        <translation>По будням (пн–пт)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="61"/>
        <source>Every week</source>
        <translation>Каждую неделю</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="62"/>
        <source>Every month</source>
        <translation>Каждый месяц</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="69"/>
        <source>Open</source>
        <translation>Открыта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="70"/>
        <source>Done</source>
        <translation>Выполнена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="71"/>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_labels.py" line="95"/>
        <source>no due date</source>
        <translation>без срока</translation>
    </message>
</context>
<context>
    <name>TaskTree</name>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="75"/>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="76"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="77"/>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="78"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="79"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="80"/>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="81"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="82"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="158"/>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/task_tree.py" line="191"/>
        <source>Assignee: {login}</source>
        <translation>Исполнитель: {login}</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="83"/>
        <source>New template</source>
        <translation>Новый шаблон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="85"/>
        <source>Delete…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="91"/>
        <source>Letter templates</source>
        <translation>Шаблоны писем</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="125"/>
        <source>e.g. Spring offer</source>
        <translation>например, Весенняя акция</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="127"/>
        <source>e.g. {{ имя }}, a discount for you</source>
        <translation>например, {{ имя }}, для вас скидка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="131"/>
        <source>Hello, {{ имя }}!

The letter&apos;s text. The way to unsubscribe is added at the end.</source>
        <translation>Здравствуйте, {{ имя }}!

Текст письма. Как отписаться, добавляется в конце.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="138"/>
        <source>How to address the person (first name and patronymic); a company: its name</source>
        <translation>Обращение к человеку (имя и отчество); для компании — её название</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="140"/>
        <source>The person&apos;s company, or the company&apos;s own name</source>
        <translation>Компания человека или название самой компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="141"/>
        <source>The name of the client&apos;s manager</source>
        <translation>Имя менеджера клиента</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="142"/>
        <source>The full name as on the card</source>
        <translation>Полное имя, как в карточке</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="143"/>
        <source>The manager&apos;s phone (or the office&apos;s)</source>
        <translation>Телефон менеджера (или офиса)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="148"/>
        <source>Insert:</source>
        <translation>Вставить:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="159"/>
        <location filename="../../crm_desktop/ui/template_editor.py" line="292"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="163"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="164"/>
        <source>Subject:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="175"/>
        <source>Placeholders are filled in for each recipient when sending.</source>
        <translation>Подстановки заполняются для каждого получателя при отправке.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="187"/>
        <source>or find any client by name, phone, e-mail</source>
        <translation>или найдите любого клиента по имени, телефону, почте</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="198"/>
        <source>The letter as the recipient gets it</source>
        <translation>Письмо так, как его получит клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="200"/>
        <source>Segment:</source>
        <translation>Сегмент:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="201"/>
        <source>Recipient:</source>
        <translation>Получатель:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="292"/>
        <source>Save as a new template</source>
        <translation>Сохранить как новый шаблон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="334"/>
        <source>Template «{name}» saved</source>
        <translation>Шаблон «{name}» сохранён</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="353"/>
        <source>Delete the template</source>
        <translation>Удаление шаблона</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="355"/>
        <source>Delete the template «{name}»? Letters already sent stay in the clients&apos; history.</source>
        <translation>Удалить шаблон «{name}»? Уже отправленные письма останутся в истории клиентов.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="372"/>
        <source>Template «{name}» deleted</source>
        <translation>Шаблон «{name}» удалён</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="402"/>
        <source>nobody in this segment</source>
        <translation>в сегменте никого нет</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="434"/>
        <source>Choose whom to preview the letter for.</source>
        <translation>Выберите, для кого показать письмо.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/template_editor.py" line="437"/>
        <source>Type the subject and the text.</source>
        <translation>Введите тему и текст.</translation>
    </message>
</context>
<context>
    <name>Unexpected</name>
    <message>
        <location filename="../../crm_desktop/ui/unexpected.py" line="39"/>
        <source>Something went wrong ({error}); the details are in the log file.</source>
        <translation>Что-то пошло не так ({error}); подробности — в файле журнала.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/unexpected.py" line="56"/>
        <source>Something went wrong in the program. What was saved is safe; the details are in the log file.</source>
        <translation>В программе произошла ошибка. Сохранённые данные в безопасности; подробности — в файле журнала.</translation>
    </message>
</context>
<context>
    <name>UserLabels</name>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="62"/>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="63"/>
        <source>Executive</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="64"/>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="65"/>
        <source>Accountant</source>
        <translation>Бухгалтер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="66"/>
        <source>Production</source>
        <translation>Производство</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="73"/>
        <source>Active</source>
        <translation>Работает</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="74"/>
        <source>Disabled</source>
        <translation>Отключён</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="75"/>
        <source>Absent</source>
        <translation>В отпуске</translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="311"/>
        <source>Your login</source>
        <translation>Ваша учётная запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="314"/>
        <source>You become the administrator: you can add your colleagues later. A password keeps others who use this computer out.</source>
        <translation>Вы станете администратором и позже сможете добавить коллег. Пароль защитит данные от других пользователей этого компьютера.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="320"/>
        <source>Иванова Мария Петровна</source>
        <translation>Иванова Мария Петровна</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="329"/>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="330"/>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="331"/>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="332"/>
        <source>Repeat it:</source>
        <translation>Ещё раз:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="335"/>
        <source>Leave the password empty if only you use this computer account.</source>
        <translation>Оставьте пароль пустым, если этой учётной записью компьютера пользуетесь только вы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="349"/>
        <source>At least {n} characters</source>
        <translation>Не менее {n} знаков</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="351"/>
        <source>The two passwords differ</source>
        <translation>Пароли не совпадают</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="353"/>
        <source>Type the password once more</source>
        <translation>Введите пароль ещё раз</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="162"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="162"/>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="162"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="162"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="353"/>
        <source>Only an administrator can add users, disable them or change their roles.</source>
        <translation>Добавлять и отключать пользователей и менять их роли может только администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="357"/>
        <source>Add user…</source>
        <translation>Добавить пользователя…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="358"/>
        <source>Add a user (Ctrl+N)</source>
        <translation>Добавить пользователя (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="360"/>
        <source>Disable</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="362"/>
        <source>Enable</source>
        <translation>Включить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="364"/>
        <source>Change role…</source>
        <translation>Сменить роль…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="393"/>
        <source>Nobody holds a seat now.</source>
        <translation>Сейчас ни одно место не занято.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="395"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="396"/>
        <source>Read the seats again (F5)</source>
        <translation>Перечитать занятые места (F5)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="398"/>
        <location filename="../../crm_desktop/ui/users_page.py" line="687"/>
        <source>End session</source>
        <translation>Завершить сеанс</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="414"/>
        <source>A local database file serves one desktop at a time.</source>
        <translation>Локальный файл базы данных обслуживает только одно рабочее место одновременно.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="420"/>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="421"/>
        <source>Seats</source>
        <translation>Места</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="502"/>
        <source>No license installed: {n} seats free of charge</source>
        <translation>Лицензия не установлена: бесплатно доступно мест: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="506"/>
        <source>Licensed to {customer}: {seats} seats until {expires}</source>
        <translation>Лицензия на {customer}: мест: {seats}, до {expires}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="514"/>
        <source>In use: {n} of {seats}</source>
        <translation>Занято: {n} из {seats}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="586"/>
        <source>User {login} added</source>
        <translation>Пользователь {login} добавлен</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="605"/>
        <source>Disable {who}? They can no longer sign in, and their sessions on the server end now.</source>
        <translation>Отключить пользователя {who}? Он больше не сможет войти в программу, а его сеансы на сервере сейчас же завершатся.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="609"/>
        <source>Disable {who}? They can no longer sign in.</source>
        <translation>Отключить пользователя {who}? Он больше не сможет войти в программу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="612"/>
        <source>Disable user</source>
        <translation>Отключение пользователя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="622"/>
        <source>{who} is disabled</source>
        <translation>Пользователь {who} отключён</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="634"/>
        <source>{who} can sign in again</source>
        <translation>Пользователь {who} снова может входить в программу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="649"/>
        <source>Change role</source>
        <translation>Смена роли</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="650"/>
        <source>Role of {who}:</source>
        <translation>Роль пользователя {who}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="664"/>
        <source>{who} is now: {role}</source>
        <translation>Новая роль пользователя {who}: {role}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="681"/>
        <source>This seat is your own session: close the program to free it.</source>
        <translation>Это место занимает ваш собственный сеанс: чтобы освободить его, закройте программу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="689"/>
        <source>End the session of {login} on {host} (seat {slot})? Their program loses its connection to the server.</source>
        <translation>Завершить сеанс пользователя {login} на компьютере {host} (место {slot})? Его программа потеряет связь с сервером.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/users_page.py" line="701"/>
        <source>The session of {login} (seat {slot}) has ended</source>
        <translation>Сеанс пользователя {login} (место {slot}) завершён</translation>
    </message>
</context>
</TS>
