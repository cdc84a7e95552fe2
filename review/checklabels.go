package review

import (
	_ "embed"
	"strings"
)

//go:embed check_labels.tsv
var checkLabelsTSV string

// CheckLabel is a check code with its Swedish name.
type CheckLabel struct{ Code, Label string }

// checkLabels are the check codes a queue can be filtered by, in order.
var checkLabels = func() []CheckLabel {
	var out []CheckLabel
	for _, line := range strings.Split(strings.TrimSpace(checkLabelsTSV), "\n") {
		code, label, _ := strings.Cut(line, "\t")
		out = append(out, CheckLabel{Code: code, Label: label})
	}
	return out
}()

// knownCheck reports whether code is a check code.
func knownCheck(code string) bool {
	for _, c := range checkLabels {
		if c.Code == code {
			return true
		}
	}
	return false
}
