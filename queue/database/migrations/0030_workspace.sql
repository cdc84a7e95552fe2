-- Owner: package review, except case_holds (package review/hold). The
-- handläggare's workspace: what an approval covers, claims, four eyes, edits
-- with reasons, verdicts on flags, and the queue's read model.

-- What an approval covers: the hash of the exact values the handläggare was
-- shown (summary, edited text, effective fields, the association's identity)
-- and that identity itself, so that the export serves what was approved.
ALTER TABLE decisions ADD COLUMN values_hash      text NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN association_name text;
ALTER TABLE decisions ADD COLUMN org_number       text;
ALTER TABLE decisions ADD COLUMN fiscal_year      int;
ALTER TABLE decisions ADD COLUMN summary_body     text;
-- One approval per person of the same summary and values: a person can
-- never count twice, however many sessions race.
CREATE UNIQUE INDEX decisions_one_approval_each
    ON decisions (case_id, summary_id, values_hash, user_id) WHERE decision = 'approve';

-- Every edit carries its reason. field_key 'summary_text' is an edit of the
-- summary's text (machine_value and corrected_value are the two texts).
ALTER TABLE corrections ADD COLUMN reason text NOT NULL DEFAULT '';

-- The queue's read model, refreshed when a summary enters review, so that the
-- queue stays fast at 100 000 cases; four_eyes is set for cases with
-- error-level checks while the setting is on.
ALTER TABLE review_items
    ADD COLUMN four_eyes        boolean  NOT NULL DEFAULT false,
    ADD COLUMN association_name text     NOT NULL DEFAULT '',
    ADD COLUMN org_number       text     NOT NULL DEFAULT '',
    ADD COLUMN fiscal_year      int      NOT NULL DEFAULT 0,
    ADD COLUMN search           text     NOT NULL DEFAULT '',  -- lower-case name and org number
    ADD COLUMN check_codes      text[]   NOT NULL DEFAULT '{}',
    ADD COLUMN check_errors     int      NOT NULL DEFAULT 0,
    ADD COLUMN check_warnings   int      NOT NULL DEFAULT 0,
    ADD COLUMN flag_count       int      NOT NULL DEFAULT 0,
    ADD COLUMN low_confidence   boolean  NOT NULL DEFAULT false,
    ADD COLUMN batch_ids        bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN has_documents    boolean  NOT NULL DEFAULT true,
    ADD COLUMN backend          text     NOT NULL DEFAULT '',
    ADD COLUMN prompt_version   text     NOT NULL DEFAULT '';
CREATE INDEX review_items_queue ON review_items (status, entered_at, case_id);
CREATE INDEX review_items_decided ON review_items (status, decided_at DESC, case_id);
CREATE INDEX review_items_codes ON review_items USING gin (check_codes);
CREATE INDEX review_items_batches ON review_items USING gin (batch_ids);
CREATE INDEX review_items_low ON review_items (status, entered_at, case_id) WHERE low_confidence;
CREATE INDEX review_items_errors ON review_items (status, entered_at, case_id) WHERE check_errors > 0;
CREATE INDEX review_items_flagged ON review_items (status, entered_at, case_id) WHERE flag_count > 0;
CREATE INDEX review_items_all ON review_items (entered_at, case_id);
CREATE INDEX review_items_counts ON review_items (status) WHERE has_documents;
-- Search by part of a name or org number (pg_trgm is a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX review_items_search ON review_items USING gin (search gin_trgm_ops);

-- case_claims: who works on a case. At most one open claim per case (the
-- lock); a claim expires, and is released, decided, or taken over with a
-- logged reason. Claim rows are kept: they measure time actively in review.
CREATE TABLE case_claims (
    id             bigserial PRIMARY KEY,
    case_id        bigint      NOT NULL REFERENCES cases (id),
    user_id        bigint      NOT NULL REFERENCES users (id),
    claimed_at     timestamptz NOT NULL DEFAULT now(),
    last_active_at timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    released_at    timestamptz,
    reason         text,      -- why a handläggare took the case over
    release_reason text CHECK (release_reason IN ('released', 'decided', 'expired', 'taken_over'))
);
CREATE UNIQUE INDEX case_claims_open ON case_claims (case_id) WHERE released_at IS NULL;
CREATE INDEX case_claims_user ON case_claims (user_id) WHERE released_at IS NULL;

-- flag_verdicts: a handläggare confirms or dismisses a check or flag.
CREATE TABLE flag_verdicts (
    id         bigserial PRIMARY KEY,
    case_id    bigint      NOT NULL REFERENCES cases (id),
    summary_id bigint      NOT NULL REFERENCES summaries (id),
    flag_key   text        NOT NULL,   -- 'check:CODE' or 'flag:CODE:N'
    verdict    text        NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
    user_id    bigint      NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX flag_verdicts_case ON flag_verdicts (case_id);
CREATE TRIGGER flag_verdicts_append_only BEFORE UPDATE OR DELETE ON flag_verdicts
    FOR EACH ROW EXECUTE FUNCTION arsflow_append_only();
CREATE INDEX audit_log_at ON audit_log (at);

-- Four eyes, enforced by the database: a four-eyes case becomes approved
-- only when two different handläggare approved the same summary and values,
-- and the flag cannot be switched off once a first approval is logged.
CREATE FUNCTION arsflow_four_eyes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    seen text;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.four_eyes AND NOT NEW.four_eyes AND EXISTS (
           SELECT 1 FROM decisions d WHERE d.case_id = NEW.case_id AND d.summary_id = NEW.summary_id AND d.decision = 'approve') THEN
        RAISE EXCEPTION 'review item %: four eyes cannot be switched off', NEW.case_id;
    END IF;
    IF NEW.status = 'approved' AND NEW.four_eyes
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.summary_id <> NEW.summary_id) THEN
        SELECT d.values_hash INTO seen FROM decisions d
         WHERE d.case_id = NEW.case_id AND d.summary_id = NEW.summary_id
           AND d.user_id = NEW.decided_by AND d.decision = 'approve'
         ORDER BY d.id DESC LIMIT 1;
        IF (SELECT count(DISTINCT d.user_id) FROM decisions d JOIN users u ON u.id = d.user_id
             WHERE d.case_id = NEW.case_id AND d.summary_id = NEW.summary_id AND d.decision = 'approve'
               AND d.values_hash = seen AND u.role = 'handlaggare') < 2 THEN
            RAISE EXCEPTION 'review item % needs the approval of two different handläggare', NEW.case_id;
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER review_items_four_eyes BEFORE INSERT OR UPDATE ON review_items
    FOR EACH ROW EXECUTE FUNCTION arsflow_four_eyes();

-- case_holds: a document that would join a case of another batch, or reopen
-- a decided case, waits for a person to confirm.
CREATE TABLE case_holds (
    id          bigserial PRIMARY KEY,
    document_id bigint      NOT NULL REFERENCES documents (id),
    case_id     bigint      NOT NULL REFERENCES cases (id),
    reason      text        NOT NULL CHECK (reason IN ('other_batch', 'decided')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    resolved_by bigint      REFERENCES users (id),
    resolution  text        CHECK (resolution IN ('attach', 'separate')),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE UNIQUE INDEX case_holds_open ON case_holds (document_id, case_id) WHERE resolved_at IS NULL;

-- Fill the read model of cases already in review.
UPDATE review_items r SET
    association_name = c.association_name, org_number = c.org_number, fiscal_year = c.fiscal_year,
    search = lower(c.association_name || ' ' || c.org_number),
    backend = (SELECT sm.backend FROM summaries sm WHERE sm.id = r.summary_id),
    prompt_version = (SELECT sm.prompt_version FROM summaries sm WHERE sm.id = r.summary_id)
  FROM cases c WHERE c.id = r.case_id;
