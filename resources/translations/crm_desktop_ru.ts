<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>Background</name>
    <message>
        <location filename="../../crm_desktop/ui/background.py" line="86" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ClientCard</name>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="107" />
        <source>Details</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="111" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="114" />
        <location filename="../../crm_desktop/ui/client_card.py" line="190" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="114" />
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="116" />
        <source>Comes with the next version of the program.</source>
        <translation>Появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="117" />
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="117" />
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="117" />
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="173" />
        <source>Company name</source>
        <translation>Название компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="173" />
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="175" />
        <source>A client needs a name</source>
        <translation>У клиента должно быть имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="181" />
        <source>Legal form</source>
        <translation>Форма собственности</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="185" />
        <location filename="../../crm_desktop/ui/client_card.py" line="195" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="191" />
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="200" />
        <source>dd.mm.yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="204" />
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="209" />
        <source>One number a line, e.g. 8 912 345-67-89</source>
        <translation>По номеру в строке, например 8 912 345-67-89</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="214" />
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="223" />
        <source>E-mails</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="228" />
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="233" />
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="236" />
        <location filename="../../crm_desktop/ui/client_card.py" line="248" />
        <location filename="../../crm_desktop/ui/client_card.py" line="473" />
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="245" />
        <location filename="../../crm_desktop/ui/client_card.py" line="470" />
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="246" />
        <location filename="../../crm_desktop/ui/client_card.py" line="471" />
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="247" />
        <location filename="../../crm_desktop/ui/client_card.py" line="472" />
        <source>E-mail</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="345" />
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="398" />
        <source>Save the changes to this client?</source>
        <translation>Сохранить изменения клиента?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="433" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="434" />
        <source>This client has changes that were not saved last time. Restore them?</source>
        <translation>У этого клиента есть изменения, не сохранённые в прошлый раз. Восстановить их?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="446" />
        <source>What was it about?</source>
        <translation>О чём договорились?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="466" />
        <source>No contacts yet: log the first call or meeting.</source>
        <translation>Контактов пока нет: запишите первый звонок или встречу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="474" />
        <source>Deal stage</source>
        <translation>Этап сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="478" />
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="489" />
        <source>Works at no company on record</source>
        <translation>Компания не указана</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="497" />
        <source>No people of this company on record</source>
        <translation>Сотрудники компании не указаны</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="33" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="34" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="35" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="36" />
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="37" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="38" />
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="54" />
        <source>Search: name, company, phone, e-mail, INN</source>
        <translation>Поиск: имя, компания, телефон, почта, ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="59" />
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="60" />
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="61" />
        <source>Companies</source>
        <translation>Компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="62" />
        <source>My clients</source>
        <translation>Мои клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="64" />
        <source>No contact for {n} days</source>
        <translation>Без контакта {n} дней</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="67" />
        <source>Recycle bin</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="88" />
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="89" />
        <source>Add a client (Ctrl+N)</source>
        <translation>Добавить клиента (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="123" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="124" />
        <source>Merge duplicates…</source>
        <translation>Объединить дубликаты…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="126" />
        <source>Assign to</source>
        <translation>Назначить ответственным</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="134" />
        <source>nobody</source>
        <translation>никого</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="135" />
        <source>Add a tag…</source>
        <translation>Добавить метку…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="137" />
        <source>Move to the recycle bin</source>
        <translation>В корзину</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="154" />
        <source>Responsible changed: {n}</source>
        <translation>Ответственный изменён: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="159" />
        <location filename="../../crm_desktop/ui/clients_page.py" line="166" />
        <source>Add a tag</source>
        <translation>Добавить метку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="159" />
        <source>Tag:</source>
        <translation>Метка:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="169" />
        <source>Tag «{tag}» added: {n}</source>
        <translation>Метка «{tag}» добавлена: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="191" />
        <source>Moved to the recycle bin: {n}</source>
        <translation>Перемещено в корзину: {n}</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="268" />
        <source>Your company</source>
        <translation>Ваша компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="271" />
        <source>These requisites go on your invoices. Only the name is needed now; what you enter is checked as you type.</source>
        <translation>Эти реквизиты попадут в ваши счета. Сейчас нужно только название; всё введённое проверяется сразу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="276" />
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="277" />
        <source>Full legal name:</source>
        <translation>Полное наименование:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="278" />
        <source>INN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="279" />
        <source>KPP:</source>
        <translation>КПП:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="280" />
        <source>OGRN / OGRNIP:</source>
        <translation>ОГРН / ОГРНИП:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="281" />
        <source>Legal address:</source>
        <translation>Юридический адрес:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="282" />
        <source>Postal address:</source>
        <translation>Почтовый адрес:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="283" />
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="284" />
        <source>E-mail:</source>
        <translation>Эл. почта:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="285" />
        <source>Director:</source>
        <translation>Руководитель:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="286" />
        <source>Chief accountant:</source>
        <translation>Главный бухгалтер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="287" />
        <source>Bank:</source>
        <translation>Банк:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="288" />
        <source>BIC:</source>
        <translation>БИК:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="289" />
        <source>Corr. account:</source>
        <translation>Корр. счёт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="290" />
        <source>Account:</source>
        <translation>Расчётный счёт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="293" />
        <source>ООО «Ромашка»</source>
        <translation>ООО «Ромашка»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="294" />
        <source>10 digits, or 12 for a sole trader</source>
        <translation>10 цифр, у ИП — 12</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="295" />
        <source>9 digits</source>
        <translation>9 цифр</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="296" />
        <source>20 digits</source>
        <translation>20 цифр</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="302" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="303" />
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="304" />
        <source>Bank</source>
        <translation>Банк</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="305" />
        <source>Signatures</source>
        <translation>Подписи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="334" />
        <source>This is the company of the server's database; an administrator can change it.</source>
        <translation>Это компания из базы данных на сервере; изменить её может администратор.</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="93" />
        <source>Something went wrong ({error}); the details are in the log file.</source>
        <translation>Что-то пошло не так ({error}); подробности — в файле журнала.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="462" />
        <source>CRM: first start</source>
        <translation>CRM: первый запуск</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="464" />
        <source>&lt; Back</source>
        <translation>&lt; Назад</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="465" />
        <source>Next &gt;</source>
        <translation>Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="466" />
        <source>Start working</source>
        <translation>Начать работу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="467" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="522" />
        <source>Preparing the sample data…</source>
        <translation>Готовим демонстрационные данные…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="529" />
        <source>Creating the database…</source>
        <translation>Создаём базу данных…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="545" />
        <source>Not connected to the server.</source>
        <translation>Нет подключения к серверу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="551" />
        <source>Saving…</source>
        <translation>Сохраняем…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="558" />
        <source>This computer has no system keyring, so the password was not saved: the program will ask for it at each start.</source>
        <translation>На этом компьютере нет системного хранилища паролей, поэтому пароль не сохранён: программа будет спрашивать его при каждом запуске.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="122" />
        <source>Welcome</source>
        <translation>Добро пожаловать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="123" />
        <source>A few questions, and you can start working.</source>
        <translation>Несколько вопросов — и можно начинать работу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="126" />
        <source>The wizard asks where to keep the data, describes your company for invoices and creates your login. Everything can be changed later in Settings.</source>
        <translation>Мастер спросит, где хранить данные, запишет реквизиты вашей компании для счетов и создаст вашу учётную запись. Всё это можно изменить позже в настройках.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="130" />
        <source>Language of the program:</source>
        <translation>Язык программы:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="43" />
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="47" />
        <source>This section comes with the next version of the program.</source>
        <translation>Этот раздел появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="49" />
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="52" />
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="53" />
        <source>Deals and the sales funnel</source>
        <translation>Сделки и воронка продаж</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="55" />
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="55" />
        <source>Tasks and reminders</source>
        <translation>Задачи и напоминания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="56" />
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="56" />
        <source>Invoices and orders</source>
        <translation>Счета и заказы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="59" />
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="60" />
        <source>Reports and dashboards</source>
        <translation>Отчёты и сводки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="62" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="88" />
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="107" />
        <source>Restored</source>
        <translation>Восстановлено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="120" />
        <source>Local database: {path}</source>
        <translation>Локальная база: {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="121" />
        <source>Works without a network</source>
        <translation>Работает без сети</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="124" />
        <source>Office server: {server}</source>
        <translation>Сервер офиса: {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="125" />
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="130" />
        <source>the file's owner</source>
        <translation>владелец файла</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="46" />
        <source>Merge duplicates</source>
        <translation>Объединение дубликатов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="49" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="50" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="53" />
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="56" />
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="57" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="58" />
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="59" />
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="63" />
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="64" />
        <source>Keep this record</source>
        <translation>Оставить эту запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="86" />
        <source>Phones and e-mails</source>
        <translation>Телефоны и почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="91" />
        <source>Phones, e-mails, history, deals, tasks and invoices of both records stay with the client kept; the other record goes to the recycle bin.</source>
        <translation>Телефоны, почта, история, сделки, задачи и счета обеих записей остаются у оставленного клиента; другая запись уходит в корзину.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="99" />
        <source>Merge</source>
        <translation>Объединить</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="140" />
        <source>Where to keep the data</source>
        <translation>Где хранить данные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="141" />
        <source>Choose how this computer works with the client base.</source>
        <translation>Выберите, как этот компьютер работает с клиентской базой.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="142" />
        <source>Work on this computer</source>
        <translation>Работать на этом компьютере</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="143" />
        <source>Connect to the office server</source>
        <translation>Подключиться к серверу в офисе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="144" />
        <source>Try with sample data</source>
        <translation>Попробовать на демонстрационных данных</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="148" />
        <source>The data stays in a file on this computer ({path}). Nothing to set up, works without a network.</source>
        <translation>Данные хранятся в файле на этом компьютере ({path}). Ничего настраивать не нужно, сеть не требуется.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="152" />
        <source>Several people work in one shared database on the office server (PostgreSQL). The administrator gives you its address and your login.</source>
        <translation>Несколько человек работают в общей базе на сервере в офисе (PostgreSQL). Адрес сервера и ваш логин сообщит администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="156" />
        <source>A separate database with {n} invented clients, their history, deals and invoices, to look around. It never mixes with your real data.</source>
        <translation>Отдельная база с {n} вымышленными клиентами, их историей, сделками и счетами — чтобы осмотреться. С вашими настоящими данными она не смешивается.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="187" />
        <source>The office server</source>
        <translation>Сервер в офисе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="189" />
        <source>The administrator of your office gives you these values and your login.</source>
        <translation>Эти значения и ваш логин сообщит администратор вашего офиса.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="192" />
        <source>server name or address, e.g. 192.168.1.10</source>
        <translation>имя или адрес сервера, например 192.168.1.10</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="201" />
        <source>Remember the password in the system keyring (never in a file)</source>
        <translation>Запомнить пароль в системном хранилище паролей (не в файле)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="206" />
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="207" />
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="208" />
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="209" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="210" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="250" />
        <source>Connecting to {server}…</source>
        <translation>Подключаемся к {server}…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="31" />
        <source>Password for {user} on {server}:</source>
        <translation>Пароль для {user} на {server}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="48" />
        <source>Password for {login}:</source>
        <translation>Пароль для {login}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="112" />
        <source>The database cannot be opened.</source>
        <translation>Не удаётся открыть базу данных.</translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="366" />
        <source>Your login</source>
        <translation>Ваша учётная запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="369" />
        <source>You become the administrator: you can add your colleagues later. A password keeps others who use this computer out.</source>
        <translation>Вы станете администратором и позже сможете добавить коллег. Пароль защитит данные от других пользователей этого компьютера.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="375" />
        <source>Иванова Мария Петровна</source>
        <translation>Иванова Мария Петровна</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="382" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="383" />
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="384" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="385" />
        <source>Repeat it:</source>
        <translation>Ещё раз:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="388" />
        <source>Leave the password empty if only you use this computer account.</source>
        <translation>Оставьте пароль пустым, если этой учётной записью компьютера пользуетесь только вы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="402" />
        <source>At least {n} characters</source>
        <translation>Не менее {n} знаков</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="404" />
        <source>The two passwords differ</source>
        <translation>Пароли не совпадают</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="406" />
        <source>Type the password once more</source>
        <translation>Введите пароль ещё раз</translation>
    </message>
</context>
</TS>