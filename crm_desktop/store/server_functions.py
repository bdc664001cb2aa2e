"""The office server's SECURITY DEFINER functions: the only way an app user touches the
license, the seats and the invoice counters (ARCHITECTURE.md, "Two databases").

A seat is a session-level advisory lock on a slot 1..N (N from the installed license, 2
without one): `crm_take_seat` tries the slots in turn with `pg_try_advisory_lock`, so two
sessions can never both take the last one, and a crashed PC's seat frees itself when its
backend ends. The app's other connections join that seat with the one-time token the
holder got (`crm_seat_join`). Each seated backend also holds an advisory lock keyed by
its own pid, so `crm_has_seat()` (which every row-level policy asks) is true only in a
backend that took or joined a live seat: a registry row left behind, or deleted by hand,
gives or takes nothing.

Every function pins `search_path` to `pg_catalog, pg_temp` (pg_temp last) and names our
tables with their schema, so nothing shadowed in `pg_temp` changes what they do; EXECUTE
is revoked from PUBLIC and granted to the CRM group role by `server_security`.
"""

from __future__ import annotations

from sqlalchemy import Connection

SEAT_LOCK = 1129467137  # "CRM\x01": (SEAT_LOCK, slot) is held by a seat's holder
JOIN_LOCK = 1129467138  # "CRM\x02": (JOIN_LOCK, pid) is held by every seated backend
FREE_SEATS = 2  # with no license installed
LOGIN_CONNECTION_LIMIT = 20  # one desktop opens a few connections (the app, its workers)

# The server's own tables (migration 0006 makes them; `server init` runs this again, so a
# server upgraded by an earlier build gets what was added since): all IF NOT EXISTS.
SERVER_TABLES = """
CREATE TABLE IF NOT EXISTS public.crm_license (
    id integer PRIMARY KEY CHECK (id = 1),
    document text NOT NULL,
    signature text NOT NULL,
    installed_at timestamptz NOT NULL DEFAULT now(),
    installed_by text NOT NULL DEFAULT session_user
);
CREATE TABLE IF NOT EXISTS public.crm_seats (
    slot integer PRIMARY KEY,
    login text NOT NULL,
    host text NOT NULL DEFAULT '',
    since timestamptz NOT NULL DEFAULT now(),
    pid integer NOT NULL
);
CREATE TABLE IF NOT EXISTS public.crm_seat_tokens (
    slot integer PRIMARY KEY,
    holder_pid integer NOT NULL,
    login text NOT NULL,
    token text NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS public.crm_seat_sessions (
    pid integer PRIMARY KEY,
    slot integer NOT NULL,
    holder_pid integer NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS public.crm_server_settings (
    id integer PRIMARY KEY CHECK (id = 1),
    unassigned_visible boolean NOT NULL DEFAULT false,
    role_prefix text
);
INSERT INTO public.crm_server_settings (id) VALUES (1) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS public.crm_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    login text NOT NULL DEFAULT session_user,
    action text NOT NULL,
    table_name text NOT NULL DEFAULT '',
    record_id text,
    details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS ix_crm_audit_at ON public.crm_audit (at);
ALTER TABLE public.crm_seat_sessions ADD COLUMN IF NOT EXISTS login text NOT NULL DEFAULT '';
REVOKE ALL ON public.crm_license, public.crm_seats, public.crm_seat_tokens,
    public.crm_seat_sessions, public.crm_server_settings, public.crm_audit FROM PUBLIC;
"""

# (signature, body): CREATE OR REPLACE FUNCTION public.<signature> ... AS $$<body>$$
_DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"

FUNCTIONS: dict[str, str] = {}

FUNCTIONS["crm_lock_held(p_key integer, p_id integer, p_pid integer)"] = f"""
RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT EXISTS (
        SELECT 1 FROM pg_catalog.pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted
          AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d
                            WHERE d.datname = pg_catalog.current_database())
          AND l.classid = p_key::oid AND l.objid = p_id::oid AND l.objsubid = 2
          AND l.pid = p_pid)
$$"""

