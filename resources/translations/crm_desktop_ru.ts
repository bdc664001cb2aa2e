<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
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
        <location filename="../../crm_desktop/ui/clients_page.py" line="38"/>
        <source>Search: name, company, phone, e-mail, INN</source>
        <translation>Поиск: имя, компания, телефон, почта, ИНН</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="43"/>
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="44"/>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="45"/>
        <source>Companies</source>
        <translation>Компании</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="46"/>
        <source>My clients</source>
        <translation>Мои клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="48"/>
        <source>No contact for {n} days</source>
        <translation>Без контакта {n} дней</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/clients_page.py" line="51"/>
        <source>Recycle bin</source>
        <translation>Корзина</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="39"/>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="43"/>
        <source>This section comes with the next version of the program.</source>
        <translation>Этот раздел появится в следующей версии программы.</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="45"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="48"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="49"/>
        <source>Deals and the sales funnel</source>
        <translation>Сделки и воронка продаж</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="51"/>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="51"/>
        <source>Tasks and reminders</source>
        <translation>Задачи и напоминания</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="52"/>
        <source>Invoices</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="52"/>
        <source>Invoices and orders</source>
        <translation>Счета и заказы</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="55"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="56"/>
        <source>Reports and dashboards</source>
        <translation>Отчёты и сводки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="58"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="96"/>
        <source>Local database: {path}</source>
        <translation>Локальная база: {path}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="97"/>
        <source>Works without a network</source>
        <translation>Работает без сети</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="100"/>
        <source>Office server: {server}</source>
        <translation>Сервер офиса: {server}</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="101"/>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <location filename="../../crm_desktop/ui/main_window.py" line="106"/>
        <source>the file&apos;s owner</source>
        <translation>владелец файла</translation>
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
