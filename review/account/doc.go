// Package account keeps arsflow's local accounts: users with the roles
// administrator and handläggare, bcrypt password hashes, browser sessions with
// a per-session CSRF token, and revocable API tokens for scripts and the
// ingest CLI. Session cookies and API tokens are random; only their sha256 is
// stored.
package account
