// Package queue moves work between arsflow's stages over NATS JetStream.
//
// A stage never publishes directly: it calls Enqueue inside the database
// transaction that records its result, which writes the message to the outbox
// table. The Relay publishes outbox rows to JetStream with the envelope's
// message id, so a crash between commit and publish loses nothing and a
// repeated publish is dropped. Each stage has a durable pull consumer; the
// Worker acks a message only after the stage's transaction committed, naks
// with a growing delay on transient faults, terminates poison messages, and
// after the last allowed delivery keeps a dead letter and marks the item failed
// with its reason. A delivery claims its item (an owner and a heartbeat), so a
// second delivery of a running item never runs beside it, and the Relay's
// reconciler publishes an item again only when its message is really gone
// from the stream. Package queue owns the outbox, work_items and dead_letters
// tables. StartServer starts the embedded nats-server used by `arsflow serve`,
// and StoreGuard restarts its JetStream once a full or read-only store takes
// writes again. Metrics and StateCollector are the pipeline's Prometheus
// metrics.
package queue
