package summarize

import "arsflow/extract"

// What crosses the boundary to a language model besides the redacted
// pages: the facts (redacted) and the checks. A check's message quotes the
// documents (the text addressed to an AI, a name on two boards, the figures
// that disagree), so the model gets a fixed description of each check
// instead: document text reaches it only inside the delimited, redacted
// pages, never in the instructions or the facts about checks.

// checkDescriptions says, per check code, what a raised check means.
var checkDescriptions = map[string]string{
	extract.CheckMissingActivityReport:     "Verksamhetsberättelse saknas.",
	extract.CheckMissingAnnualAccounts:     "Årsredovisning eller ekonomisk berättelse saknas.",
	extract.CheckMissingIncomeStatement:    "Resultaträkning saknas.",
	extract.CheckMissingBalanceSheet:       "Balansräkning saknas.",
	extract.CheckMissingAuditReport:        "Revisionsberättelse saknas.",
	extract.CheckMissingAGMMinutes:         "Årsmötesprotokoll saknas.",
	extract.CheckOrgNumberInvalid:          "Organisationsnumret är ogiltigt (kontrollsiffran stämmer inte).",
	extract.CheckOrgNumberMismatch:         "Handlingarna anger olika organisationsnummer.",
	extract.CheckFiscalYearMismatch:        "Handlingarna anger olika räkenskapsår.",
	extract.CheckIncomeStatementMismatch:   "Resultaträkningens summor går inte ihop.",
	extract.CheckBalanceSheetMismatch:      "Balansräkningen balanserar inte.",
	extract.CheckMembersMismatch:           "Handlingarna anger olika antal medlemmar.",
	extract.CheckDischargeNotRecommended:   "Revisorn tillstyrker inte ansvarsfrihet.",
	extract.CheckDischargeStatementMissing: "Revisionsberättelsen tar inte ställning till ansvarsfrihet.",
	extract.CheckAGMDecisionMissing:        "Årsmötesprotokollet saknar ett av de beslut som ska fattas.",
	extract.CheckAuditorOnBoard:            "En revisor sitter också i styrelsen.",
	extract.CheckUnsigned:                  "En handling är inte undertecknad.",
	extract.CheckPersonalData:              "Handlingarna innehåller personuppgifter (till exempel personnummer eller adresser).",
	extract.CheckPromptInjection:           "Handlingarna innehåller text riktad till en AI; den har tagits bort ur det du får se.",
	extract.CheckNeedsOCR:                  "En handling saknar textlager och har lästs med OCR.",
	extract.CheckDocumentUnreadable:        "En handling kunde inte läsas.",
	extract.CheckFieldConflict:             "Handlingarna anger olika värden för en uppgift.",
}

// checkForModel is what a model is told about ch: its fixed description,
// never its message.
func checkForModel(ch extract.Check) string {
	if d, ok := checkDescriptions[ch.Code]; ok {
		return d
	}
	return "Kontroll " + ch.Code + " har slagit till."
}
