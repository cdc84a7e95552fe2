-- Owner: package summarize. A summary is the same summary only with the same
-- backend version (model and prompt) and the same fallback state: a re-run
-- with a new model, or a deliberate rule-based run after an AI fallback, is
-- a new version.
ALTER TABLE summaries DROP CONSTRAINT summaries_case_id_backend_input_hash_key;
CREATE UNIQUE INDEX summaries_identity ON summaries (case_id, backend, backend_version, fallback, input_hash);
