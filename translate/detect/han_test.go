package detect

import "testing"

func TestHanCharsets(t *testing.T) {
	s := hanCharsets()
	tests := []struct {
		r                 rune
		chinese, japanese bool
	}{
		{'这', true, false}, // simplified only
		{'說', true, false}, // traditional; Japanese writes 説
		{'気', false, true}, // Japanese only
		// HKSCS (in x/text's Big5) has these; Big5 proper does not.
		{'発', false, true},
		{'関', false, true},
		{'実', false, true},
		// NEC's and IBM's extensions (in x/text's Shift_JIS) have these;
		// JIS X 0208 does not.
		{'德', true, false},
		{'黑', true, false},
		{'注', false, false},
		{'a', false, false},
		{'あ', false, false},
		{'\U00020000', false, false}, // outside the block
	}
	for _, tt := range tests {
		if got := s.chineseOnly(tt.r); got != tt.chinese {
			t.Errorf("chineseOnly(%q) = %v, want %v", tt.r, got, tt.chinese)
		}
		if got := s.japaneseOnly(tt.r); got != tt.japanese {
			t.Errorf("japaneseOnly(%q) = %v, want %v", tt.r, got, tt.japanese)
		}
	}
}

func TestHanCharsetsHoldHandWrittenLetters(t *testing.T) {
	s := hanCharsets()
	for _, r := range simplifiedOnly {
		if !s.chineseOnly(r) {
			t.Errorf("chineseOnly(%q) = false for a hand-written Chinese letter", r)
		}
	}
	for _, r := range japaneseOnly {
		if !s.japaneseOnly(r) {
			t.Errorf("japaneseOnly(%q) = false for a hand-written Japanese letter", r)
		}
	}
}
