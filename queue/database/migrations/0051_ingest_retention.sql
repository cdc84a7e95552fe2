-- Owner: package ingest. Retention: when the stored original of a document
-- was deleted because its retention period ran out (content is then NULL).
ALTER TABLE documents ADD COLUMN content_deleted_at timestamptz;
