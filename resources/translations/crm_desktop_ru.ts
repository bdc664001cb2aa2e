<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>Background</name>
    <message>
        <location filename="../../crm_desktop/ui/background.py" line="91" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ClientCard</name>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="134" />
        <source>Details</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="138" />
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="141" />
        <location filename="../../crm_desktop/ui/client_card.py" line="306" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="141" />
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="143" />
        <source>Comes with the next version of the program.</source>
        <translation>Появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="144" />
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="144" />
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="144" />
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="154" />
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="214" />
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="233" />
        <source>Company name</source>
        <translation>Название компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="233" />
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="235" />
        <source>A client needs a name</source>
        <translation>У клиента должно быть имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="249" />
        <source>Where the client came from: a fair, a referral ...</source>
        <translation>Откуда пришёл клиент: выставка, рекомендация ...</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="250" />
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="257" />
        <source>Custom fields</source>
        <translation>Дополнительные поля</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="277" />
        <source>Legal form</source>
        <translation>Форма собственности</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="280" />
        <source>As in the register, e.g. Limited Liability Company «Romashka»</source>
        <translation>Как в ЕГРЮЛ, например: Общество с ограниченной ответственностью «Ромашка»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="282" />
        <source>Full company name</source>
        <translation>Полное наименование</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="286" />
        <location filename="../../crm_desktop/ui/client_card.py" line="311" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="293" />
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="300" />
        <source>OGRN</source>
        <translation>ОГРН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="307" />
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="316" />
        <location filename="../../crm_desktop/ui/client_card.py" line="392" />
        <source>dd.mm.yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="320" />
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="330" />
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="337" />
        <source>E-mails</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="242" />
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="247" />
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="254" />
        <location filename="../../crm_desktop/ui/client_card.py" line="433" />
        <location filename="../../crm_desktop/ui/client_card.py" line="720" />
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="326" />
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="331" />
        <source>Add phone</source>
        <translation>Добавить телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="331" />
        <source>e.g. 8 912 345-67-89</source>
        <translation>например, 8 912 345-67-89</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="338" />
        <source>Add e-mail</source>
        <translation>Добавить e-mail</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="338" />
        <source>name@example.ru</source>
        <translation>name@example.ru</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="342" />
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="343" />
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="344" />
        <source>VK</source>
        <translation>ВКонтакте</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="349" />
        <source>Messengers</source>
        <translation>Мессенджеры</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="351" />
        <source>Add messenger</source>
        <translation>Добавить мессенджер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="352" />
        <source>@user name, phone number or link</source>
        <translation>@имя пользователя, номер телефона или ссылка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="358" />
        <source>Legal</source>
        <translation>Юридический</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="359" />
        <source>Postal</source>
        <translation>Почтовый</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="360" />
        <source>Actual</source>
        <translation>Фактический</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="361" />
        <source>Delivery</source>
        <translation>Доставки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="367" />
        <source>Addresses</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="369" />
        <source>Add address</source>
        <translation>Добавить адрес</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="370" />
        <source>Postcode, city, street, building</source>
        <translation>Индекс, город, улица, дом</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="383" />
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="394" />
        <source>a number, e.g. 1 500,50</source>
        <translation>число, например 1 500,50</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="430" />
        <location filename="../../crm_desktop/ui/client_card.py" line="717" />
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="431" />
        <location filename="../../crm_desktop/ui/client_card.py" line="718" />
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="432" />
        <location filename="../../crm_desktop/ui/client_card.py" line="719" />
        <source>E-mail</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="556" />
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="608" />
        <source>Not saved: there is no connection to the server. What you typed stays here; save again when the connection is back.</source>
        <translation>Не сохранено: нет связи с сервером. Введённое останется здесь; сохраните ещё раз, когда связь восстановится.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="643" />
        <source>Save the changes to this client?</source>
        <translation>Сохранить изменения клиента?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="679" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="680" />
        <source>This client has changes that were not saved last time. Restore them?</source>
        <translation>У этого клиента есть изменения, не сохранённые в прошлый раз. Восстановить их?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="692" />
        <source>What was it about?</source>
        <translation>О чём договорились?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="713" />
        <source>No contacts yet: log the first call or meeting.</source>
        <translation>Контактов пока нет: запишите первый звонок или встречу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="721" />
        <source>Deal stage</source>
        <translation>Этап сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="725" />
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="736" />
        <source>Works at no company on record</source>
        <translation>Компания не указана</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_card.py" line="744" />
        <source>No people of this company on record</source>
        <translation>Сотрудники компании не указаны</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="78" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="79" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="80" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="81" />
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="82" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="83" />
        <source>Owner</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="84" />
        <source>Last contact</source>
        <translation>Последний контакт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/client_table.py" line="85" />
        <source>Created</source>
        <translation>Создан</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="88" />
        <source>Search: name, company, phone, e-mail, INN</source>
        <translation>Поиск: имя, компания, телефон, почта, ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="93" />
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="94" />
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="95" />
        <source>Companies</source>
        <translation>Компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="96" />
        <source>My clients</source>
        <translation>Мои клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="98" />
        <source>No contact for {n} days</source>
        <translation>Без контакта {n} дней</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="101" />
        <source>Recycle bin</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="106" />
        <source>Responsible manager</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="109" />
        <source>Tag</source>
        <translation>Метка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="134" />
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="135" />
        <source>Add a client (Ctrl+N)</source>
        <translation>Добавить клиента (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="140" />
        <source>Import from Excel or CSV…	Ctrl+I</source>
        <translation>Импорт из Excel или CSV…	Ctrl+I</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="142" />
        <source>Import history…</source>
        <translation>История импорта…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="145" />
        <source>Export to Excel…	Ctrl+E</source>
        <translation>Экспорт в Excel…	Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="148" />
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="153" />
        <source>Import the client list from Excel or CSV (Ctrl+I), export it (Ctrl+E)</source>
        <translation>Импорт списка клиентов из Excel или CSV (Ctrl+I), экспорт в Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="205" />
        <source>All managers</source>
        <translation>Все ответственные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="207" />
        <source>No manager</source>
        <translation>Без ответственного</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="210" />
        <source>All tags</source>
        <translation>Все метки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="378" />
        <source>Reset columns</source>
        <translation>Столбцы по умолчанию</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="392" />
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="393" />
        <source>Merge duplicates…</source>
        <translation>Объединить дубликаты…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="395" />
        <source>Assign to</source>
        <translation>Назначить ответственным</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="403" />
        <source>nobody</source>
        <translation>никого</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="404" />
        <source>Add a tag…</source>
        <translation>Добавить метку…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="406" />
        <source>Export selection…</source>
        <translation>Экспортировать выделенных…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="407" />
        <source>Export the whole list…</source>
        <translation>Экспортировать весь список…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="409" />
        <source>Move to the recycle bin</source>
        <translation>В корзину</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="426" />
        <source>Responsible changed: {n}</source>
        <translation>Ответственный изменён: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="431" />
        <location filename="../../crm_desktop/ui/clients_page.py" line="438" />
        <source>Add a tag</source>
        <translation>Добавить метку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="431" />
        <source>Tag:</source>
        <translation>Метка:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="442" />
        <source>Tag «{tag}» added: {n}</source>
        <translation>Метка «{tag}» добавлена: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="464" />
        <source>Moved to the recycle bin: {n}</source>
        <translation>Перемещено в корзину: {n}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="533" />
        <location filename="../../crm_desktop/ui/clients_page.py" line="597" />
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="535" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="578" />
        <source>Exporting clients to Excel…</source>
        <translation>Выгрузка клиентов в Excel…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="586" />
        <source>Exported {n} clients to {file}</source>
        <translation>Выгружено клиентов: {n}, файл {file}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="592" />
        <source>Export cancelled: no file was written</source>
        <translation>Экспорт отменён: файл не записан</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="136" />
        <source>The columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="138" />
        <source>Check what each column becomes; the first rows of the sheet are below.</source>
        <translation>Проверьте, чем станет каждый столбец; ниже — первые строки листа.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="141" />
        <source>— do not import —</source>
        <translation>— не импортировать —</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="142" />
        <source>Full name (ФИО)</source>
        <translation>ФИО полностью</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="143" />
        <source>Last name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="144" />
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="145" />
        <source>Middle name</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="146" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="147" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="148" />
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="149" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="150" />
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="151" />
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="152" />
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="153" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="154" />
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="155" />
        <source>Responsible manager</source>
        <translation>Ответственный менеджер</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="170" />
        <source>Save the mapping…</source>
        <translation>Сохранить сопоставление…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="172" />
        <source>Load a mapping…</source>
        <translation>Загрузить сопоставление…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="186" />
        <source>Sheet «{sheet}», header in row {row}, {n} data rows.</source>
        <translation>Лист «{sheet}», заголовок в строке {row}, строк с данными: {n}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="197" />
        <source>&lt;b&gt;Column in the file&lt;/b&gt;</source>
        <translation>&lt;b&gt;Столбец в файле&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="198" />
        <source>&lt;b&gt;Becomes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Станет&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="199" />
        <source>&lt;b&gt;First value&lt;/b&gt;</source>
        <translation>&lt;b&gt;Первое значение&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="207" />
        <source>(no title)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="245" />
        <source>Save the mapping</source>
        <translation>Сохранить сопоставление</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="245" />
        <location filename="../../crm_desktop/ui/import_wizard.py" line="258" />
        <source>Mappings (*.json)</source>
        <translation>Сопоставления (*.json)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="258" />
        <source>Load a mapping</source>
        <translation>Загрузить сопоставление</translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="19" />
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="20" />
        <source>Full legal name:</source>
        <translation>Полное наименование:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="21" />
        <source>INN:</source>
        <translation>ИНН:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="22" />
        <source>KPP:</source>
        <translation>КПП:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="23" />
        <source>OGRN / OGRNIP:</source>
        <translation>ОГРН / ОГРНИП:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="24" />
        <source>Legal address:</source>
        <translation>Юридический адрес:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="25" />
        <source>Postal address:</source>
        <translation>Почтовый адрес:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="26" />
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="27" />
        <source>E-mail:</source>
        <translation>Эл. почта:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="28" />
        <source>Director:</source>
        <translation>Руководитель:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="29" />
        <source>Chief accountant:</source>
        <translation>Главный бухгалтер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="30" />
        <source>Bank:</source>
        <translation>Банк:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="31" />
        <source>BIC:</source>
        <translation>БИК:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="32" />
        <source>Corr. account:</source>
        <translation>Корр. счёт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="33" />
        <source>Account:</source>
        <translation>Расчётный счёт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="36" />
        <source>ООО «Ромашка»</source>
        <translation>ООО «Ромашка»</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="37" />
        <source>10 digits, or 12 for a sole trader</source>
        <translation>10 цифр, у ИП — 12</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="38" />
        <source>9 digits</source>
        <translation>9 цифр</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="39" />
        <source>20 digits</source>
        <translation>20 цифр</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="46" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="47" />
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="48" />
        <source>Bank</source>
        <translation>Банк</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/company_form.py" line="49" />
        <source>Signatures</source>
        <translation>Подписи</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="256" />
        <source>Your company</source>
        <translation>Ваша компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="259" />
        <source>These requisites go on your invoices. Only the name is needed now; what you enter is checked as you type.</source>
        <translation>Эти реквизиты попадут в ваши счета. Сейчас нужно только название; всё введённое проверяется сразу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="283" />
        <source>This is the company of the server's database; change it in Settings.</source>
        <translation>Это компания из базы данных на сервере; изменить её можно в настройках.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="289" />
        <source>The administrator has not described the company yet.</source>
        <translation>Администратор ещё не заполнил сведения о компании.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="286" />
        <source>This is the company of the server's database; an administrator can change it.</source>
        <translation>Это компания из базы данных на сервере; изменить её может администратор.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="273" />
        <source>Clients already there</source>
        <translation>Клиенты, которые уже есть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="276" />
        <source>A client is the same when a phone, an e-mail, or the name and company match (in the file or in the database).</source>
        <translation>Клиент считается тем же, если совпадает телефон, эл. почта или имя вместе с компанией (в файле или в базе).</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="281" />
        <source>Merge: fill their empty fields, add new phones and e-mails</source>
        <translation>Объединить: заполнить пустые поля, добавить новые телефоны и адреса почты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="283" />
        <source>Skip: leave them as they are</source>
        <translation>Пропустить: оставить как есть</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="284" />
        <source>Create anyway: a new client for each row</source>
        <translation>Всё равно создать: новый клиент на каждую строку</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="295" />
        <source>Show what the import will do</source>
        <translation>Показать, что сделает импорт</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="67" />
        <source>The file</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="69" />
        <source>An Excel workbook (.xlsx, .xls) or a CSV file with one client per row.</source>
        <translation>Книга Excel (.xlsx, .xls) или файл CSV, по одному клиенту в строке.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="72" />
        <source>Choose a file…</source>
        <translation>Выберите файл…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="73" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="82" />
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="83" />
        <source>Sheet:</source>
        <translation>Лист:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="91" />
        <source>Import clients</source>
        <translation>Импорт клиентов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="93" />
        <source>Spreadsheets ({kinds})</source>
        <translation>Таблицы ({kinds})</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="109" />
        <source>The first with a header</source>
        <translation>Первый лист с заголовком</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="123" />
        <source>Reading {file}…</source>
        <translation>Читаем {file}…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="410" />
        <source>CRM: first start</source>
        <translation>CRM: первый запуск</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="412" />
        <source>&lt; Back</source>
        <translation>&lt; Назад</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="413" />
        <source>Next &gt;</source>
        <translation>Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="414" />
        <source>Start working</source>
        <translation>Начать работу</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="415" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="508" />
        <source>Preparing the sample data…</source>
        <translation>Готовим демонстрационные данные…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="516" />
        <source>Creating the database…</source>
        <translation>Создаём базу данных…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="535" />
        <source>Not connected to the server.</source>
        <translation>Нет подключения к серверу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="541" />
        <source>Saving…</source>
        <translation>Сохраняем…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="548" />
        <source>This computer has no system keyring, so the password was not saved: the program will ask for it at each start.</source>
        <translation>На этом компьютере нет системного хранилища паролей, поэтому пароль не сохранён: программа будет спрашивать его при каждом запуске.</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="38" />
        <source>Import history</source>
        <translation>История импорта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="49" />
        <source>Undo the selected import</source>
        <translation>Отменить выбранный импорт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="66" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="67" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="68" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="69" />
        <source>Rows</source>
        <translation>Строк</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="70" />
        <source>New / merged / rejected</source>
        <translation>Новых / объединено / отклонено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="71" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="76" />
        <source>undone {when}</source>
        <translation>отменён {when}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="78" />
        <source>in force</source>
        <translation>действует</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="91" />
        <source>Nothing has been imported yet.</source>
        <translation>Импорта ещё не было.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="105" />
        <source>Undo the import of {file}? The clients it created go to the recycle bin and the fields it filled get their old values.</source>
        <translation>Отменить импорт файла {file}? Созданные им клиенты попадут в корзину, а заполненные поля получат прежние значения.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="117" />
        <source>Undoing the import…</source>
        <translation>Отменяем импорт…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="126" />
        <source>Undone: {removed} records removed, {restored} restored.</source>
        <translation>Отменено: удалено записей {removed}, восстановлено {restored}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_history.py" line="130" />
        <source>Changed since, so kept: {names}</source>
        <translation>Изменены после импорта, поэтому оставлены: {names}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="424" />
        <source>Import clients</source>
        <translation>Импорт клиентов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="438" />
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="470" />
        <source>Choose a file first.</source>
        <translation>Сначала выберите файл.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="480" />
        <source>Checking the rows…</source>
        <translation>Проверяем строки…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="480" />
        <source>Importing…</source>
        <translation>Импортируем…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="489" />
        <source>{rows} rows: {created} new clients, {merged} merged into clients already there, {skipped} skipped, {rejected} rejected; {companies} new companies.</source>
        <translation>Строк {rows}: новых клиентов {created}, объединено с существующими {merged}, пропущено {skipped}, отклонено {rejected}; новых компаний {companies}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="494" />
        <source>The import will read {rows} rows: {created} new clients, {merged} merged into clients already there, {skipped} skipped, {rejected} rejected; {companies} new companies. Nothing is written yet.</source>
        <translation>Импорт прочтёт строк: {rows}. Новых клиентов {created}, объединится с существующими {merged}, пропустится {skipped}, будет отклонено {rejected}; новых компаний {companies}. Пока ничего не записано.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="94" />
        <source>Welcome</source>
        <translation>Добро пожаловать</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="95" />
        <source>A few questions, and you can start working.</source>
        <translation>Несколько вопросов — и можно начинать работу.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="98" />
        <source>The wizard asks where to keep the data, describes your company for invoices and creates your login. Everything can be changed later in Settings.</source>
        <translation>Мастер спросит, где хранить данные, запишет реквизиты вашей компании для счетов и создаст вашу учётную запись. Всё это можно изменить позже в настройках.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="102" />
        <source>Language of the program:</source>
        <translation>Язык программы:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="52" />
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="57" />
        <source>This section comes with the next version of the program.</source>
        <translation>Этот раздел появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="59" />
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="62" />
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="63" />
        <source>Deals and the sales funnel</source>
        <translation>Сделки и воронка продаж</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="65" />
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="65" />
        <source>Tasks and reminders</source>
        <translation>Задачи и напоминания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="66" />
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="66" />
        <source>Invoices and orders</source>
        <translation>Счета и заказы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="69" />
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="70" />
        <source>Reports and dashboards</source>
        <translation>Отчёты и сводки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="72" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="109" />
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="127" />
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="144" />
        <source>Connection lost</source>
        <translation>Нет связи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="149" />
        <source>The connection to the server is back.</source>
        <translation>Связь с сервером восстановлена.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="168" />
        <source>Restored</source>
        <translation>Восстановлено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="181" />
        <source>Local database: {path}</source>
        <translation>Локальная база: {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="182" />
        <source>Works without a network</source>
        <translation>Работает без сети</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="185" />
        <source>Office server: {server}</source>
        <translation>Сервер офиса: {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="148" />
        <location filename="../../crm_desktop/ui/main_window.py" line="186" />
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="138" />
        <source>No connection to the server {server}. Open cards keep what you typed; the program reconnects by itself.</source>
        <translation>Нет связи с сервером {server}. Открытые карточки сохраняют введённое; программа переподключится сама.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="191" />
        <source>the file's owner</source>
        <translation>владелец файла</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="48" />
        <source>Merge duplicates</source>
        <translation>Объединение дубликатов</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="51" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="52" />
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="55" />
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="58" />
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="59" />
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="60" />
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="61" />
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="69" />
        <source>Choose, line by line, what the merged client keeps; then press Merge.</source>
        <translation>Выберите по строкам, что останется у объединённого клиента, и нажмите «Объединить».</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="72" />
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="73" />
        <source>Keep this record</source>
        <translation>Оставить эту запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="105" />
        <source>Phones and e-mails</source>
        <translation>Телефоны и почта</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="110" />
        <source>Phones, e-mails, history, deals, tasks and invoices of both records stay with the client kept; the other record goes to the recycle bin.</source>
        <translation>Телефоны, почта, история, сделки, задачи и счета обеих записей остаются у оставленного клиента; другая запись уходит в корзину.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/merge_dialog.py" line="118" />
        <source>Merge</source>
        <translation>Объединить</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="113" />
        <source>Where to keep the data</source>
        <translation>Где хранить данные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="114" />
        <source>Choose how this computer works with the client base.</source>
        <translation>Выберите, как этот компьютер работает с клиентской базой.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="115" />
        <source>Work on this computer</source>
        <translation>Работать на этом компьютере</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="116" />
        <source>Connect to the office server</source>
        <translation>Подключиться к серверу в офисе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="117" />
        <source>Try with sample data</source>
        <translation>Попробовать на демонстрационных данных</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="121" />
        <source>The data stays in a file on this computer ({path}). Nothing to set up, works without a network.</source>
        <translation>Данные хранятся в файле на этом компьютере ({path}). Ничего настраивать не нужно, сеть не требуется.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="125" />
        <source>Several people work in one shared database on the office server (PostgreSQL). The administrator gives you its address and your login.</source>
        <translation>Несколько человек работают в общей базе на сервере в офисе (PostgreSQL). Адрес сервера и ваш логин сообщит администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="129" />
        <source>A separate database with {n} invented clients, their history, deals and invoices, to look around. It never mixes with your real data.</source>
        <translation>Отдельная база с {n} вымышленными клиентами, их историей, сделками и счетами — чтобы осмотреться. С вашими настоящими данными она не смешивается.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="330" />
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="337" />
        <source>Save the rejected rows…</source>
        <translation>Сохранить отклонённые строки…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="339" />
        <source>Undo this import</source>
        <translation>Отменить этот импорт</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="357" />
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="357" />
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="357" />
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="357" />
        <source>What is wrong</source>
        <translation>Что не так</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="378" />
        <source>Save the rejected rows</source>
        <translation>Сохранить отклонённые строки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="378" />
        <source>Workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="398" />
        <source>Undoing the import…</source>
        <translation>Отменяем импорт…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="404" />
        <source>The import was undone: {removed} records removed, {restored} restored.</source>
        <translation>Импорт отменён: удалено записей {removed}, восстановлено {restored}.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/import_wizard.py" line="406" />
        <source>Changed since, so kept: {names}</source>
        <translation>Изменены после импорта, поэтому оставлены: {names}</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="161" />
        <source>The office server</source>
        <translation>Сервер в офисе</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="163" />
        <source>The administrator of your office gives you these values and your login.</source>
        <translation>Эти значения и ваш логин сообщит администратор вашего офиса.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="166" />
        <source>server name or address, e.g. 192.168.1.10</source>
        <translation>имя или адрес сервера, например 192.168.1.10</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="175" />
        <source>Remember the password in the system keyring (never in a file)</source>
        <translation>Запомнить пароль в системном хранилище паролей (не в файле)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="182" />
        <source>Server:</source>
        <translation>Сервер:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="183" />
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="184" />
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="185" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="186" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="225" />
        <source>Connecting to {server}…</source>
        <translation>Подключаемся к {server}…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="229" />
        <source>The server {server} has no database «{db}». Create it? Do so only when you set up the office's CRM for the first time; otherwise check the name.</source>
        <translation>На сервере {server} нет базы данных «{db}». Создать её? Создавайте, только если впервые настраиваете CRM для офиса; иначе проверьте название.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="42" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="53" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="56" />
        <source>Language of the program:</source>
        <translation>Язык программы:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="57" />
        <source>Takes effect when the program starts again.</source>
        <translation>Вступит в силу при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="60" />
        <source>Save the requisites</source>
        <translation>Сохранить реквизиты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="61" />
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="65" />
        <source>Your company (for invoices)</source>
        <translation>Ваша компания (для счетов)</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="75" />
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="79" />
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="81" />
        <source>local file {path}</source>
        <translation>локальный файл {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="83" />
        <source>office server {server}</source>
        <translation>сервер в офисе {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="86" />
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="86" />
        <source>the file's owner</source>
        <translation>владелец файла</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="113" />
        <source>Only an administrator can change the requisites.</source>
        <translation>Изменять реквизиты может только администратор.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/settings_page.py" line="147" />
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="33" />
        <source>Password for {user} on {server}:</source>
        <translation>Пароль для {user} на {server}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="50" />
        <source>Password for {login}:</source>
        <translation>Пароль для {login}:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="96" />
        <source>Who is working?</source>
        <translation>Кто работает?</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="149" />
        <source>Set up the connection again…</source>
        <translation>Настроить подключение заново…</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/startup.py" line="185" />
        <source>The database cannot be opened.</source>
        <translation>Не удаётся открыть базу данных.</translation>
    </message>
</context>
<context>
    <name>Unexpected</name>
    <message>
        <location filename="../../crm_desktop/ui/unexpected.py" line="39" />
        <source>Something went wrong ({error}); the details are in the log file.</source>
        <translation>Что-то пошло не так ({error}); подробности — в файле журнала.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/unexpected.py" line="56" />
        <source>Something went wrong in the program. What was saved is safe; the details are in the log file.</source>
        <translation>В программе произошла ошибка. Сохранённые данные в безопасности; подробности — в файле журнала.</translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="311" />
        <source>Your login</source>
        <translation>Ваша учётная запись</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="314" />
        <source>You become the administrator: you can add your colleagues later. A password keeps others who use this computer out.</source>
        <translation>Вы станете администратором и позже сможете добавить коллег. Пароль защитит данные от других пользователей этого компьютера.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="320" />
        <source>Иванова Мария Петровна</source>
        <translation>Иванова Мария Петровна</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="329" />
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="330" />
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="331" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="332" />
        <source>Repeat it:</source>
        <translation>Ещё раз:</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="335" />
        <source>Leave the password empty if only you use this computer account.</source>
        <translation>Оставьте пароль пустым, если этой учётной записью компьютера пользуетесь только вы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="349" />
        <source>At least {n} characters</source>
        <translation>Не менее {n} знаков</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="351" />
        <source>The two passwords differ</source>
        <translation>Пароли не совпадают</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/first_run.py" line="353" />
        <source>Type the password once more</source>
        <translation>Введите пароль ещё раз</translation>
    </message>
</context>
</TS>