package account

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/jackc/pgx/v5"
	"golang.org/x/oauth2"
)

// OIDCConfig configures sign-in through the municipality's identity
// provider (Entra ID, Keycloak or any conformant OpenID Connect provider).
// Roles come from the provider: RoleClaim names the claim that lists a
// user's groups or roles (a dotted path reaches a nested claim, as
// Keycloak's "realm_access.roles"); a user with one of AdminValues is an
// administrator, with one of HandlaggareValues a handläggare. A user with
// both is refused: nobody both grants the handläggare role and uses it.
type OIDCConfig struct {
	Issuer            string
	ClientID          string
	ClientSecret      string
	RedirectURL       string // e.g. https://arsflow.example.se/logga-in/oidc/tillbaka
	Scopes            []string
	RoleClaim         string // default "groups"
	UsernameClaim     string // default "preferred_username", then "email"
	AdminValues       []string
	HandlaggareValues []string
}

// OIDC signs users in through an OpenID Connect provider: the
// authorization code flow with PKCE, a state and a nonce.
type OIDC struct {
	cfg      OIDCConfig
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// NewOIDC discovers the provider at cfg.Issuer.
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, fmt.Errorf("account.NewOIDC: %w: issuer, client id and redirect URL are required", ErrInvalid)
	}
	if len(cfg.AdminValues) == 0 && len(cfg.HandlaggareValues) == 0 {
		return nil, fmt.Errorf("account.NewOIDC: %w: no group or role value maps to a role", ErrInvalid)
	}
	if cfg.RoleClaim == "" {
		cfg.RoleClaim = "groups"
	}
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = []string{"profile", "email"}
	}
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("account.NewOIDC: %w", err)
	}
	return &OIDC{
		cfg: cfg,
		oauth: oauth2.Config{
			ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, cfg.Scopes...),
		},
		verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
	}, nil
}

// OIDCState is what a browser keeps (in a cookie) between leaving for the
// provider and coming back.
type OIDCState struct {
	State, Nonce, Verifier string
}

// NewOIDCState returns fresh random values for one sign-in.
func NewOIDCState() OIDCState {
	return OIDCState{State: randomToken(24), Nonce: randomToken(24), Verifier: oauth2.GenerateVerifier()}
}

// AuthURL is where the browser goes to sign in.
func (o *OIDC) AuthURL(st OIDCState) string {
	return o.oauth.AuthCodeURL(st.State, oidc.Nonce(st.Nonce), oauth2.S256ChallengeOption(st.Verifier))
}

// Identity is a user as the provider vouches for them.
type Identity struct {
	Issuer, Subject string
	Username        string
	DisplayName     string
	Role            string // "" when the claims map to no role
	Conflict        bool   // the claims map to both roles
}

// Exchange trades the code for tokens, verifies the ID token (signature,
// issuer, audience, expiry, nonce) and maps its claims to an Identity.
func (o *OIDC) Exchange(ctx context.Context, code string, st OIDCState) (*Identity, error) {
	tok, err := o.oauth.Exchange(ctx, code, oauth2.VerifierOption(st.Verifier))
	if err != nil {
		return nil, fmt.Errorf("account.OIDC: exchange: %w", ErrUnauthenticated)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return nil, fmt.Errorf("account.OIDC: no id_token: %w", ErrUnauthenticated)
	}
	idt, err := o.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("account.OIDC: verify: %v: %w", err, ErrUnauthenticated)
	}
	if idt.Nonce == "" || idt.Nonce != st.Nonce {
		return nil, fmt.Errorf("account.OIDC: nonce: %w", ErrUnauthenticated)
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, fmt.Errorf("account.OIDC: claims: %w", ErrUnauthenticated)
	}
	return o.identity(idt.Issuer, idt.Subject, claims), nil
}

// identity maps claims to an Identity.
func (o *OIDC) identity(issuer, subject string, claims map[string]any) *Identity {
	id := &Identity{Issuer: issuer, Subject: subject}
	for _, k := range []string{o.cfg.UsernameClaim, "preferred_username", "email"} {
		if v, ok := claims[k].(string); ok && k != "" && v != "" {
			id.Username = v
			break
		}
	}
	if v, ok := claims["name"].(string); ok {
		id.DisplayName = v
	}
	values := claimValues(claims, o.cfg.RoleClaim)
	admin, handlaggare := anyOf(values, o.cfg.AdminValues), anyOf(values, o.cfg.HandlaggareValues)
	switch {
	case admin && handlaggare:
		id.Conflict = true
	case admin:
		id.Role = RoleAdministrator
	case handlaggare:
		id.Role = RoleHandlaggare
	}
	return id
}

// claimValues returns the strings of the claim at a dotted path.
func claimValues(claims map[string]any, path string) []string {
	var v any = claims
	for _, part := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[part]
	}
	switch x := v.(type) {
	case string:
		return strings.Fields(x)
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func anyOf(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}

var unsafeUsername = lazyRegexp(`[^a-z0-9._@-]+`)

// SignInOIDC returns the local user of a provider's identity, creating it
// at first sign-in and following the provider's role: a changed role is a
// new grant (source oidc), which ends the user's sessions and tokens. An
// identity with no role, or with both, is refused (ErrForbidden), as is a
// disabled user (ErrUnauthenticated).
func (s *Service) SignInOIDC(ctx context.Context, id *Identity) (*User, error) {
	if id.Conflict {
		return nil, fmt.Errorf("account.SignInOIDC: %w: the provider gives both roles", ErrForbidden)
	}
	if id.Role == "" {
		return nil, fmt.Errorf("account.SignInOIDC: %w: the provider gives no role", ErrForbidden)
	}
	var userID int64
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		var role string
		var disabled bool
		err := tx.QueryRow(ctx, `SELECT id, role, disabled_at IS NOT NULL FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE`,
			id.Issuer, id.Subject).Scan(&userID, &role, &disabled)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			name := unsafeUsername().ReplaceAllString(NormalizeUsername(id.Username), "-")
			if !usernameRE().MatchString(name) {
				name = "oidc-" + randomToken(6)
			}
			u, err := insertUser(ctx, tx, strings.ToLower(name), id.DisplayName, nil, id.Role, SourceOIDC, nil)
			if err != nil {
				return err
			}
			userID = u.ID
			_, err = tx.Exec(ctx, `UPDATE users SET oidc_issuer = $2, oidc_subject = $3 WHERE id = $1`, u.ID, id.Issuer, id.Subject)
			return err
		case err != nil:
			return err
		case disabled:
			return ErrUnauthenticated
		case role != id.Role:
			return grantRole(ctx, tx, userID, id.Role, SourceOIDC, nil)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("account.SignInOIDC: %w", err)
	}
	return s.UserByID(ctx, userID)
}
