// Package worker is the pipeline's extract stage: it reads each uploaded
// document (package extract) as a queue message arrives, stores the
// reading, and when an upload group is complete forms its cases, keeps out
// the documents a person must place first (package review/hold), and asks
// for the cases' summaries. Package extract itself uses neither the
// database nor the queue, so the command-line reader (cmd/arsflow-extract)
// links no server code.
package worker
