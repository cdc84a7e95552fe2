// Package casefile is the vocabulary of a case as extraction leaves it and
// every later stage reads it: field keys with their Swedish names and kinds,
// document types, check codes, the Case, Document, Field, Candidate and
// Check types, the page text they point into, the one Swedish number parser
// and formatter, the finders of personal data and of instructions aimed at an
// AI system, and reading a stored case from the database.
//
// It links no PDF parser: the web layer and the summariser depend on this
// package, not on package extract.
package casefile
