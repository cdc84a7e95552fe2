package review

import (
	"context"
	"fmt"
	"regexp"
	"sync"

	"github.com/jackc/pgx/v5"

	"arsflow/review/account"
)

var flagKeyRE = lazyRegexp(`^(check:[a-z_]{1,64}|flag:[a-z_]{1,64}:[0-9]{1,4})$`)

// SetVerdict records that a handläggare confirmed ("confirmed") or
// dismissed ("dismissed") a check or flag of a pending case; it counts in
// the share of flags confirmed.
func (s *Service) SetVerdict(ctx context.Context, u *account.User, caseID int64, flagKey, verdict string) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.SetVerdict: %w", err)
	}
	if !flagKeyRE().MatchString(flagKey) || (verdict != "confirmed" && verdict != "dismissed") {
		return userError(ErrInvalid, "Okänd anmärkning eller bedömning.")
	}
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		summaryID, _, err := s.lockForEdit(ctx, tx, u, caseID)
		if err != nil {
			return err
		}
		// Only a check or flag the case shows: the verdicts are a measure.
		var exists bool
		if err := tx.QueryRow(ctx, `
			SELECT CASE split_part($3, ':', 1)
			         WHEN 'check' THEN EXISTS (SELECT 1 FROM case_checks WHERE case_id = $1 AND code = split_part($3, ':', 2))
			         ELSE coalesce((SELECT flags -> split_part($3, ':', 3)::int ->> 'code' = split_part($3, ':', 2)
			                          FROM summaries WHERE id = $2 AND jsonb_typeof(flags) = 'array'), false)
			       END`, caseID, summaryID, flagKey).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return userError(ErrInvalid, "Ärendet har ingen sådan anmärkning.")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO flag_verdicts (case_id, summary_id, flag_key, verdict, user_id) VALUES ($1, $2, $3, $4, $5)`,
			caseID, summaryID, flagKey, verdict, u.ID); err != nil {
			return err
		}
		return writeAudit(ctx, tx, u, ActionFlagVerdict, "case", caseID, map[string]any{"flag": flagKey, "verdict": verdict})
	})
	if err != nil {
		return fmt.Errorf("review.SetVerdict case %d: %w", caseID, err)
	}
	return nil
}

// caseVerdicts returns the latest verdict per flag key of the case's
// current summary.
func (s *Service) caseVerdicts(ctx context.Context, caseID, summaryID int64) (map[string]string, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT DISTINCT ON (flag_key) flag_key, verdict FROM flag_verdicts
		 WHERE case_id = $1 AND summary_id = $2 ORDER BY flag_key, id DESC`, caseID, summaryID)
	if err != nil {
		return nil, fmt.Errorf("verdicts: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("verdicts: %w", err)
		}
		out[k] = v
	}
	return out, rows.Err()
}

// lazyRegexp compiles a regular expression the first time it is used, so
// that a process that never needs it does not pay for it at start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
