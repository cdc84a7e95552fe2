package main

import (
	"fmt"
	"math/rand"
	"strings"
)

var (
	firstNames = []string{"Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Ingrid",
		"Emma", "Linnea", "Elin", "Johanna", "Birgitta", "Margareta", "Sofia", "Frida",
		"Lars", "Anders", "Johan", "Per", "Karl", "Erik", "Mikael", "Peter", "Olof",
		"Magnus", "Jonas", "Björn", "Göran", "Håkan", "Nils", "Oskar", "Måns", "Åke"}
	lastNames = []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson",
		"Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Lindqvist", "Berg",
		"Lindström", "Ek", "Holm", "Sjöberg", "Åberg", "Nyström", "Lundgren", "Björk",
		"Söderberg", "Wallin", "Hägg", "Öberg", "Engström", "Forsberg", "Dahl"}
	intlFirst = []string{"Amira", "Yusuf", "Leyla", "Omar", "Fatima", "Dragan", "Mirjana",
		"Hamid", "Samira", "Tesfaye", "Ayan", "Reza", "Nour", "Goran", "Zeynep"}
	intlLast = []string{"Hassan", "Mohammed", "Yilmaz", "Abdi", "Petrović", "Rahimi",
		"Haile", "Karimi", "Demir", "Jovanović", "Ali", "Osman"}
	streets = []string{"Storgatan", "Kyrkogatan", "Skolvägen", "Björkvägen", "Drottninggatan",
		"Ängsvägen", "Parkgatan", "Södra vägen", "Idrottsvägen", "Åsgränd", "Lärkstigen"}
)

// people draws distinct person names from a seeded source.
type people struct {
	rng  *rand.Rand
	intl bool
	used map[string]bool
}

func newPeople(rng *rand.Rand, intl bool) *people {
	return &people{rng: rng, intl: intl, used: map[string]bool{}}
}

// next returns a fresh name.
func (p *people) next() string {
	for {
		f, l := firstNames, lastNames
		if p.intl && p.rng.Intn(3) > 0 {
			f, l = intlFirst, intlLast
		}
		n := f[p.rng.Intn(len(f))] + " " + l[p.rng.Intn(len(l))]
		if !p.used[n] {
			p.used[n] = true
			return n
		}
	}
}

// orgNumber draws an organisation number for an ideell förening with a
// valid (or, when invalid, a wrong) Luhn check digit.
func orgNumber(rng *rand.Rand, invalid bool) string {
	d := fmt.Sprintf("80%d%06d", 2+rng.Intn(8), rng.Intn(1000000))
	c := luhn(d)
	if invalid {
		c = (c + 3 + rng.Intn(6)) % 10
	}
	return fmt.Sprintf("%s-%s%d", d[:6], d[6:], c)
}

// personnummer builds a Luhn-valid personnummer YYMMDD-NNNN.
func personnummer(rng *rand.Rand, year int) string {
	d := fmt.Sprintf("%02d%02d%02d%03d", year%100, 1+rng.Intn(12), 1+rng.Intn(28), rng.Intn(1000))
	return fmt.Sprintf("%s-%s%d", d[:6], d[6:], luhn(d))
}

// phone draws a mobile number from the range PTS reserves for fiction
// (070-174 06 05 – 070-174 06 99).
func phone(rng *rand.Rand) string {
	return fmt.Sprintf("070-174 06 %02d", 5+rng.Intn(95))
}

// email builds an address for a name at a fictional domain.
func email(name string, rng *rand.Rand) string {
	r := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "a", "Ä", "a", "Ö", "o",
		"é", "e", "ć", "c", " ", ".")
	doms := []string{"example.se", "exempel.nu", "example.com"}
	return strings.ToLower(r.Replace(name)) + "@" + doms[rng.Intn(len(doms))]
}

// address draws a street address.
func address(rng *rand.Rand) string {
	return fmt.Sprintf("%s %d", streets[rng.Intn(len(streets))], 1+rng.Intn(60))
}
