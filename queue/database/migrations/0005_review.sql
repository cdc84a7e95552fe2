-- Owner: package review (accounts: package review/account).

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    display_name  text        NOT NULL DEFAULT '',
    password_hash text        NOT NULL,          -- bcrypt
    role          text        NOT NULL CHECK (role IN ('administrator', 'handlaggare')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz
);

CREATE TABLE sessions (
    token_hash  bytea       PRIMARY KEY,         -- sha256 of the cookie value
    user_id     bigint      NOT NULL REFERENCES users (id),
    csrf_token  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);

CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id),
    name         text        NOT NULL DEFAULT '',
    token_hash   bytea       NOT NULL UNIQUE,    -- sha256 of the token
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- review_items: the review queue, one row per case.
CREATE TABLE review_items (
    case_id     bigint      PRIMARY KEY REFERENCES cases (id),
    summary_id  bigint      NOT NULL REFERENCES summaries (id),
    status      text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    entered_at  timestamptz NOT NULL DEFAULT now(),
    opened_at   timestamptz,                     -- first opened by a handläggare (time saved KPI)
    decided_at  timestamptz,
    decided_by  bigint      REFERENCES users (id),
    reason      text,
    CHECK (status = 'pending' OR (decided_at IS NOT NULL AND decided_by IS NOT NULL))
);

-- decisions: append-only log of every human decision.
CREATE TABLE decisions (
    id          bigserial PRIMARY KEY,
    case_id     bigint      NOT NULL REFERENCES cases (id),
    summary_id  bigint      NOT NULL REFERENCES summaries (id),
    user_id     bigint      NOT NULL REFERENCES users (id),
    decision    text        NOT NULL CHECK (decision IN ('approve', 'reject')),
    reason      text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_case ON decisions (case_id);

-- corrections: a handläggare's value next to the machine's, for error rates
-- per field and per backend.
CREATE TABLE corrections (
    id              bigserial PRIMARY KEY,
    case_id         bigint      NOT NULL REFERENCES cases (id),
    summary_id      bigint      REFERENCES summaries (id),
    field_key       text        NOT NULL,
    machine_value   jsonb,
    corrected_value jsonb,
    backend         text        NOT NULL DEFAULT '',
    user_id         bigint      NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX corrections_case ON corrections (case_id);

-- audit_log: append-only record of every view and action. No personal data in detail.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    user_id     bigint      REFERENCES users (id),
    actor       text        NOT NULL,            -- username, or 'system'
    action      text        NOT NULL,            -- 'case.view', 'case.approve', ...
    object_type text        NOT NULL DEFAULT '',
    object_id   bigint,
    detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

-- Append-only tables refuse UPDATE and DELETE.
CREATE FUNCTION arsflow_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION arsflow_append_only();
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION arsflow_append_only();
CREATE TRIGGER corrections_append_only BEFORE UPDATE OR DELETE ON corrections
    FOR EACH ROW EXECUTE FUNCTION arsflow_append_only();

-- Human control, enforced by the database: a review item can only become
-- approved or rejected when a decision by a handläggare for that case and that
-- summary, by the same user, is already logged.
CREATE FUNCTION arsflow_require_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> 'pending' AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.summary_id <> NEW.summary_id) THEN
        IF NOT EXISTS (
            SELECT 1 FROM decisions d JOIN users u ON u.id = d.user_id
            WHERE d.case_id = NEW.case_id AND d.summary_id = NEW.summary_id
              AND d.user_id = NEW.decided_by AND u.role = 'handlaggare'
              AND d.decision = CASE NEW.status WHEN 'approved' THEN 'approve' ELSE 'reject' END
        ) THEN
            RAISE EXCEPTION 'review item % cannot become % without a logged decision by a handläggare', NEW.case_id, NEW.status;
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER review_items_require_decision BEFORE INSERT OR UPDATE ON review_items
    FOR EACH ROW EXECUTE FUNCTION arsflow_require_decision();
