package main

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"time"
)

// luhn returns the Luhn check digit for the decimal digits in s, weighting
// the first digit by two as Swedish organisation and personal numbers do.
func luhn(s string) int {
	sum := 0
	for i, c := range s {
		v := int(c - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return (10 - sum%10) % 10
}

// orgNumber returns a valid organisation number for an ideell förening:
// 802NNN-NNNC with a Luhn check digit C.
func orgNumber(r *rand.Rand) string {
	d := fmt.Sprintf("802%03d%03d", r.IntN(1000), r.IntN(1000))
	return d[:6] + "-" + d[6:] + strconv.Itoa(luhn(d))
}

// personnummer returns a personnummer YYMMDD-NNNC with a valid Luhn digit.
func personnummer(r *rand.Rand, birth time.Time) string {
	d := birth.Format("060102") + fmt.Sprintf("%03d", r.IntN(1000))
	return d[:6] + "-" + d[6:] + strconv.Itoa(luhn(d))
}

// seeded returns a generator seeded from the case slug, so every run of
// the generator writes the same content.
func seeded(slug string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte("holdout/" + slug))
	s := h.Sum64()
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}
