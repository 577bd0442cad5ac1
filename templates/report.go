package templates

import (
	"encoding/json"
	"fmt"
	"io"
)

// FileReport is what the checker found in one file.
type FileReport struct {
	File     string    `json:"file"`
	Language string    `json:"language,omitempty"`
	Findings []Finding `json:"findings"`
}

// Report is the result of checking a directory of locale files.
type Report struct {
	Files    []FileReport `json:"files"`
	Errors   int          `json:"errors"`
	Warnings int          `json:"warnings"`
}

func (r *Report) add(fr FileReport) {
	if fr.Findings == nil {
		fr.Findings = []Finding{}
	}
	for _, f := range fr.Findings {
		switch f.Severity {
		case SeverityError:
			r.Errors++
		case SeverityWarning:
			r.Warnings++
		}
	}
	r.Files = append(r.Files, fr)
}

// HasErrors reports whether any finding is an error; `parley locales check`
// exits 1 when it is true.
func (r *Report) HasErrors() bool { return r.Errors > 0 }

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	files := r.Files
	if files == nil {
		files = []FileReport{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Report{Files: files, Errors: r.Errors, Warnings: r.Warnings})
}

// WriteText writes the report for people: each file with its findings, one
// a line with its line number, then a summary.
func (r *Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	bad := 0
	for _, fr := range r.Files {
		if len(fr.Findings) == 0 {
			ew.printf("%s: ok\n", fr.File)
			continue
		}
		bad++
		ew.printf("%s:\n", fr.File)
		for _, f := range fr.Findings {
			loc := "-"
			if f.Line > 0 {
				loc = fmt.Sprintf("line %d", f.Line)
			}
			key := ""
			if f.Key != "" {
				key = f.Key
				if f.Form != "" {
					key += "." + f.Form
				}
				key += ": "
			}
			ew.printf("  %-9s %-7s %s%s [%s]\n", loc, f.Severity, key, f.Message, f.Kind)
		}
	}
	ew.printf("%d error(s), %d warning(s) in %d of %d file(s)\n", r.Errors, r.Warnings, bad, len(r.Files))
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
