package review

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID         int64
	At         time.Time
	Actor      string
	Action     string
	ObjectType string
	ObjectID   int64
	Detail     string // JSON: ids, counts, statuses and keys only
}

// ActionLabel is the action in Swedish.
func (a AuditEntry) ActionLabel() string { return actionLabel(a.Action) }

// ObjectLabel names in Swedish what the entry is about.
func (a AuditEntry) ObjectLabel() string {
	if l, ok := objectLabels[a.ObjectType]; ok {
		return l
	}
	return a.ObjectType
}

// AuditLog calls fn for every entry from from (inclusive) to to (exclusive),
// oldest first, or the newest limit entries newest first when limit > 0.
func (s *Service) AuditLog(ctx context.Context, from, to time.Time, limit int, fn func(AuditEntry) error) error {
	order := "id"
	if limit > 0 {
		order = "id DESC"
	} else {
		limit = 1 << 30
	}
	rows, err := s.db.Pool.Query(ctx, `
		SELECT id, at, actor, action, object_type, coalesce(object_id, 0), detail::text
		  FROM audit_log WHERE at >= $1 AND at < $2 ORDER BY `+order+` LIMIT $3`, from, to, limit)
	if err != nil {
		return fmt.Errorf("review.AuditLog: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a AuditEntry
		if err := rows.Scan(&a.ID, &a.At, &a.Actor, &a.Action, &a.ObjectType, &a.ObjectID, &a.Detail); err != nil {
			return fmt.Errorf("review.AuditLog: %w", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// auditCSV writes entries as CSV, streaming.
type auditCSV struct{ w *csv.Writer }

func newAuditCSV(w io.Writer) (*auditCSV, error) {
	c := &auditCSV{csv.NewWriter(w)}
	return c, c.w.Write([]string{"id", "at", "actor", "action", "object_type", "object_id", "detail"})
}

func (c *auditCSV) write(a AuditEntry) error {
	return c.w.Write([]string{strconv.FormatInt(a.ID, 10), a.At.UTC().Format(time.RFC3339Nano), csvSafe(a.Actor), a.Action,
		a.ObjectType, strconv.FormatInt(a.ObjectID, 10), a.Detail})
}

func (c *auditCSV) flush() error { c.w.Flush(); return c.w.Error() }
