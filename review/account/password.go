package account

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Password policy, counted in characters (runes), not bytes.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

//go:embed data/common-passwords.txt
var commonPasswordsFile []byte

// commonPasswords is the set of common passwords, read on first use so
// that a process that checks no password does not pay for it at start.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(commonPasswordsFile))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
})

// keyboardRuns are sequences a password must not be a piece of.
var keyboardRuns = []string{
	"qwertyuiopåasdfghjklöäzxcvbnm", "qwertzuiopasdfghjklyxcvbnm", "azertyuiopqsdfghjklmwxcvbn",
	"abcdefghijklmnopqrstuvwxyzåäö", "01234567890", "09876543210", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
}

// PasswordProblem returns a Swedish sentence saying
// why password is not accepted for username, or "" when it is.
func PasswordProblem(username, password string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password) || strings.ContainsRune(password, 0):
		return "Lösenordet innehåller ogiltiga tecken."
	case n < MinPasswordLength:
		return fmt.Sprintf("Lösenordet ska ha minst %d tecken.", MinPasswordLength)
	case n > MaxPasswordLength:
		return fmt.Sprintf("Lösenordet får ha högst %d tecken.", MaxPasswordLength)
	}
	lower := strings.ToLower(password)
	distinct := map[rune]bool{}
	for _, r := range lower {
		distinct[r] = true
	}
	if len(distinct) < 5 {
		return "Lösenordet har för få olika tecken."
	}
	if u := strings.ToLower(username); utf8.RuneCountInString(u) >= 3 && strings.Contains(lower, u) {
		return "Lösenordet får inte innehålla användarnamnet."
	}
	compact := strings.Join(strings.Fields(lower), "")
	core := strings.TrimFunc(compact, func(r rune) bool { return !unicode.IsLetter(r) })
	if commonPasswords()[compact] || commonPasswords()[core] || onlyCommonWords(compact) {
		return "Lösenordet är för vanligt. Välj en mening eller några ord som bara du känner till."
	}
	for _, run := range keyboardRuns {
		if strings.Contains(run, compact) || strings.Contains(reverse(run), compact) {
			return "Lösenordet är en följd av tangenter eller tecken. Välj något annat."
		}
	}
	if repeated(compact) {
		return "Lösenordet upprepar samma tecken. Välj något annat."
	}
	return ""
}

// onlyCommonWords reports whether every run of letters in s is a common
// password or word (sommar2024sommar), or s has no letters.
func onlyCommonWords(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !commonPasswords()[w] {
			return false
		}
	}
	return true
}

// repeated reports whether s is one unit written over and over (abcabcabc).
func repeated(s string) bool {
	r := []rune(s)
	for unit := 1; unit <= len(r)/2; unit++ {
		if len(r)%unit != 0 {
			continue
		}
		ok := true
		for i := unit; i < len(r) && ok; i++ {
			ok = r[i] == r[i-unit]
		}
		if ok {
			return true
		}
	}
	return false
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// prehashPrefix marks a hash of the password's sha256, so that a password
// longer than bcrypt's 72 bytes counts in full.
const prehashPrefix = "s2:"

func prehash(password string) []byte {
	h := sha256.Sum256([]byte(password))
	return []byte(base64.StdEncoding.EncodeToString(h[:]))
}

// hashPassword returns the stored form of password.
func (s *Service) hashPassword(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword(prehash(password), s.cfg.BcryptCost)
	if err != nil {
		return "", err
	}
	return prehashPrefix + string(h), nil
}

// matchPassword reports whether password matches stored.
func matchPassword(stored, password string) bool {
	if h, ok := strings.CutPrefix(stored, prehashPrefix); ok {
		return bcrypt.CompareHashAndPassword([]byte(h), prehash(password)) == nil
	}
	return stored != "" && bcrypt.CompareHashAndPassword([]byte(stored), []byte(password)) == nil
}

// dummyHash is compared against for unknown users and users without a
// password, at the service's own cost, so that every wrong sign-in takes
// as long.
type dummyHash struct {
	once sync.Once
	hash string
}

func (s *Service) dummyHash() string {
	s.dummy.once.Do(func() {
		h, _ := s.hashPassword("arsflow-dummy-password-" + randomToken(8))
		s.dummy.hash = h
	})
	return s.dummy.hash
}
