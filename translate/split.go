package translate

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Piece is one part of a long text: Text to translate and Sep, the exact
// whitespace that followed it, which joins the translations back together.
type Piece struct {
	Text string
	Sep  string
}

var (
	paragraphBreak = regexp.MustCompile(`[ \t]*\n[ \t]*\n\s*`)
	sentenceEnd    = regexp.MustCompile(`[.!?…]+["'”’»)\]]*\s+|[。！？]+["'”’」』）]*\s*`)
)

// SplitText cuts text into pieces of at most max characters (runes), at
// paragraph breaks where it can, then at sentence ends, then between words,
// and only as a last resort inside a word. Leading whitespace becomes a
// first piece with empty Text. Joining every Text+Sep gives text back.
func SplitText(text string, max int) []Piece {
	if max <= 0 {
		max = 1
	}
	var out []Piece
	body := strings.TrimLeftFunc(text, unicode.IsSpace)
	if lead := text[:len(text)-len(body)]; lead != "" {
		out = append(out, Piece{Sep: lead})
	}
	var units []Piece
	for _, para := range cut(body, paragraphBreak) {
		units = append(units, splitLong(para, max)...)
	}
	return append(out, pack(units, max)...)
}

// cut splits s at every match of sep; the matched text becomes the Sep of
// the piece before it. For sentence ends, the punctuation stays in the text.
func cut(s string, sep *regexp.Regexp) []Piece {
	var out []Piece
	start := 0
	for _, m := range sep.FindAllStringIndex(s, -1) {
		// Keep any non-space part of the match (punctuation) in the text.
		ws := m[0] + len(strings.TrimRightFunc(s[m[0]:m[1]], unicode.IsSpace))
		if m[1] == len(s) && ws == m[1] {
			break
		}
		out = append(out, Piece{Text: s[start:ws], Sep: s[ws:m[1]]})
		start = m[1]
	}
	if start < len(s) {
		text := strings.TrimRightFunc(s[start:], unicode.IsSpace)
		out = append(out, Piece{Text: text, Sep: s[start+len(text):]})
	}
	return out
}

// splitLong splits a paragraph longer than max at sentence ends, then
// words. The last piece keeps the paragraph's Sep.
func splitLong(p Piece, max int) []Piece {
	if utf8.RuneCountInString(p.Text) <= max {
		return []Piece{p}
	}
	sentences := cut(p.Text, sentenceEnd)
	sentences[len(sentences)-1].Sep += p.Sep
	var out []Piece
	for _, s := range sentences {
		for utf8.RuneCountInString(s.Text) > max {
			head, sep, rest := cutWords(s.Text, max)
			out = append(out, Piece{Text: head, Sep: sep})
			s.Text = rest
		}
		out = append(out, s)
	}
	return out
}

// cutWords cuts s before max runes at the last space, or at max runes when
// there is none (scripts written without spaces).
func cutWords(s string, max int) (head, sep, rest string) {
	end := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) > max {
			break
		}
		end = i
	}
	if sp := strings.LastIndexFunc(s[:end], unicode.IsSpace); sp > 0 {
		head = strings.TrimRightFunc(s[:sp], unicode.IsSpace)
		rest = strings.TrimLeftFunc(s[sp:], unicode.IsSpace)
		return head, s[len(head) : len(s)-len(rest)], rest
	}
	return s[:end], "", s[end:]
}

// pack joins consecutive units into pieces of at most max runes.
func pack(units []Piece, max int) []Piece {
	var out []Piece
	var cur Piece
	n := 0
	for _, u := range units {
		size := utf8.RuneCountInString(u.Text)
		if n > 0 && n+utf8.RuneCountInString(cur.Sep)+size > max {
			out = append(out, cur)
			cur, n = Piece{}, 0
		}
		if n > 0 {
			cur.Text += cur.Sep
			n += utf8.RuneCountInString(cur.Sep)
		}
		cur.Text += u.Text
		cur.Sep = u.Sep
		n += size
	}
	if n > 0 || cur.Sep != "" {
		out = append(out, cur)
	}
	return out
}

// Splitter wraps a Translator so that texts longer than its limit are
// translated piece by piece and joined back in order, with the original
// paragraph breaks and spacing between the pieces.
type Splitter struct {
	next Translator
	max  int
}

var _ Translator = (*Splitter)(nil)

// NewSplitter wraps next; texts over maxChars characters are split.
func NewSplitter(next Translator, maxChars int) *Splitter {
	return &Splitter{next: next, max: maxChars}
}

// Name returns the provider's name.
func (s *Splitter) Name() string { return s.next.Name() }

// Translate translates req, in pieces when it is long. A failed piece fails
// the whole text.
func (s *Splitter) Translate(ctx context.Context, req Request) (Result, error) {
	if s.max <= 0 || utf8.RuneCountInString(req.Text) <= s.max {
		return s.next.Translate(ctx, req)
	}
	pieces := SplitText(req.Text, s.max)
	var b strings.Builder
	var total Result
	started := false
	for i, p := range pieces {
		if strings.TrimSpace(p.Text) == "" {
			b.WriteString(p.Text + p.Sep)
			continue
		}
		part := req
		part.Text = p.Text
		res, err := s.next.Translate(ctx, part)
		if err != nil {
			return Result{}, fmt.Errorf("translate part %d of %d: %w", i+1, len(pieces), err)
		}
		b.WriteString(strings.TrimSpace(res.Text) + p.Sep)
		if !started {
			total, started = res, true
		} else {
			total.Usage = total.Usage.Add(res.Usage)
		}
	}
	total.Text = strings.TrimRightFunc(b.String(), unicode.IsSpace)
	return total, nil
}
