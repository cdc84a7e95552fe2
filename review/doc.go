// Package review is where a person takes control of what the machine
// produced: the review queue in PostgreSQL, the handläggare's decisions and
// corrections, the append-only audit log, the export of approved cases only,
// and the server-rendered web UI in Swedish (sign-in, queue, case view,
// administration, and the public transparency notice).
//
// Nothing leaves through Export unless a handläggare approved it; the
// database enforces the same rule with a trigger on review_items.
package review
