package summarize

import "strings"

// firstNames holds common first names in Sweden (lower case). A capitalised
// word from this list followed by a capitalised word is taken for a
// person's name.
var firstNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`
adam agnes ahmed aisha alba albin alexander alf ali alice alicia alma alva amanda amina amir
anders andreas anette angelica anita ann anna anne anneli annika anton arne arvid astrid axel
barbro bengt berit bertil birgit birgitta björn bo britt britta carina carl carin caroline
cecilia charlotte christer christian christina clara dan daniel david ebba edvin elias elin
elisabeth ella ellen elsa emil emilia emma erik eva evelina felix filip fatima fredrik frida
gabriel greta gunilla gunnar gustav göran hampus hanna hannes hans hassan hedvig helen helena
henrik hugo ida inga inger ingrid isabella isak jakob jan jenny jens jesper joakim johan
johanna john jonas jonathan josefin julia kajsa karin karl kent kerstin kim kjell klara
kristina krister lars lena lennart leo leila liam lina linda linnea lisa lotta louise lucas
ludvig magnus maja malin marcus margareta maria marie marianne markus martin mats mattias
max maximilian mikael moa mohammad mohammed monica måns nils nina noah olivia olle olof
oliver omar oscar oskar patrik per peter petra pia rasmus rebecca robert roger rolf ronja
rut sara sebastian simon sofia sofie stefan sten stina susanne svante sven tage theo thomas
tilde tobias tomas torbjörn tove ulf ulla ulrika valter vera victor viktor viktoria vilma
wilma william yusuf yvonne åke åsa ebba zainab zahra khalid layla mariam muhammad hussein
abdi abdullah ibrahim ismail jasmin nour sami yasmin ahmad mustafa samir amal
`) {
		firstNames[n] = true
	}
}

// roleWords introduce the names of persons in the documents.
var roleWords = []string{
	"ordförande", "vice ordförande", "kassör", "sekreterare", "justerare", "justeringsperson",
	"ledamot", "ledamöter", "suppleant", "suppleanter", "revisor", "revisorer",
	"revisorssuppleant", "valberedning", "mötesordförande", "mötessekreterare", "närvarande",
	"kontaktperson", "firmatecknare", "ansvarig", "tränare", "ledare", "medlem",
}

// isFirstName reports whether w (possibly hyphenated, "Anna-Karin") starts
// with a known first name.
func isFirstName(w string) bool {
	w = strings.ToLower(w)
	if i := strings.IndexByte(w, '-'); i > 0 {
		w = w[:i]
	}
	return firstNames[w]
}