FUNCTIONS["crm_has_seat()"] = f"""
RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT EXISTS (
        SELECT 1 FROM public.crm_seat_sessions s
        WHERE s.pid = pg_catalog.pg_backend_pid() AND s.login = session_user
          AND public.crm_lock_held({JOIN_LOCK}, s.pid, s.pid)
          AND public.crm_lock_held({SEAT_LOCK}, s.slot, s.holder_pid))
$$"""

FUNCTIONS["crm_is_admin()"] = f"""
RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                   WHERE r.rolname = session_user AND (r.rolsuper OR r.rolcreaterole))
        OR EXISTS (SELECT 1 FROM public.users u
                   WHERE u.login = session_user AND u.role = 'admin'
                     AND NOT u.disabled AND u.deleted_at IS NULL)
$$"""

FUNCTIONS["crm_unassigned_visible()"] = f"""
RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT coalesce((SELECT s.unassigned_visible FROM public.crm_server_settings s
                     WHERE s.id = 1), false)
$$"""

FUNCTIONS["crm_role_prefix()"] = f"""
RETURNS text LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT s.role_prefix FROM public.crm_server_settings s WHERE s.id = 1
$$"""

FUNCTIONS["crm_license_info()"] = f"""
RETURNS TABLE (document text, signature text) LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT l.document, l.signature FROM public.crm_license l WHERE l.id = 1
$$"""

FUNCTIONS["crm_seat_count()"] = f"""
RETURNS integer LANGUAGE plpgsql STABLE {_DEFINER} AS $$
DECLARE
    doc jsonb;
BEGIN
    SELECT l.document::jsonb INTO doc FROM public.crm_license l WHERE l.id = 1;
    IF doc IS NULL THEN
        RETURN {FREE_SEATS};
    END IF;
    IF (doc ->> 'expires')::date < current_date THEN
        RAISE EXCEPTION USING ERRCODE = 'CRM03', MESSAGE = 'the license has expired';
    END IF;
    RETURN (doc ->> 'seats')::integer;
END
$$"""

FUNCTIONS["crm_seat_status()"] = f"""
RETURNS TABLE (slot integer, login text, host text, since timestamptz)
LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT s.slot, s.login, s.host, s.since FROM public.crm_seats s
    WHERE public.crm_lock_held({SEAT_LOCK}, s.slot, s.pid)
    ORDER BY s.slot
$$"""

FUNCTIONS["crm_take_seat(p_host text)"] = f"""
RETURNS TABLE (slot integer, token text) LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
DECLARE
    me integer := pg_catalog.pg_backend_pid();
    seats integer;
    n integer;
    t text;
BEGIN
    SELECT k.slot, k.token INTO n, t FROM public.crm_seat_tokens k
    WHERE k.holder_pid = me AND public.crm_lock_held({SEAT_LOCK}, k.slot, me);
    IF FOUND THEN  -- this backend holds a seat already
        RETURN QUERY SELECT n, t;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM public.users u WHERE u.login = session_user
                   AND NOT u.disabled AND u.deleted_at IS NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'CRM01',
            MESSAGE = pg_catalog.format('%s is not a user of this CRM', session_user);
    END IF;
    seats := public.crm_seat_count();
    FOR n IN 1..seats LOOP
        IF pg_catalog.pg_try_advisory_lock({SEAT_LOCK}, n) THEN
            t := pg_catalog.md5(pg_catalog.random()::text || pg_catalog.clock_timestamp()::text
                                || me::text || pg_catalog.random()::text);
            DELETE FROM public.crm_seat_sessions s
            WHERE s.pid = me OR s.pid NOT IN (SELECT a.pid FROM pg_catalog.pg_stat_activity a
                                              WHERE a.pid IS NOT NULL);
            INSERT INTO public.crm_seat_sessions (pid, slot, holder_pid, login)
            VALUES (me, n, me, session_user);
            PERFORM pg_catalog.pg_advisory_lock({JOIN_LOCK}, me);
            INSERT INTO public.crm_seat_tokens (slot, holder_pid, login, token)
            VALUES (n, me, session_user, t)
            ON CONFLICT ON CONSTRAINT crm_seat_tokens_pkey DO UPDATE
                SET holder_pid = EXCLUDED.holder_pid, login = EXCLUDED.login,
                    token = EXCLUDED.token;
            INSERT INTO public.crm_seats (slot, login, host, since, pid)
            VALUES (n, session_user, coalesce(p_host, ''), pg_catalog.now(), me)
            ON CONFLICT ON CONSTRAINT crm_seats_pkey DO UPDATE
                SET login = EXCLUDED.login, host = EXCLUDED.host, since = EXCLUDED.since,
                    pid = EXCLUDED.pid;
            RETURN QUERY SELECT n, t;
            RETURN;
        END IF;
    END LOOP;
    RAISE EXCEPTION USING ERRCODE = 'CRM02', MESSAGE = 'every seat is taken';
END
$$"""

