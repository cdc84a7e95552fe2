package review

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"arsflow/extract/casefile"
)

// fieldDefFor returns the description of key; an unknown key is text
// labelled with the key itself.
func fieldDefFor(key string) casefile.FieldInfo {
	f, _ := casefile.LookupField(key)
	return f
}

// fieldOrder returns the position of key in casefile.FieldInfos, unknown keys
// last.
func fieldOrder(key string) int {
	for i, f := range casefile.FieldInfos {
		if f.Key == key {
			return i
		}
	}
	return len(casefile.FieldInfos)
}

// decodeValue decodes a jsonb value; nil for SQL NULL or JSON null.
func decodeValue(raw []byte) any {
	if len(raw) == 0 {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// formatValue renders a field value in Swedish.
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "saknas"
	case bool:
		if x {
			return "ja"
		}
		return "nej"
	case float64:
		return formatNumber(x)
	case string:
		if x == "" {
			return "saknas"
		}
		return x
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// formatNumber writes n as casefile.FormatNumber does, with no-break spaces
// between thousands so that a number is never split over two lines.
func formatNumber(n float64) string {
	return strings.ReplaceAll(casefile.FormatNumber(n), " ", "\u00a0")
}

// parseValue turns a handläggare's input into a typed value for field def.
// An empty input means that the field has no value.
func parseValue(def casefile.FieldInfo, input string) (any, error) {
	input = strings.TrimSpace(input)
	if input == "" {
		return nil, nil
	}
	switch def.Kind {
	case casefile.KindCount, casefile.KindAmount:
		n, ok := casefile.ParseAmount(input)
		if !ok {
			return nil, userError(ErrInvalid, "%s: ange ett tal, till exempel 12 345 eller −1 200,50.", def.Label)
		}
		return n, nil
	case casefile.KindBool:
		switch strings.ToLower(input) {
		case "ja", "j", "yes", "true", "1":
			return true, nil
		case "nej", "n", "no", "false", "0":
			return false, nil
		}
		return nil, userError(ErrInvalid, "%s: ange ja eller nej.", def.Label)
	case casefile.KindDate:
		if _, err := time.Parse("2006-01-02", input); err != nil {
			return nil, userError(ErrInvalid, "%s: ange datumet som ÅÅÅÅ-MM-DD.", def.Label)
		}
		return input, nil
	}
	if len(input) > 500 {
		return nil, userError(ErrInvalid, "%s: värdet är för långt.", def.Label)
	}
	return input, nil
}

// jsonValue encodes v for a jsonb column.
func jsonValue(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("review: encode value: %w", err)
	}
	return b, nil
}
