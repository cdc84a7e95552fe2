-- Owner: package queue. Durable hand-off between the database and NATS.

-- outbox holds messages written in the same transaction as the state change
-- that caused them; the relay publishes them to JetStream with msg_id as the
-- Nats-Msg-Id, so a crash between commit and publish loses nothing and a
-- repeated publish is dropped by JetStream's duplicate window.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    subject      text        NOT NULL,
    msg_id       text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;

-- work_items is the pipeline state of one item (a document or a case) in one stage.
CREATE TABLE work_items (
    stage       text        NOT NULL,
    item_key    text        NOT NULL,          -- 'document:12' or 'case:4'
    batch_id    bigint,
    document_id bigint,
    case_id     bigint,
    msg_id      text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    deliveries  int         NOT NULL DEFAULT 0,  -- redeliveries are counted
    last_error  text,
    queued_at   timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stage, item_key)
);
CREATE INDEX work_items_document ON work_items (document_id);
CREATE INDEX work_items_case ON work_items (case_id);
CREATE INDEX work_items_batch ON work_items (batch_id);

-- dead_letters keeps every message that a stage gave up on.
CREATE TABLE dead_letters (
    id          bigserial PRIMARY KEY,
    stage       text        NOT NULL,
    subject     text        NOT NULL,
    msg_id      text        NOT NULL,
    payload     jsonb       NOT NULL,
    error       text        NOT NULL,
    deliveries  int         NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
