-- Owner: package review. The figures' read model (review/figures.go,
-- review/kpi.go), kept in review_items beside the queue's, so that the KPI
-- page and the public notice read one row per case, most of it from an
-- index, instead of joining every document, claim and correction and
-- unpacking every approval's field snapshot:
--   arrived_at       when the case's first document arrived (when it entered
--                    review, for a case without documents); set when a
--                    summary enters review;
--   decision_seconds from arrived_at to the decision,
--   active_seconds   the time handläggare held the case (its claims), and
--   corrected        whether its summary was corrected or edited, all as at
--                    its decision;
--   fields_machine   the fields the machine gave a value, as the approval
--                    that made the case approved recorded them;
--   fields_changed   of those, the ones the handläggare changed;
--   fields_added     the fields without a machine value that the
--                    handläggare filled in.
-- The decision's columns are written with the decision and read only while
-- the case is decided (the field lists: approved).
ALTER TABLE review_items
    ADD COLUMN arrived_at       timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN decision_seconds float8,
    ADD COLUMN active_seconds   float8,
    ADD COLUMN corrected        boolean NOT NULL DEFAULT false,
    ADD COLUMN fields_machine   text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN fields_changed   text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN fields_added     text[]  NOT NULL DEFAULT '{}';
-- Cases arrived per week; percentiles read in order from an index.
CREATE INDEX review_items_arrived ON review_items (arrived_at);
CREATE INDEX review_items_decision_seconds ON review_items (decision_seconds) WHERE status <> 'pending';
CREATE INDEX review_items_active_seconds ON review_items (active_seconds) WHERE status <> 'pending';
CREATE INDEX review_items_backends ON review_items (backend, prompt_version) INCLUDE (corrected) WHERE status <> 'pending';
-- A case's claims, summed at its decision.
CREATE INDEX case_claims_case ON case_claims (case_id);

-- review_field_figures: the three field lists summed over the approved
-- cases, kept by statement triggers whenever cases become approved, stop
-- being approved or their lists change, so that the figures per field are
-- one row each: one change of the sums per statement, in key order. (The
-- lists filled in below reach it through the trigger.)
CREATE TABLE review_field_figures (
    key            text   PRIMARY KEY,
    machine_values bigint NOT NULL DEFAULT 0,
    changed        bigint NOT NULL DEFAULT 0,
    added          bigint NOT NULL DEFAULT 0
);
CREATE FUNCTION arsflow_field_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d jsonb; -- [sign, fields_machine, fields_changed, fields_added] of each approved row, new and old
BEGIN
    SELECT coalesce(jsonb_agg(jsonb_build_array(1, fields_machine, fields_changed, fields_added)), '[]')
      INTO d FROM new_rows WHERE status = 'approved';
    IF TG_OP = 'UPDATE' THEN
        SELECT d || coalesce(jsonb_agg(jsonb_build_array(-1, fields_machine, fields_changed, fields_added)), '[]')
          INTO d FROM old_rows WHERE status = 'approved';
    END IF;
    INSERT INTO review_field_figures AS f (key, machine_values, changed, added)
    SELECT key, sum(m), sum(c), sum(a)
      FROM jsonb_array_elements(d) e(x),
           LATERAL (SELECT k, (x->>0)::int, 0, 0 FROM jsonb_array_elements_text(x->1) k
                    UNION ALL SELECT k, 0, (x->>0)::int, 0 FROM jsonb_array_elements_text(x->2) k
                    UNION ALL SELECT k, 0, 0, (x->>0)::int FROM jsonb_array_elements_text(x->3) k) s(key, m, c, a)
     GROUP BY key
    HAVING sum(m) <> 0 OR sum(c) <> 0 OR sum(a) <> 0
     ORDER BY key
    ON CONFLICT (key) DO UPDATE SET machine_values = f.machine_values + excluded.machine_values,
                                    changed = f.changed + excluded.changed, added = f.added + excluded.added;
    RETURN NULL;
END $$;
CREATE TRIGGER review_items_field_figures_insert AFTER INSERT ON review_items
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION arsflow_field_figures();
CREATE TRIGGER review_items_field_figures_update AFTER UPDATE ON review_items
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION arsflow_field_figures();

-- Summaries handled: decisions counted once per case, summary and kind
-- (read from the index alone), and those sent back, from the audit log.
CREATE INDEX decisions_handled ON decisions (case_id, summary_id, decision);
DROP INDEX decisions_case;
CREATE INDEX audit_log_sent_back ON audit_log (object_id) WHERE action = 'case.resummarize';

UPDATE review_items r SET arrived_at = coalesce(
    (SELECT min(d.created_at) FROM document_extractions de JOIN documents d ON d.id = de.document_id
      WHERE de.case_id = r.case_id), r.entered_at);

UPDATE review_items r SET
    decision_seconds = date_part('epoch', r.decided_at - r.arrived_at),
    active_seconds = (SELECT sum(date_part('epoch', k.last_active_at - k.claimed_at)) FROM case_claims k WHERE k.case_id = r.case_id),
    corrected = EXISTS (SELECT 1 FROM corrections c WHERE c.case_id = r.case_id AND c.summary_id = r.summary_id)
 WHERE r.status <> 'pending';

UPDATE review_items r SET
    fields_machine = coalesce(x.machine, '{}'), fields_changed = coalesce(x.changed, '{}'), fields_added = coalesce(x.added, '{}')
  FROM (SELECT case_id,
               array_agg(key ORDER BY key) FILTER (WHERE machine IS NOT NULL) AS machine,
               array_agg(key ORDER BY key) FILTER (WHERE machine IS NOT NULL AND corrected AND value IS DISTINCT FROM machine) AS changed,
               array_agg(key ORDER BY key) FILTER (WHERE machine IS NULL AND corrected AND value IS NOT NULL) AS added
          FROM (SELECT r.case_id, e.key, c.corrected, nullif(e.v->'value', 'null') AS value,
                       CASE WHEN c.corrected THEN nullif(e.v->'machine_value', 'null') ELSE nullif(e.v->'value', 'null') END AS machine
                  FROM review_items r
                 CROSS JOIN LATERAL (SELECT fields FROM decisions dd
                                      WHERE dd.case_id = r.case_id AND dd.summary_id = r.summary_id AND dd.decision = 'approve'
                                      ORDER BY dd.id DESC LIMIT 1) d
                 CROSS JOIN LATERAL jsonb_each(d.fields) AS e(key, v)
                 CROSS JOIN LATERAL (SELECT coalesce((e.v->>'corrected')::boolean, false) AS corrected) c
                 WHERE r.status = 'approved' AND jsonb_typeof(d.fields) = 'object') f
         GROUP BY case_id) x
 WHERE x.case_id = r.case_id;

