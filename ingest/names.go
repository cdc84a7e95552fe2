package ingest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cp437High maps bytes 0x80–0xFF of code page 437, the encoding of zip entry
// names written without the UTF-8 flag (Windows' built-in zip, older tools),
// so that "Förening" does not arrive as "F\x94rening".
const cp437High = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»" +
	"░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
	"αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0"

var cp437Runes = []rune(cp437High)

// decodeEntryName returns a zip entry name as UTF-8, decoding code page 437
// when the name is not valid UTF-8.
func decodeEntryName(name string) string {
	if utf8.ValidString(name) {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < 0x80 {
			b.WriteByte(c)
			continue
		}
		b.WriteRune(cp437Runes[c-0x80])
	}
	return b.String()
}

// cleanName makes a file name safe to show: invalid UTF-8 becomes U+FFFD,
// and control and format characters are dropped, among them the
// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) with
// which "rapport\u202Efdp.exe" would be shown as "rapportexe.pdf". NUL is
// kept, for unsafePath to refuse.
func cleanName(s string) string {
	return strings.Map(func(r rune) rune {
		if r != 0 && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// unsafePath returns why a zip entry name could escape the folder it is
// unpacked into, or "" when it is safe. arsflow never writes entries to disk,
// but such a name is a sign of a crafted archive and is refused. Backslashes
// count as separators, as in archives from Windows' PowerShell 5
// (Compress-Archive), so "..\x.pdf" and "C:\x.pdf" are refused while
// "Förening A\x.pdf" is an ordinary entry.
func unsafePath(name string) string {
	norm := strings.ReplaceAll(name, `\`, "/")
	switch {
	case name == "":
		return "posten i zip-filen saknar namn"
	case strings.ContainsRune(name, 0):
		return "posten i zip-filen har ett ogiltigt namn (nolltecken)"
	case strings.HasPrefix(norm, "/"), len(norm) >= 2 && norm[1] == ':' && isLetter(norm[0]):
		return fmt.Sprintf("osäker sökväg i zip-filen (%q är en absolut sökväg)", name)
	}
	for _, p := range strings.Split(norm, "/") {
		if p == ".." {
			return fmt.Sprintf("osäker sökväg i zip-filen (%q pekar utanför zip-filen med ../)", name)
		}
	}
	return ""
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// pathParts splits a slash-separated path into its components, without empty
// and "." components.
func pathParts(name string) []string {
	var parts []string
	for _, p := range strings.Split(name, "/") {
		if p != "" && p != "." {
			parts = append(parts, p)
		}
	}
	return parts
}

// ignoredPath reports whether a path is system clutter that is skipped
// silently: a dotfile or dot folder (.DS_Store, .git) or a __MACOSX folder
// written by macOS's archiver.
func ignoredPath(parts []string) bool {
	for _, p := range parts {
		if p == "__MACOSX" || strings.HasPrefix(p, ".") || p == "Thumbs.db" || p == "desktop.ini" {
			return true
		}
	}
	return false
}

// splitUploadName splits an uploaded file's name, which may carry a relative
// path ("Förening A/årsredovisning.pdf", also with backslashes from Windows),
// into the folder the file was in and its base name. The name is only a label;
// parent references and empty components are dropped.
func splitUploadName(raw string) (folder, name string) {
	raw = strings.ReplaceAll(cleanName(raw), "\x00", "")
	var parts []string
	for _, p := range pathParts(strings.ReplaceAll(raw, `\`, "/")) {
		if p != ".." {
			parts = append(parts, p)
		}
	}
	switch len(parts) {
	case 0:
		return "", "namnlös"
	case 1:
		return "", parts[0]
	}
	return parts[len(parts)-2], parts[len(parts)-1]
}
