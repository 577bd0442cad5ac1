package zendesktest

import (
	"html"
	"regexp"
	"strings"
)

var brTag = regexp.MustCompile(`<br\s*/?>\n?`)

// htmlToPlain renders the escaped HTML a client posts the way Zendesk
// fills comment.body in webhooks: plain text. It only undoes what
// helpdesk.TextToHTML does; the fake has no need for more.
func htmlToPlain(s string) string {
	return html.UnescapeString(brTag.ReplaceAllString(strings.ReplaceAll(s, "\r\n", "\n"), "\n"))
}
