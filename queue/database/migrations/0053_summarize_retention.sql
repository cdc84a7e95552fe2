-- Owner: package summarize. Retention: when the personal data in a summary was
-- replaced by placeholders. Such a summary is never served from the cache.
ALTER TABLE summaries ADD COLUMN personal_data_deleted_at timestamptz;
