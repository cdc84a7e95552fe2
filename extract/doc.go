// Package extract turns the documents of a case into fields with evidence and
// checks. Text comes from package extract/pdftext; fields are read with Swedish
// number and date rules; a case merges its documents' fields, keeps every
// candidate when documents disagree, and raises the checks a handläggare would.
//
// The same code serves `arsflow extract --json` (offline) and the pipeline's
// extract stage (package extract/worker), which owns the cases,
// document_extractions, pages, case_fields and case_checks tables. This
// package links no queue, no server and no database driver.
package extract
