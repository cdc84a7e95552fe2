// Package summarize writes the uniform Swedish summary of a case through a
// pluggable Backend: a rule-based backend that needs no language model, and an
// OpenAI-compatible backend (github.com/sashabaranov/go-openai). Every summary
// records its backend, version and the hash of its input, and is grounded:
// every number, date, organisation number and name in it must be found in the
// source. The pipeline's summarize stage owns the summaries table.
package summarize
