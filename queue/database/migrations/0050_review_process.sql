-- Owner: package review. The history of the automated process that the public
-- notice (/om-ai) describes: one row each time the summary backends, their
-- models, where they run or the prompt version change. The process that runs
-- the summarize stage writes a row at start-up when its configuration differs
-- from the newest row, so "last changed" moves by itself. Rows are never
-- changed or removed.
CREATE TABLE process_changes (
    id              bigserial   PRIMARY KEY,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    fingerprint     text        NOT NULL,   -- canonical form of default_backend and backends
    default_backend text        NOT NULL,
    backends        jsonb       NOT NULL    -- [{name, version, model, location, prompt_version}]
);
CREATE TRIGGER process_changes_append_only BEFORE UPDATE OR DELETE ON process_changes
    FOR EACH ROW EXECUTE FUNCTION arsflow_append_only();