FUNCTIONS["crm_seat_join(p_token text)"] = f"""
RETURNS integer LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
DECLARE
    me integer := pg_catalog.pg_backend_pid();
    k record;
BEGIN
    SELECT * INTO k FROM public.crm_seat_tokens t WHERE t.token = p_token;
    IF NOT FOUND OR k.login <> session_user
       OR NOT public.crm_lock_held({SEAT_LOCK}, k.slot, k.holder_pid) THEN
        RAISE EXCEPTION USING ERRCODE = 'CRM04', MESSAGE = 'no such seat to join';
    END IF;
    DELETE FROM public.crm_seat_sessions s WHERE s.pid = me;
    DELETE FROM public.crm_seat_sessions s
    WHERE s.pid NOT IN (SELECT a.pid FROM pg_catalog.pg_stat_activity a WHERE a.pid IS NOT NULL);
    INSERT INTO public.crm_seat_sessions (pid, slot, holder_pid, login)
    VALUES (me, k.slot, k.holder_pid, session_user);
    IF NOT public.crm_lock_held({JOIN_LOCK}, me, me) THEN
        PERFORM pg_catalog.pg_advisory_lock({JOIN_LOCK}, me);
    END IF;
    RETURN k.slot;
END
$$"""

FUNCTIONS["crm_kick_seat(p_slot integer)"] = f"""
RETURNS integer LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
DECLARE
    ended integer := 0;
    p integer;
BEGIN
    IF NOT public.crm_is_admin() THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'only an administrator ends sessions';
    END IF;
    FOR p IN
        SELECT l.pid FROM pg_catalog.pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {SEAT_LOCK}::oid
          AND l.objid = p_slot::oid AND l.objsubid = 2
          AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d
                            WHERE d.datname = pg_catalog.current_database())
        UNION
        SELECT s.pid FROM public.crm_seat_sessions s
        WHERE s.slot = p_slot AND public.crm_lock_held({JOIN_LOCK}, s.pid, s.pid)
    LOOP
        IF pg_catalog.pg_terminate_backend(p, 5000) THEN
            ended := ended + 1;
        END IF;
    END LOOP;
    DELETE FROM public.crm_seats s WHERE s.slot = p_slot;
    PERFORM public.crm_audit_entry('seat.ended', 'crm_seats', p_slot::text,
                                   pg_catalog.jsonb_build_object('sessions', ended));
    RETURN ended;
END
$$"""

FUNCTIONS["crm_next_invoice_number(p_series integer)"] = f"""
RETURNS integer LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
DECLARE
    n integer;
BEGIN
    IF NOT (public.crm_has_seat() OR public.crm_is_admin()) THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'no seat';
    END IF;
    INSERT INTO public.invoice_counters (series, last_number) VALUES (p_series, 0)
    ON CONFLICT (series) DO NOTHING;
    UPDATE public.invoice_counters c SET last_number = c.last_number + 1
    WHERE c.series = p_series RETURNING c.last_number INTO n;
    RETURN n;
END
$$"""


