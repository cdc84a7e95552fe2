// Package casefile is the vocabulary of a case as extraction leaves it and
// every later stage reads it: field keys with their Swedish names and kinds,
// document types, check codes, the Case, Document, Field, Candidate and
// Check types, the page text they point into, the one Swedish number parser
// and formatter, the finders of personal data and of instructions aimed at an
// AI system, and the stored form of a document's extraction.
//
// It links no PDF parser and no database driver: the reader, the web layer
// and the summariser all depend on it. Reading stored cases from the
// database is package extract/store.
package casefile
