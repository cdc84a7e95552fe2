-- Owner: package review/account. Invitations, role grants and their
-- confirmation, session lifetimes, API token scopes and expiry, sign-in
-- throttling, and the separation of duties in the database: nobody grants
-- the handläggare role to themself, nobody who grants roles holds it, and a
-- handläggare invited by an administrator decides only once another
-- handläggare has confirmed them.

-- OIDC users have no password; local users get one when they complete their
-- invitation.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD COLUMN oidc_issuer text, ADD COLUMN oidc_subject text;
CREATE UNIQUE INDEX users_oidc ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- role_grants: append-only, every role any user was given. source says by
-- whom: 'operator' (the first administrator, `arsflow user invite`, run with
-- the database's credentials), 'invitation' (an administrator in the web UI:
-- granted_by) or 'oidc' (the municipality's identity provider).
CREATE TABLE role_grants (
    id         bigserial PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id),
    role       text        NOT NULL CHECK (role IN ('administrator', 'handlaggare')),
    source     text        NOT NULL CHECK (source IN ('operator', 'invitation', 'oidc')),
    granted_by bigint      REFERENCES users (id),
    granted_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((source = 'invitation') = (granted_by IS NOT NULL)),
    CHECK (granted_by IS DISTINCT FROM user_id)           -- nobody grants themself a role
);
CREATE INDEX role_grants_user ON role_grants (user_id);

-- role_confirmations: append-only; a handläggare confirms that an invited
-- colleague's account is that colleague's.
CREATE TABLE role_confirmations (
    grant_id     bigint      PRIMARY KEY REFERENCES role_grants (id),
    confirmed_by bigint      NOT NULL REFERENCES users (id),
    confirmed_at timestamptz NOT NULL DEFAULT now()
);

-- The grant that gave a user their current role.
ALTER TABLE users ADD COLUMN grant_id bigint REFERENCES role_grants (id);

CREATE TABLE invitations (
    id           bigserial PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE,        -- sha256 of the link's code
    username     text        NOT NULL,
    display_name text        NOT NULL DEFAULT '',
    role         text        NOT NULL CHECK (role IN ('administrator', 'handlaggare')),
    created_by   bigint      REFERENCES users (id),  -- NULL: the operator (first administrator, CLI)
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    user_id      bigint      REFERENCES users (id),
    revoked_at   timestamptz
);

ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX sessions_user ON sessions (user_id);

ALTER TABLE api_tokens
    ADD COLUMN scope text NOT NULL DEFAULT 'ingest' CHECK (scope IN ('ingest', 'export', 'read')),
    ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '90 days';

-- signin_throttle: failed sign-ins per key (sha256 of account, client, or
-- both), counted in the database so that every server process and every
-- parallel attempt sees the same count.
CREATE TABLE signin_throttle (
    key_hash     bytea       PRIMARY KEY,
    failures     int         NOT NULL,
    window_start timestamptz NOT NULL
);

CREATE TRIGGER role_grants_append_only BEFORE UPDATE OR DELETE ON role_grants
    FOR EACH ROW EXECUTE FUNCTION arsflow_append_only();
CREATE TRIGGER role_confirmations_append_only BEFORE UPDATE OR DELETE ON role_confirmations
    FOR EACH ROW EXECUTE FUNCTION arsflow_append_only();

-- A role is granted by an enabled administrator (or the operator or the
-- identity provider); the handläggare role never goes to anyone who has
-- granted or confirmed a role, so nobody both grants it and uses it.
CREATE FUNCTION arsflow_check_grant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.granted_by IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM users WHERE id = NEW.granted_by AND role = 'administrator' AND disabled_at IS NULL) THEN
        RAISE EXCEPTION 'only an enabled administrator grants roles';
    END IF;
    IF NEW.role = 'handlaggare' AND (
        EXISTS (SELECT 1 FROM role_grants WHERE granted_by = NEW.user_id)
        OR EXISTS (SELECT 1 FROM role_confirmations WHERE confirmed_by = NEW.user_id)
        OR EXISTS (SELECT 1 FROM invitations WHERE created_by = NEW.user_id)) THEN
        RAISE EXCEPTION 'user % has granted roles and cannot hold the handläggare role', NEW.user_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER role_grants_check BEFORE INSERT ON role_grants
    FOR EACH ROW EXECUTE FUNCTION arsflow_check_grant();