FUNCTIONS["crm_sync_login(p_login text, p_password text, p_disabled boolean)"] = f"""
RETURNS void LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
DECLARE
    app_role text;
    prefix text;
    privileged boolean;
    role_exists boolean;
    wanted text[];
    g text;
    options text;
BEGIN
    IF NOT public.crm_is_admin() THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'only an administrator manages users';
    END IF;
    IF p_login LIKE 'crm!_%' ESCAPE '!' OR p_login LIKE 'pg!_%' ESCAPE '!' THEN
        RAISE EXCEPTION USING ERRCODE = 'CRM06', MESSAGE = 'a reserved role name';
    END IF;
    SELECT u.role INTO app_role FROM public.users u WHERE u.login = p_login;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CRM05', MESSAGE = 'no such app user';
    END IF;
    SELECT s.role_prefix INTO prefix FROM public.crm_server_settings s WHERE s.id = 1;
    IF prefix IS NULL THEN
        RETURN;  -- no server init yet: the app user has no login role
    END IF;
    SELECT r.rolsuper OR r.rolbypassrls OR r.rolcreaterole OR r.rolcreatedb
           OR r.rolreplication INTO privileged
    FROM pg_catalog.pg_roles r WHERE r.rolname = p_login;
    role_exists := FOUND;
    IF role_exists AND privileged THEN
        RAISE EXCEPTION USING ERRCODE = 'CRM06', MESSAGE = 'a server administrator';
    END IF;
    -- a new role gets no other attribute (NOSUPERUSER ... are the defaults; only a
    -- superuser may even name them in ALTER ROLE)
    options := CASE WHEN p_disabled THEN 'NOLOGIN' ELSE 'LOGIN' END
        || ' CONNECTION LIMIT ' || {LOGIN_CONNECTION_LIMIT};
    IF p_password IS NOT NULL THEN
        options := options || ' PASSWORD ' || pg_catalog.quote_literal(p_password);
    END IF;
    IF role_exists THEN
        EXECUTE pg_catalog.format('ALTER ROLE %I ', p_login) || options;
    ELSE
        EXECUTE pg_catalog.format('CREATE ROLE %I ', p_login) || options;
    END IF;
    wanted := CASE app_role
        WHEN 'admin' THEN ARRAY[prefix || '_admin', prefix || '_exec']
        WHEN 'executive' THEN ARRAY[prefix || '_exec']
        WHEN 'manager' THEN ARRAY[prefix || '_manager']
        WHEN 'accountant' THEN ARRAY[prefix || '_accountant']
        ELSE ARRAY[prefix || '_production'] END;
    FOREACH g IN ARRAY ARRAY[prefix || '_admin', prefix || '_exec', prefix || '_manager',
                             prefix || '_accountant', prefix || '_production'] LOOP
        IF g = ANY (wanted) THEN
            EXECUTE pg_catalog.format('GRANT %I TO %I', g, p_login);
        ELSIF pg_catalog.pg_has_role(p_login, g, 'MEMBER') THEN
            EXECUTE pg_catalog.format('REVOKE %I FROM %I', g, p_login);
        END IF;
    END LOOP;
    IF p_disabled THEN
        PERFORM pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a
        WHERE a.usename = p_login AND a.datname = pg_catalog.current_database();
    END IF;
    PERFORM public.crm_audit_entry(
        CASE WHEN p_disabled THEN 'user.disabled' ELSE 'user.login' END, 'users', p_login,
        pg_catalog.jsonb_build_object('role', app_role, 'password_set', p_password IS NOT NULL));
END
$$"""


# The trail is written by the server's own functions and triggers (crm_sync_login,
# crm_kick_seat, the clients' owner trigger) through crm_audit_entry, which no user may
# call; crm_write_audit is for the server's administrator (a superuser) only.
FUNCTIONS["crm_audit_entry(p_action text, p_table text, p_record text, p_details jsonb)"] = f"""
RETURNS void LANGUAGE sql VOLATILE {_DEFINER} AS $$
    -- who and when are the server's, never the caller's
    INSERT INTO public.crm_audit (at, login, action, table_name, record_id, details)
    VALUES (pg_catalog.clock_timestamp(), session_user, p_action, coalesce(p_table, ''),
            p_record, coalesce(p_details, '{{}}'::jsonb))
$$"""

