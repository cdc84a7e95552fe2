// Package fonts embeds the DejaVu Serif fonts (regular and bold, licence in
// LICENSE) that arsflow's PDF writers embed in what they make: the corpus
// generator's documents and the notice to an association, whose names may
// hold any letter.
package fonts

import _ "embed"

var (
	// Serif is DejaVu Serif.
	//go:embed DejaVuSerif.ttf
	Serif []byte
	// SerifBold is DejaVu Serif Bold.
	//go:embed DejaVuSerif-Bold.ttf
	SerifBold []byte
)
