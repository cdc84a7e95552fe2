-- Owner: package review/account. An administrator's accounts never vouch for
-- each other: a handläggare whom an administrator brought in (invited, or
-- invited by an administrator that administrator invited, and so on) does
-- not confirm another account that the same administrator brought in. So one
-- colleague's careless confirmation of one such account gives the
-- administrator one deciding account, never a second one to approve
-- four-eyes cases with. Confirmations made before this migration stand.

-- arsflow_sponsors: the administrators whose invitations brought uid in,
-- directly or through administrators they invited.
CREATE FUNCTION arsflow_sponsors(uid bigint) RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up(id) AS (
        SELECT granted_by FROM role_grants WHERE user_id = uid AND granted_by IS NOT NULL
        UNION
        SELECT g.granted_by FROM role_grants g JOIN up ON g.user_id = up.id WHERE g.granted_by IS NOT NULL)
    SELECT id FROM up
$$;

CREATE OR REPLACE FUNCTION arsflow_confirm_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g role_grants;
BEGIN
    SELECT * INTO g FROM role_grants WHERE id = NEW.grant_id;
    IF g.role <> 'handlaggare' OR g.source <> 'invitation' THEN
        RAISE EXCEPTION 'only an invited handläggare is confirmed';
    END IF;
    IF NEW.confirmed_by = g.user_id OR NEW.confirmed_by = g.granted_by OR NOT arsflow_may_decide(NEW.confirmed_by) THEN
        RAISE EXCEPTION 'a grant is confirmed by another handläggare, not by the user or the administrator who invited';
    END IF;
    IF EXISTS (SELECT 1 FROM arsflow_sponsors(NEW.confirmed_by) a(id) JOIN arsflow_sponsors(g.user_id) b(id) ON a.id = b.id) THEN
        RAISE EXCEPTION 'user % was brought in by an administrator who also brought in user %, and does not confirm them',
            NEW.confirmed_by, g.user_id;
    END IF;
    RETURN NEW;
END $$;
