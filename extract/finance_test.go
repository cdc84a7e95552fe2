package extract

import (
	"strings"
	"testing"

	"arsflow/extract/casefile"
)

// A bookkeeping program's balance report (hand-written in the layout such
// programs print): opening balance, the period and the closing balance in
// three columns, credit balances negative, and the year's result not yet
// booked, so that the two sides differ by exactly "Beräknat resultat".
const balanceReport = `Balansrapport
Roddklubben Vågen
Räkenskapsår 2023-01-01 - 2023-12-31
                                       Ing balans      Period        Utg balans
TILLGÅNGAR
Omsättningstillgångar
1930 Företagskonto                    100 000,00     20 000,00     120 000,00
S:a Kassa och bank                    100 000,00     20 000,00     120 000,00
SUMMA TILLGÅNGAR                      100 000,00     20 000,00     120 000,00

EGET KAPITAL OCH SKULDER
Eget kapital
2069 Årets resultat                         0,00          0,00           0,00
2091 Balanserad vinst                 -95 000,00          0,00     -95 000,00
S:a Eget kapital                      -95 000,00          0,00     -95 000,00
Kortfristiga skulder
2440 Leverantörsskulder                -5 000,00     -5 000,00     -10 000,00
SUMMA EGET KAPITAL OCH SKULDER       -100 000,00     -5 000,00    -105 000,00
BERÄKNAT RESULTAT                           0,00     15 000,00      15 000,00
`

func TestBookkeepingBalanceReport(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		result   float64
		mismatch bool
	}{
		{"result not booked", balanceReport, 15000, false},
		{"sides differ by more than the result", strings.Replace(balanceReport, "-105 000,00\n", "-100 000,00\n", 1), 15000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := AssembleCase("x", []*casefile.Document{docOf("balans.pdf", tt.text)})
			if got := c.Fields[casefile.FieldResult].Value; got != tt.result {
				t.Errorf("result = %v, want %v", got, tt.result)
			}
			if got := c.Fields[casefile.FieldTotalAssets].Value; got != 120000.0 {
				t.Errorf("total_assets = %v, want the closing balance 120000", got)
			}
			mismatch := false
			for _, ch := range c.Checks {
				mismatch = mismatch || ch.Code == casefile.CheckBalanceSheetMismatch
			}
			if mismatch != tt.mismatch {
				t.Errorf("balance_sheet_mismatch raised = %v, want %v (%v)", mismatch, tt.mismatch, codes(c))
			}
		})
	}
}
