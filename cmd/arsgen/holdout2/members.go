package main

import (
	"fmt"
	"math/rand"
)

var (
	firstNames = []string{"Birgitta", "Lennart", "Ingrid", "Kjell", "Margareta", "Bo", "Solveig", "Sture", "Elsy", "Gunnar", "Maj-Britt", "Olle", "Karin", "Rune", "Inger", "Stig", "Anita", "Arne", "Gun", "Leif", "Barbro", "Yngve", "Ulla", "Torsten", "Marianne", "Åke", "Siv", "Göte"}
	lastNames  = []string{"Holmberg", "Sundin", "Forsberg", "Ekström", "Nordin", "Lindahl", "Hägg", "Wikström", "Björk", "Mattsson", "Öhman", "Lund", "Sjöholm", "Åberg", "Berglöf", "Ström"}
	streets    = []string{"Tallvägen", "Björkstigen", "Kyrkogatan", "Skolgatan", "Ängsvägen", "Granbacken", "Smedjegatan", "Älvgatan"}
)

// Member is one row of a member list: personal data by design.
type Member struct {
	Name, PNR, Street, Post, Phone, Email string
}

// memberList invents n members; the first old are 65 or older at year end.
func memberList(seed int64, n, old int, town, post string) []Member {
	r := rand.New(rand.NewSource(seed))
	var ms []Member
	used := map[string]bool{}
	for i := 0; i < n; i++ {
		y := 1936 + r.Intn(24) // 1936–1959: 65 or older at the end of 2025
		if i >= old {
			y = 1962 + r.Intn(3)
		}
		m := 1 + r.Intn(12)
		d := 1 + r.Intn(28)
		base := fmt.Sprintf("%02d%02d%02d%03d", y%100, m, d, r.Intn(1000))
		pnr := fmt.Sprintf("%s-%s%d", base[:6], base[6:], luhn(base))
		fn := firstNames[(i*5+r.Intn(3))%len(firstNames)]
		ln := lastNames[r.Intn(len(lastNames))]
		name := fn + " " + ln
		for used[name] {
			ln = lastNames[r.Intn(len(lastNames))]
			name = fn + " " + ln
		}
		used[name] = true
		ms = append(ms, Member{
			Name:   name,
			PNR:    pnr,
			Street: fmt.Sprintf("%s %d", streets[r.Intn(len(streets))], 1+r.Intn(40)),
			Post:   post + " " + town,
			Phone:  fmt.Sprintf("070-174 06 %02d", 5+i*3%95),
			Email:  fmt.Sprintf("%s.%s@exempel.se", asciiLower(fn), asciiLower(ln)),
		})
	}
	return ms
}

func asciiLower(s string) string {
	var out []rune
	for _, ch := range s {
		switch ch {
		case 'å', 'ä', 'Å', 'Ä':
			ch = 'a'
		case 'ö', 'Ö':
			ch = 'o'
		case '-':
			continue
		}
		if ch >= 'A' && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		out = append(out, ch)
	}
	return string(out)
}

// memberReport builds the medlemsförteckning.
func (c *Case) memberReport(ms []Member) []Block {
	t := Table{Head: []string{"Namn", "Personnummer", "Adress", "Telefon", "E-post"}, Text: true}
	for _, m := range ms {
		t.Rows = append(t.Rows, []string{m.Name, m.PNR, m.Street, m.Phone, m.Email})
	}
	return []Block{
		H1("Medlemsförteckning " + c.YearLabel),
		P(fmt.Sprintf("%s, org.nr %s. Förteckning över samtliga medlemmar per den %s, bifogad ansökan om föreningsbidrag.", c.Name, c.Org, longDate(c.FYEnd))),
		t,
		P(fmt.Sprintf("Summa medlemmar: %d, varav %d är 65 år eller äldre.", len(ms), c.Eligible)),
	}
}