FUNCTIONS["crm_write_audit(p_action text, p_table text, p_record text, p_details jsonb)"] = f"""
RETURNS void LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                   WHERE r.rolname = session_user AND r.rolsuper) THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'the server administrator only';
    END IF;
    PERFORM public.crm_audit_entry(p_action, p_table, p_record, p_details);
END
$$"""

# ---- triggers (installed on a secured server by server_security) ----------------------

FUNCTIONS["crm_is_superuser()"] = f"""
RETURNS boolean LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r
                     WHERE r.rolname = session_user), false)
$$"""

FUNCTIONS["crm_stamp_authors()"] = f"""
RETURNS trigger LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    -- a CRM login writes in its own name (the server administrator, acting for the
    -- program's tools, keeps what the program says)
    IF NOT public.crm_is_superuser() THEN
        IF TG_OP = 'INSERT' THEN
            NEW.created_by := session_user;
        ELSE
            NEW.created_by := OLD.created_by;
        END IF;
        NEW.updated_by := session_user;
    END IF;
    RETURN NEW;
END
$$"""

FUNCTIONS["crm_stamp_order_event()"] = f"""
RETURNS trigger LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    IF NOT public.crm_is_superuser() THEN
        NEW.by := session_user;
        NEW.at := pg_catalog.now();
    END IF;
    RETURN NEW;
END
$$"""

FUNCTIONS["crm_no_password_hash()"] = f"""
RETURNS trigger LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    NEW.password_hash := NULL;  -- the server keeps the login's password (SCRAM), no copy
    RETURN NEW;
END
$$"""

FUNCTIONS["crm_orders_guard()"] = f"""
RETURNS trigger LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    prefix text := public.crm_role_prefix();
BEGIN
    IF prefix IS NOT NULL
       AND pg_catalog.pg_has_role(session_user, prefix || '_production', 'MEMBER')
       AND NOT pg_catalog.pg_has_role(session_user, prefix || '_exec', 'MEMBER')
       AND NOT public.crm_is_superuser()
       AND (NEW.client_id, NEW.deal_id, NEW.owner, NEW.number, NEW.total, NEW.due_date,
            NEW.specification, NEW.note, NEW.deleted_at, NEW.created_by, NEW.created_at)
           IS DISTINCT FROM
           (OLD.client_id, OLD.deal_id, OLD.owner, OLD.number, OLD.total, OLD.due_date,
            OLD.specification, OLD.note, OLD.deleted_at, OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'production moves an order''s status only';
    END IF;
    RETURN NEW;
END
$$"""

FUNCTIONS["crm_clients_owner_audit()"] = f"""
RETURNS trigger LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    IF NEW.owner IS DISTINCT FROM OLD.owner THEN
        PERFORM public.crm_audit_entry('client.owner', 'clients', NEW.id::text,
            pg_catalog.jsonb_build_object('from', OLD.owner, 'to', NEW.owner));
    END IF;
    RETURN NULL;
END
$$"""


# who may call what (server_security grants it): every CRM login, or only these groups
EVERYONE = (
    "crm_lock_held(p_key integer, p_id integer, p_pid integer)",
    "crm_has_seat()",
    "crm_is_admin()",
    "crm_is_superuser()",
    "crm_unassigned_visible()",
    "crm_role_prefix()",
    "crm_license_info()",
    "crm_seat_count()",
    "crm_seat_status()",
    "crm_take_seat(p_host text)",
    "crm_seat_join(p_token text)",
    "crm_kick_seat(p_slot integer)",  # checks crm_is_admin() itself
    "crm_sync_login(p_login text, p_password text, p_disabled boolean)",  # the same
)
INVOICING = ("crm_next_invoice_number(p_series integer)",)  # not production


def install_functions(conn: Connection) -> None:
    """The server's tables (if missing), then every function created or replaced; none
    is executable by PUBLIC."""
    # the driver's own cursor, without parameters: the bodies hold format()'s `%I`
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(SERVER_TABLES)
        for signature, body in FUNCTIONS.items():
            cursor.execute(f"CREATE OR REPLACE FUNCTION public.{signature}\n{body}")
            cursor.execute(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC")
    finally:
        cursor.close()


def after_migrate(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        install_functions(conn)
