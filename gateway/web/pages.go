package web

import (
	"bytes"
	"html/template"
	"net/http"
)

// pages holds the parsed templates, one set per page, each with the layout.
type pages struct {
	list, thread, errPage *template.Template
}

// parsePages parses the embedded templates. They are part of the binary, so
// a template that does not parse is a bug that every test of the package
// reports; it panics rather than burdening each caller with an error.
func parsePages() pages {
	parse := func(page string) *template.Template {
		return template.Must(template.ParseFS(htmlFS, "html/layout.html", "html/"+page))
	}
	return pages{list: parse("list.html"), thread: parse("thread.html"), errPage: parse("error.html")}
}

// errorPage is what the error page shows: never internal details.
type errorPage struct {
	Status  int
	Title   string
	Message string
}

var errorMessages = map[int]string{
	http.StatusNotFound:            "There is nothing here. The conversation may not exist, or the address is mistyped.",
	http.StatusUnauthorized:        "Sign in with any user name and the API token (PARLEY_API_TOKEN) as the password.",
	http.StatusForbidden:           "No API token is configured, so the agent page opens only on this machine. Set PARLEY_API_TOKEN to open it from elsewhere.",
	http.StatusInternalServerError: "Something went wrong on our side. It has been logged; try again in a moment.",
}

// renderError writes the small error page for status.
func (p pages) renderError(w http.ResponseWriter, status int) {
	page := errorPage{Status: status, Title: http.StatusText(status), Message: errorMessages[status]}
	var buf bytes.Buffer
	if err := p.errPage.ExecuteTemplate(&buf, "layout", page); err != nil {
		// The error page renders only constants; fall back to plain text.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(http.StatusText(status)))
		return
	}
	writeHTML(w, status, buf.Bytes())
}
