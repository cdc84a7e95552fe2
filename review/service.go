package review

import "arsflow/queue/database"

// Service is the review queue and its decisions, corrections, export and
// read models, on PostgreSQL.
type Service struct {
	db *database.DB
}

// New returns a Service on db.
func New(db *database.DB) *Service { return &Service{db: db} }
