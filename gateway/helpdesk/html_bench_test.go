package helpdesk

import (
	"strings"
	"testing"
)

// BenchmarkHTMLToText measures converting a typical e-mail reply with a
// quoted history.
func BenchmarkHTMLToText(b *testing.B) {
	msg := `<div dir="ltr">Hola,<br>mi pedido <b>#4411</b> no ha llegado todavía.<br><br>Gracias</div>` +
		`<div class="gmail_quote"><blockquote class="gmail_quote">` + strings.Repeat("<p>Earlier message text.</p>", 40) + `</blockquote></div>`
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		HTMLToText(msg)
	}
}
