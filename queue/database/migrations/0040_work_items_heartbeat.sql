-- Owner: package queue. Real staleness and one run at a time per item.

-- owner names the delivery that runs the item (a random id per delivery);
-- only that delivery may record progress or commit the result, so a second
-- delivery of a running item never runs beside it. heartbeat_at is renewed
-- while the item runs. stream_seq is the JetStream sequence of the item's
-- last published message: the reconciler publishes an item again only when
-- its heartbeat is stale and that message is no longer in the stream.
ALTER TABLE work_items
    ADD COLUMN owner        text,
    ADD COLUMN heartbeat_at timestamptz,
    ADD COLUMN stream_seq   bigint;

CREATE INDEX work_items_unfinished ON work_items (updated_at) WHERE status IN ('queued', 'running');
CREATE INDEX outbox_msg_id ON outbox (msg_id);
