package pdftext

// MaybeRunChild turns the current process into an isolated PDF-parsing child
// when it was started as one, and never returns in that case. Call it first
// in main and in TestMain.
func MaybeRunChild() {}
