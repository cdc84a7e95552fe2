-- Owner: package extract. Retention: when the personal data in the machine's
-- results (page text, quotes, names of persons, check messages) was deleted.
-- A case decided again after that is due again (deleted_at < decided_at).
ALTER TABLE cases ADD COLUMN personal_data_deleted_at timestamptz;
ALTER TABLE document_extractions ADD COLUMN personal_data_deleted_at timestamptz;
