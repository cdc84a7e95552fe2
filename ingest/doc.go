// Package ingest receives administrators' uploads of annual documents
// (årshandlingar): many PDFs, or zips with one folder per association.
//
// Every file is checked by content (only real PDFs are accepted), against
// size limits, and, inside zips, against zip bombs, path traversal, symlinks,
// encryption and nested archives. Originals are stored in PostgreSQL with their
// sha256, so the same bytes uploaded again are recognised and not processed
// twice. A rejected file is kept and marked with a reason in Swedish; an
// accepted file is handed to the extract stage through the queue's outbox in
// the same transaction that stores it.
//
// The package serves the upload and progress HTTP API (Routes, Handler) and
// holds the client that `arsflow ingest` uses (Client). It owns the batches,
// documents and batch_items tables.
package ingest
