<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Background</name>
    <message>
        <location filename="../../crm_desktop/ui/background.py" line="83"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ClientCard</name>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="107"/>
        <source>Details</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="111"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="114"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="190"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="114"/>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="116"/>
        <source>Comes with the next version of the program.</source>
        <translation>Появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="117"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="117"/>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="117"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="173"/>
        <source>Company name</source>
        <translation>Название компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="173"/>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="175"/>
        <source>A client needs a name</source>
        <translation>У клиента должно быть имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="181"/>
        <source>Legal form</source>
        <translation>Форма собственности</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="185"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="195"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="191"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="200"/>
        <source>dd.mm.yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="204"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="209"/>
        <source>One number a line, e.g. 8 912 345-67-89</source>
        <translation>По номеру в строке, например 8 912 345-67-89</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="214"/>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="223"/>
        <source>E-mails</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="228"/>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="233"/>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="236"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="248"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="473"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="245"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="470"/>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="246"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="471"/>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="247"/>
        <location filename="../../crm_desktop/ui/client_card.py" line="472"/>
        <source>E-mail</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="345"/>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="398"/>
        <source>Save the changes to this client?</source>
        <translation>Сохранить изменения клиента?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="433"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="434"/>
        <source>This client has changes that were not saved last time. Restore them?</source>
        <translation>У этого клиента есть изменения, не сохранённые в прошлый раз. Восстановить их?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="446"/>
        <source>What was it about?</source>
        <translation>О чём договорились?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="466"/>
        <source>No contacts yet: log the first call or meeting.</source>
        <translation>Контактов пока нет: запишите первый звонок или встречу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="474"/>
        <source>Deal stage</source>
        <translation>Этап сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="478"/>
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="489"/>
        <source>Works at no company on record</source>
        <translation>Компания не указана</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="497"/>
        <source>No people of this company on record</source>
        <translation>Сотрудники компании не указаны</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="34"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="35"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="36"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="37"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="38"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="39"/>
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="54"/>
        <source>Search: name, company, phone, e-mail, INN</source>
        <translation>Поиск: имя, компания, телефон, почта, ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="59"/>
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="60"/>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="61"/>
        <source>Companies</source>
        <translation>Компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="62"/>
        <source>My clients</source>
        <translation>Мои клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="64"/>
        <source>No contact for {n} days</source>
        <translation>Без контакта {n} дней</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="67"/>
        <source>Recycle bin</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="88"/>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="89"/>
        <source>Add a client (Ctrl+N)</source>
        <translation>Добавить клиента (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="123"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="124"/>
        <source>Merge duplicates…</source>
        <translation>Объединить дубликаты…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="126"/>
        <source>Assign to</source>
        <translation>Назначить ответственным</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="134"/>
        <source>nobody</source>
        <translation>никого</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="135"/>
        <source>Add a tag…</source>
        <translation>Добавить метку…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="137"/>
        <source>Move to the recycle bin</source>
        <translation>В корзину</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="154"/>
        <source>Responsible changed: {n}</source>
        <translation>Ответственный изменён: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="159"/>
        <location filename="../../crm_desktop/ui/clients_page.py" line="166"/>
        <source>Add a tag</source>
        <translation>Добавить метку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="159"/>
        <source>Tag:</source>
        <translation>Метка:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="169"/>
        <source>Tag «{tag}» added: {n}</source>
        <translation>Метка «{tag}» добавлена: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="191"/>
        <source>Moved to the recycle bin: {n}</source>
        <translation>Перемещено в корзину: {n}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="43"/>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="47"/>
        <source>This section comes with the next version of the program.</source>
        <translation>Этот раздел появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="49"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="52"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="53"/>
        <source>Deals and the sales funnel</source>
        <translation>Сделки и воронка продаж</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="55"/>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="55"/>
        <source>Tasks and reminders</source>
        <translation>Задачи и напоминания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="56"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="56"/>
        <source>Invoices and orders</source>
        <translation>Счета и заказы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="59"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="60"/>
        <source>Reports and dashboards</source>
        <translation>Отчёты и сводки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="62"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="88"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="107"/>
        <source>Restored</source>
        <translation>Восстановлено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="120"/>
        <source>Local database: {path}</source>
        <translation>Локальная база: {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="121"/>
        <source>Works without a network</source>
        <translation>Работает без сети</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="124"/>
        <source>Office server: {server}</source>
        <translation>Сервер офиса: {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="125"/>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="130"/>
        <source>the file&apos;s owner</source>
        <translation>владелец файла</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="46"/>
        <source>Merge duplicates</source>
        <translation>Объединение дубликатов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="49"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="50"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="53"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="56"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="57"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="58"/>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="59"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="63"/>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="64"/>
        <source>Keep this record</source>
        <translation>Оставить эту запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="86"/>
        <source>Phones and e-mails</source>
        <translation>Телефоны и почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="91"/>
        <source>Phones, e-mails, history, deals, tasks and invoices of both records stay with the client kept; the other record goes to the recycle bin.</source>
        <translation>Телефоны, почта, история, сделки, задачи и счета обеих записей остаются у оставленного клиента; другая запись уходит в корзину.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="99"/>
        <source>Merge</source>
        <translation>Объединить</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="28"/>
        <source>Password for {user} on {server}:</source>
        <translation>Пароль для {user} на {server}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="45"/>
        <source>Password for {login}:</source>
        <translation>Пароль для {login}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="84"/>
        <source>The database cannot be opened.</source>
        <translation>Не удаётся открыть базу данных.</translation>
    </message>
</context>
</TS>
