package summarize

import "arsflow/extract/casefile"

// What crosses the boundary to a language model besides the redacted
// pages: the facts (redacted) and the checks. A check's message quotes the
// documents (the text addressed to an AI, a name on two boards, the figures
// that disagree), so the model gets a fixed description of each check
// instead: document text reaches it only inside the delimited, redacted
// pages, never in the instructions or the facts about checks.

// checkDescriptions says, per check code, what a raised check means.
var checkDescriptions = map[string]string{
	casefile.CheckMissingActivityReport:     "Verksamhetsberättelse saknas.",
	casefile.CheckMissingAnnualAccounts:     "Årsredovisning eller ekonomisk berättelse saknas.",
	casefile.CheckMissingIncomeStatement:    "Resultaträkning saknas.",
	casefile.CheckMissingBalanceSheet:       "Balansräkning saknas.",
	casefile.CheckMissingAuditReport:        "Revisionsberättelse saknas.",
	casefile.CheckMissingAGMMinutes:         "Årsmötesprotokoll saknas.",
	casefile.CheckOrgNumberInvalid:          "Organisationsnumret är ogiltigt (kontrollsiffran stämmer inte).",
	casefile.CheckOrgNumberMismatch:         "Handlingarna anger olika organisationsnummer.",
	casefile.CheckFiscalYearMismatch:        "Handlingarna anger olika räkenskapsår.",
	casefile.CheckIncomeStatementMismatch:   "Resultaträkningens summor går inte ihop.",
	casefile.CheckBalanceSheetMismatch:      "Balansräkningen balanserar inte.",
	casefile.CheckMembersMismatch:           "Handlingarna anger olika antal medlemmar.",
	casefile.CheckDischargeNotRecommended:   "Revisorn tillstyrker inte ansvarsfrihet.",
	casefile.CheckDischargeStatementMissing: "Revisionsberättelsen tar inte ställning till ansvarsfrihet.",
	casefile.CheckAGMDecisionMissing:        "Årsmötesprotokollet saknar ett av de beslut som ska fattas.",
	casefile.CheckAuditorOnBoard:            "En revisor sitter också i styrelsen.",
	casefile.CheckUnsigned:                  "En handling är inte undertecknad.",
	casefile.CheckPersonalData:              "Handlingarna innehåller personuppgifter (till exempel personnummer eller adresser).",
	casefile.CheckPromptInjection:           "Handlingarna innehåller text riktad till en AI; den har tagits bort ur det du får se.",
	casefile.CheckNeedsOCR:                  "En handling saknar textlager och har lästs med OCR.",
	casefile.CheckDocumentUnreadable:        "En handling kunde inte läsas.",
	casefile.CheckFieldConflict:             "Handlingarna anger olika värden för en uppgift.",
}

// checkForModel is what a model is told about ch: its fixed description,
// never its message.
func checkForModel(ch casefile.Check) string {
	if d, ok := checkDescriptions[ch.Code]; ok {
		return d
	}
	return "Kontroll " + ch.Code + " har slagit till."
}
