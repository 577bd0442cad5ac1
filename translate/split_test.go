package translate_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/translate"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  int
		want []translate.Piece
	}{
		{name: "short", text: "Hello there.", max: 50, want: []translate.Piece{{Text: "Hello there."}}},
		{name: "paragraphs", text: "First paragraph here.\n\nSecond paragraph here.\n\n\nThird one.", max: 30,
			want: []translate.Piece{{Text: "First paragraph here.", Sep: "\n\n"}, {Text: "Second paragraph here.", Sep: "\n\n\n"}, {Text: "Third one."}}},
		{name: "paragraphs packed", text: "One.\n\nTwo.\n\nThree is longer.", max: 16,
			want: []translate.Piece{{Text: "One.\n\nTwo.", Sep: "\n\n"}, {Text: "Three is longer."}}},
		{name: "sentences", text: "This is one. This is two! Is this three? Yes.", max: 20,
			want: []translate.Piece{{Text: "This is one.", Sep: " "}, {Text: "This is two!", Sep: " "}, {Text: "Is this three? Yes."}}},
		{name: "leading and trailing space", text: "\n  Alpha beta.\n\nGamma delta.\n", max: 14,
			want: []translate.Piece{{Sep: "\n  "}, {Text: "Alpha beta.", Sep: "\n\n"}, {Text: "Gamma delta.", Sep: "\n"}}},
		{name: "words", text: "aaaa bbbb cccc dddd", max: 10,
			want: []translate.Piece{{Text: "aaaa bbbb", Sep: " "}, {Text: "cccc dddd"}}},
		{name: "no spaces", text: "我的订单还没有到。请帮我查一下。", max: 9,
			want: []translate.Piece{{Text: "我的订单还没有到。"}, {Text: "请帮我查一下。"}}},
		{name: "hard cut", text: "abcdefghij", max: 4,
			want: []translate.Piece{{Text: "abcd"}, {Text: "efgh"}, {Text: "ij"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := translate.SplitText(tt.text, tt.max)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SplitText(%q, %d) (-want +got):\n%s", tt.text, tt.max, diff)
			}
			var joined strings.Builder
			for _, p := range got {
				joined.WriteString(p.Text + p.Sep)
				if n := utf8.RuneCountInString(p.Text); n > tt.max {
					t.Errorf("piece %q has %d runes, more than %d", p.Text, n, tt.max)
				}
			}
			if joined.String() != tt.text {
				t.Errorf("joined pieces = %q, want the original %q", joined.String(), tt.text)
			}
		})
	}
}

// upper "translates" by upper-casing and counts calls.
type upper struct{ calls []string }

func (u *upper) Name() string { return "upper" }

func (u *upper) Translate(_ context.Context, req translate.Request) (translate.Result, error) {
	u.calls = append(u.calls, req.Text)
	return translate.Result{Text: strings.ToUpper(req.Text) + "\n", To: req.To, Usage: translate.Usage{Characters: len(req.Text)}}, nil
}

func TestSplitterJoinsInOrder(t *testing.T) {
	text := "# Title\n\nFirst paragraph, which is long enough.\n\n- item one\n- item two\n\nLast words."
	u := &upper{}
	res, err := translate.NewSplitter(u, 40).Translate(context.Background(), translate.Request{Text: text, To: "xx"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# TITLE\n\nFIRST PARAGRAPH, WHICH IS LONG ENOUGH.\n\n- ITEM ONE\n- ITEM TWO\n\nLAST WORDS."
	if diff := cmp.Diff(want, res.Text); diff != "" {
		t.Errorf("Translate text (-want +got):\n%s", diff)
	}
	if len(u.calls) < 3 {
		t.Errorf("translated in %d calls, want the text split", len(u.calls))
	}
	total := 0
	for _, c := range u.calls {
		total += len(c)
	}
	if res.Usage.Characters != total {
		t.Errorf("Usage.Characters = %d, want the sum %d", res.Usage.Characters, total)
	}
}
