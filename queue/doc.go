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
// with its reason. Package queue owns the outbox, work_items and dead_letters
// tables. Server starts the embedded nats-server used by `arsflow serve`.
package queue