-- A user's role changes only with a new grant of that role to that user;
-- any change of role, grant or state ends the user's sessions and tokens.
CREATE FUNCTION arsflow_check_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.grant_id IS NOT NULL THEN
            RAISE EXCEPTION 'a user is created first, then granted a role';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.grant_id IS DISTINCT FROM OLD.grant_id OR NEW.role IS DISTINCT FROM OLD.role THEN
        IF NEW.grant_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM role_grants WHERE id = NEW.grant_id AND user_id = NEW.id AND role = NEW.role) THEN
            RAISE EXCEPTION 'user %: a role changes only with a grant of that role to that user', NEW.id;
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER users_check BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION arsflow_check_user();

CREATE FUNCTION arsflow_revoke_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.role IS DISTINCT FROM OLD.role OR NEW.grant_id IS DISTINCT FROM OLD.grant_id
       OR (NEW.disabled_at IS NOT NULL AND OLD.disabled_at IS NULL) THEN
        DELETE FROM sessions WHERE user_id = NEW.id;
        UPDATE api_tokens SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER users_revoke_access AFTER UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION arsflow_revoke_access();

-- arsflow_may_decide: the user is an enabled handläggare by a grant of that
-- role, from the operator or the identity provider, or from an invitation
-- that another handläggare (neither the user nor the inviting
-- administrator) confirmed.
CREATE FUNCTION arsflow_may_decide(uid bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce((
        SELECT u.role = 'handlaggare' AND u.disabled_at IS NULL AND g.role = 'handlaggare' AND g.user_id = u.id
               AND (g.source IN ('operator', 'oidc') OR EXISTS (
                    SELECT 1 FROM role_confirmations c
                     WHERE c.grant_id = g.id AND c.confirmed_by <> u.id AND c.confirmed_by <> g.granted_by))
          FROM users u JOIN role_grants g ON g.id = u.grant_id
         WHERE u.id = uid), false)
$$;

CREATE FUNCTION arsflow_confirm_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g role_grants;
BEGIN
    SELECT * INTO g FROM role_grants WHERE id = NEW.grant_id;
    IF g.role <> 'handlaggare' OR g.source <> 'invitation' THEN
        RAISE EXCEPTION 'only an invited handläggare is confirmed';
    END IF;
    IF NEW.confirmed_by = g.user_id OR NEW.confirmed_by = g.granted_by OR NOT arsflow_may_decide(NEW.confirmed_by) THEN
        RAISE EXCEPTION 'a grant is confirmed by another handläggare, not by the user or the administrator who invited';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER role_confirmations_check BEFORE INSERT ON role_confirmations
    FOR EACH ROW EXECUTE FUNCTION arsflow_confirm_check();

-- Decisions and corrections only by a handläggare who may decide.
CREATE FUNCTION arsflow_require_decider() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT arsflow_may_decide(NEW.user_id) THEN
        RAISE EXCEPTION 'user % may not decide: not a confirmed, enabled handläggare', NEW.user_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER decisions_require_decider BEFORE INSERT ON decisions
    FOR EACH ROW EXECUTE FUNCTION arsflow_require_decider();
CREATE TRIGGER corrections_require_decider BEFORE INSERT ON corrections
    FOR EACH ROW EXECUTE FUNCTION arsflow_require_decider();

-- Accounts from before this migration keep their role, as granted by the
-- operator who created them.
ALTER TABLE users DISABLE TRIGGER users_check;
ALTER TABLE users DISABLE TRIGGER users_revoke_access;
WITH g AS (
    INSERT INTO role_grants (user_id, role, source, granted_at)
    SELECT id, role, 'operator', created_at FROM users RETURNING id, user_id)
UPDATE users u SET grant_id = g.id FROM g WHERE g.user_id = u.id;
ALTER TABLE users ENABLE TRIGGER users_check;
ALTER TABLE users ENABLE TRIGGER users_revoke_access;
