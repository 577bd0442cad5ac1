package helpdesk

import (
	"testing"
	"unicode/utf8"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "hello world", "hello world"},
		{"paragraphs", "<p>Hello</p><p>World</p>", "Hello\nWorld"},
		{"br", "line one<br>line two<br/>line three", "line one\nline two\nline three"},
		{"entities", "Tom &amp; Jerry &lt;3 &quot;x&quot; &#1055;&#1088;&#1080;", "Tom & Jerry <3 \"x\" При"},
		{"collapse whitespace", "<div>  many\n\n   spaces\there </div>", "many spaces here"},
		{"inline tags keep spaces", "<p>Hello <b>dear</b> <i>friend</i>!</p>", "Hello dear friend!"},
		{"no space invented inside word", "<p>un<b>believ</b>able</p>", "unbelievable"},
		{"script and style dropped", "<style>p{color:red}</style><p>ok</p><script>alert(1)</script>", "ok"},
		{"list", "<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
		{"gmail quote dropped", `<div>Thanks</div><div class="gmail_quote">On Mon X wrote:<blockquote>old</blockquote></div>`, "Thanks"},
		{"freshdesk quote dropped", `<div>Спасибо</div><div class="freshdesk_quote"><blockquote class="freshdesk_quote">old</blockquote></div>`, "Спасибо"},
		{"cite blockquote dropped", `<p>new</p><blockquote type="cite">old</blockquote>`, "new"},
		{"plain blockquote kept", `<blockquote>quoted by customer</blockquote>`, "quoted by customer"},
		{"pre keeps spacing", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"blank lines squeezed", "<p>a</p><p></p><p></p><br><br><br><p>b</p>", "a\n\nb"},
		{"table cells separated", "<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"rtl text", "<div dir=\"rtl\">مرحبا، أحتاج مساعدة</div>", "مرحبا، أحتاج مساعدة"},
		{"invalid utf8", "caf\xe9 <b>ok</b>", "caf\uFFFD ok"},
		{"unclosed tags", "<p>open <b>bold", "open bold"},
		{"full document", "<html><head><title>T</title></head><body><p>Body</p></body></html>", "Body"},
		{"nbsp", "a&nbsp;b", "a\u00a0b"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextToHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "hello", "hello"},
		{"markup escaped", `<script>alert("x")</script> & 'y'`, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;y&#39;"},
		{"newlines", "a\nb\r\nc", "a<br>\nb<br>\nc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TextToHTML(tt.in); got != tt.want {
				t.Errorf("TextToHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextToHTMLRoundTrip(t *testing.T) {
	in := "Hello <b>not bold</b>\nSecond & last line"
	if got := HTMLToText(TextToHTML(in)); got != in {
		t.Errorf("HTMLToText(TextToHTML(%q)) = %q, want the input back", in, got)
	}
}

func FuzzHTMLToText(f *testing.F) {
	f.Add("<p>Hello <b>world</b></p>")
	f.Add("<ul><li>x<li>y</ul><pre> a </pre>")
	f.Fuzz(func(t *testing.T, s string) {
		if got := HTMLToText(s); !utf8.ValidString(got) {
			t.Errorf("HTMLToText(%q) = %q, not valid UTF-8", s, got)
		}
	})
}
