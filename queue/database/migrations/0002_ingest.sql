-- Owner: package ingest. Batches and the original files, kept as received.

CREATE TABLE batches (
    id          bigserial PRIMARY KEY,
    created_by  bigint,                  -- users.id of the uploader
    source      text        NOT NULL,    -- 'web', 'api', 'cli', 'demo'
    label       text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- documents holds every distinct file, identified by its sha256. A file that
-- failed validation is kept too (within the size limit), marked with its reason.
CREATE TABLE documents (
    id              bigserial PRIMARY KEY,
    batch_id        bigint      NOT NULL REFERENCES batches (id),
    filename        text        NOT NULL,
    folder          text        NOT NULL DEFAULT '',   -- association folder in a zip
    sha256          bytea       NOT NULL UNIQUE,
    size_bytes      bigint      NOT NULL,
    content         bytea,                             -- NULL only when over the size limit
    content_type    text        NOT NULL DEFAULT 'application/pdf',
    rejected_reason text,                              -- Swedish, shown to administrators
    attempt         int         NOT NULL DEFAULT 1,    -- raised by a retry
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_batch ON documents (batch_id);
-- PDFs are compressed already: store originals out of line without trying
-- to compress them again.
ALTER TABLE documents ALTER COLUMN content SET STORAGE EXTERNAL;

-- batch_items records what happened to every file of an upload, including
-- duplicates of earlier files and rejections.
CREATE TABLE batch_items (
    id          bigserial PRIMARY KEY,
    batch_id    bigint      NOT NULL REFERENCES batches (id),
    filename    text        NOT NULL,
    folder      text        NOT NULL DEFAULT '',
    document_id bigint      REFERENCES documents (id),
    outcome     text        NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'rejected')),
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX batch_items_batch ON batch_items (batch_id);
