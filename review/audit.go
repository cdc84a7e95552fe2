package review

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"

	"arsflow/review/account"
)

// Audit actions.
const (
	ActionQueueView          = "queue.view"
	ActionCaseView           = "case.view"
	ActionCaseApprove        = "case.approve"
	ActionCaseReject         = "case.reject"
	ActionCaseCorrect        = "case.correct"
	ActionCaseResummarize    = "case.resummarize"
	ActionDocumentView       = "document.view"
	ActionDocumentRetry      = "document.retry"
	ActionExport             = "export"
	ActionReviewEnter        = "review.enter"
	ActionReviewUpdate       = "review.summary_updated"
	ActionReviewReopen       = "review.reopened"
	ActionSignIn             = "session.create"
	ActionSignInFailed       = "session.failed"
	ActionSignOut            = "session.delete"
	ActionInvitationCreate   = "invitation.create"
	ActionInvitationRevoke   = "invitation.revoke"
	ActionInvitationComplete = "invitation.complete"
	ActionRoleConfirm        = "role.confirm"
	ActionGrantsView         = "role_grants.view"
	ActionUserDisable        = "user.disable"
	ActionUserEnable         = "user.enable"
	ActionTokenCreate        = "token.create"
	ActionTokenRevoke        = "token.revoke"
	ActionBatchUpload        = "batch.upload"
	ActionBatchesView        = "batches.view"
	ActionCaseApproveFirst   = "case.approve_first"
	ActionCaseClaim          = "case.claim"
	ActionCaseRelease        = "case.release"
	ActionCaseTakeOver       = "case.take_over"
	ActionCaseEditSummary    = "case.edit_summary"
	ActionFlagVerdict        = "case.flag_verdict"
	ActionPageView           = "document.page_view"
	ActionHoldResolve        = "hold.resolve"
	ActionKPIView            = "kpi.view"
	ActionAuditExport        = "audit.export"
	ActionAuditView          = "audit.view"
	ActionUserCreate         = "user.create"
)

// ActorSystem is the actor of entries the pipeline writes.
const ActorSystem = "system"

// execer is satisfied by pgx.Tx and *pgxpool.Pool.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// writeAudit appends one entry to audit_log. u nil means the system. detail
// must never carry personal data: ids, counts, statuses and field keys only.
func writeAudit(ctx context.Context, q execer, u *account.User, action, objectType string, objectID int64, detail map[string]any) error {
	if detail == nil {
		detail = map[string]any{}
	}
	b, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("review.audit: %w", err)
	}
	var userID *int64
	actor := ActorSystem
	if u != nil {
		userID, actor = &u.ID, u.Username
	}
	var obj *int64
	if objectID != 0 {
		obj = &objectID
	}
	if _, err := q.Exec(ctx,
		`INSERT INTO audit_log (user_id, actor, action, object_type, object_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
		userID, actor, action, objectType, obj, b); err != nil {
		return fmt.Errorf("review.audit %s: %w", action, err)
	}
	return nil
}

// Audit appends an entry to the audit log outside any transaction. u nil
// means the system. detail must carry no personal data.
func (s *Service) Audit(ctx context.Context, u *account.User, action, objectType string, objectID int64, detail map[string]any) error {
	return writeAudit(ctx, s.db.Pool, u, action, objectType, objectID, detail)
}
