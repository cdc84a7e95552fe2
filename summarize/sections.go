package summarize

import (
	"strings"

	"arsflow/extract/casefile"
)

// sectionOrder lists the uniform summary's sections in order, with their
// Swedish headings.
var sectionOrder = []struct{ Key, Title string }{
	{SectionAssociation, "Förening och år"},
	{SectionDocuments, "Inkomna handlingar"},
	{SectionActivity, "Verksamheten i korthet"},
	{SectionMembers, "Medlemmar"},
	{SectionFinances, "Ekonomi"},
	{SectionAudit, "Revision och ansvarsfrihet"},
	{SectionAGM, "Årsmötets beslut"},
	{SectionNotes, "Att notera"},
}

// SectionTitle returns the Swedish heading of a section key, or "" when the
// key is unknown.
func SectionTitle(key string) string {
	for _, s := range sectionOrder {
		if s.Key == key {
			return s.Title
		}
	}
	return ""
}

// SectionKeys returns the section keys in order.
func SectionKeys() []string {
	keys := make([]string, len(sectionOrder))
	for i, s := range sectionOrder {
		keys[i] = s.Key
	}
	return keys
}

// MissingPrefix starts every sentence that says a fact is missing.
const MissingPrefix = "Uppgift saknas: "

// docTypeNames are the Swedish names of document types.
var docTypeNames = map[string]string{
	casefile.TypeActivityReport:   "verksamhetsberättelse",
	casefile.TypeAnnualAccounts:   "årsredovisning eller ekonomisk berättelse",
	casefile.TypeAuditReport:      "revisionsberättelse",
	casefile.TypeAGMMinutes:       "årsmötesprotokoll",
	casefile.TypeMembershipReport: "medlemsredovisning",
	casefile.TypeOther:            "övrig handling",
}

// requiredTypes are the documents nearly every municipality requires.
var requiredTypes = []string{
	casefile.TypeAGMMinutes,
	casefile.TypeActivityReport,
	casefile.TypeAnnualAccounts,
	casefile.TypeAuditReport,
}

// docTypeName returns the Swedish name of a document type.
func docTypeName(t string) string {
	if n, ok := docTypeNames[t]; ok {
		return n
	}
	return docTypeNames[casefile.TypeOther]
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Body renders the sections as plain Swedish text, one paragraph per section.
func Body(sections []Section) string {
	var b strings.Builder
	for i, s := range sections {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s.Title)
		b.WriteByte('\n')
		for j, sent := range s.Sentences {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sent.Text)
		}
	}
	return b.String()
}
