package review

import (
	"errors"

	"arsflow/review/account"
)

// scopeLabel is the Swedish name of an API token scope.
func scopeLabel(scope string) string {
	switch scope {
	case account.ScopeIngest:
		return "Inläsning"
	case account.ScopeExport:
		return "Export"
	case account.ScopeRead:
		return "Läsning"
	}
	return scope
}

// roleLabel is the Swedish name of a role.
func roleLabel(role string) string {
	switch role {
	case account.RoleAdministrator:
		return "Administratör"
	case account.RoleHandlaggare:
		return "Handläggare"
	}
	return role
}

// sourceLabel says in Swedish who granted a role.
func sourceLabel(source string) string {
	switch source {
	case account.SourceOperator:
		return "driftansvarig (vid installation)"
	case account.SourceInvitation:
		return "inbjudan"
	case account.SourceOIDC:
		return "kommunens inloggningstjänst"
	}
	return source
}

// errorsIsForbidden reports whether err is a refusal by the separation of
// duties.
func errorsIsForbidden(err error) bool { return errors.Is(err, account.ErrForbidden) }
