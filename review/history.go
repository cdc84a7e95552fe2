package review

import (
	"context"
	"fmt"
	"time"
)

// HistoryEntry is one entry of a case's audit log.
type HistoryEntry struct {
	At     time.Time
	Actor  string
	Action string
	Detail string // Swedish, from ids and keys only
}

// ActionLabel is the action in Swedish.
func (h HistoryEntry) ActionLabel() string { return actionLabel(h.Action) }

var actionLabels = map[string]string{
	ActionCaseView: "öppnade ärendet", ActionCaseApprove: "godkände", ActionCaseApproveFirst: "godkände (första av två)",
	ActionCaseReject: "avvisade", ActionCaseCorrect: "rättade", ActionCaseEditSummary: "ändrade sammandraget",
	ActionCaseResummarize: "begärde ny sammanfattning", ActionCaseClaim: "tog ärendet", ActionCaseRelease: "släppte ärendet",
	ActionCaseTakeOver: "tog över ärendet", ActionFlagVerdict: "bedömde en anmärkning", ActionReviewEnter: "ärendet kom till granskning",
	ActionReviewUpdate: "nytt sammandrag", ActionReviewReopen: "ärendet öppnades igen", ActionHoldResolve: "beslutade om en ny handling",
	ActionDocumentView: "öppnade originalet", ActionPageView: "visade en sida", ActionExport: "exporterade",
	ActionQueueView: "visade kön", ActionKPIView: "visade nyckeltal", ActionAuditExport: "exporterade loggen",
	ActionAuditView: "visade loggen", ActionBatchUpload: "läste in en batch", ActionDocumentRetry: "körde ett dokument igen",
	ActionSignIn: "loggade in", ActionSignInFailed: "misslyckad inloggning", ActionSignOut: "loggade ut",
	ActionUserCreate: "skapade användare", ActionUserDisable: "inaktiverade användare", ActionUserEnable: "aktiverade användare",
	ActionTokenCreate: "skapade API-nyckel", ActionTokenRevoke: "återkallade API-nyckel", ActionBatchesView: "visade inläsningen",
	ActionGrantsView: "visade behörigheterna", ActionInvitationCreate: "bjöd in en användare",
	ActionInvitationRevoke: "drog tillbaka en inbjudan", ActionInvitationComplete: "tog emot inbjudan",
	ActionRoleConfirm: "bekräftade en handläggare", ActionCaseNotice: "hämtade meddelandet till föreningen",
	ActionRetentionOriginal: "raderade originalet (gallring)", ActionRetentionPersonalData: "raderade personuppgifter (gallring)",
}

// objectLabels name in Swedish what an audit entry is about.
var objectLabels = map[string]string{
	"case": "ärende", "document": "dokument", "batch": "batch", "batches": "inläsningen", "user": "användare",
	"queue": "kön", "export": "exporten", "kpi": "nyckeltalen", "audit": "loggen", "role_grants": "behörigheterna",
	"role_grant": "behörighet", "invitation": "inbjudan", "api_token": "API-nyckel",
}

func actionLabel(a string) string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return a
}

// caseHistory returns the audit log of caseID, newest first, with repeated
// views folded away (the last 200 entries).
func (s *Service) caseHistory(ctx context.Context, caseID int64) ([]HistoryEntry, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT at, actor, action, coalesce(detail->>'field', ''), coalesce(detail->>'verdict', '')
		  FROM audit_log WHERE object_type = 'case' AND object_id = $1
		 ORDER BY id DESC LIMIT 200`, caseID)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		var field, verdict string
		if err := rows.Scan(&h.At, &h.Actor, &h.Action, &field, &verdict); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		switch {
		case field != "":
			h.Detail = fieldDefFor(field).Label
		case verdict != "":
			h.Detail = map[string]string{"confirmed": "bekräftad", "dismissed": "avfärdad"}[verdict]
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
