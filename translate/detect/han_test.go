package detect

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/parleyhq/parley/translate"
)

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
		{'々', false, true}, // the iteration mark, outside the block
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

// hanDetector loads Chinese and Japanese only, once per test binary, for
// the tests that run Han text through Detect.
var hanDetector = sync.OnceValues(func() (*Detector, error) {
	return Open(context.Background(), Config{Languages: []string{"zh", "ja"}})
})

// TestDetectHan runs Han text through Detect, cleaning and scoring
// included.
func TestDetectHan(t *testing.T) {
	d, err := hanDetector()
	if err != nil {
		t.Fatalf("Open() error = %v", err)
	}
	ja := &translate.Prior{Language: "ja", Confidence: 0.9, Source: translate.SourceDetected}
	tests := []fusionCase{
		{"kana", "注文した商品が届きません", nil, nil, "ja", translate.SourceDetected},
		{"a Chinese-only character", "我的订单", nil, nil, "zh", translate.SourceDetected},
		{"the iteration mark is Japanese", "人々", nil, nil, "ja", translate.SourceDetected},
		{"shared characters lean Chinese", "確認", nil, nil, "zh", translate.SourceDetected},
		{"a Japanese hint", "確認", []string{"ja-JP"}, nil, "ja", translate.SourceHint},
		{"a Japanese conversation", "確認", nil, ja, "ja", translate.SourceConversation},
		// A few shared characters do not move a conversation in a third
		// language (Croatian and Serbian do: see TestSerbianLeanYields).
		{"an English conversation", "確認", nil, &translate.Prior{Language: "en", Confidence: 0.99, Source: translate.SourceDetected}, "en", translate.SourceConversation},
		{"a Japanese support word turns the lean", "注文", nil, nil, "ja", translate.SourceDetected},
		{"a brand name is cleaned away", "iPhone 確認", nil, nil, "zh", translate.SourceDetected},
		// Past six characters the text is no close call: Chinese, unless
		// its vocabulary says Japanese.
		{"longer shared text", "品質確認工場管理", []string{"ja"}, nil, "zh", translate.SourceDetected},
		{"longer text with Japanese vocabulary", "注文返品返金確認", nil, nil, "ja", translate.SourceDetected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Detect(context.Background(), tt.input())
			if err != nil {
				t.Fatalf("Detect(%q) error = %v", tt.text, err)
			}
			tt.check(t, got)
		})
	}
}

// TestVerifierTakesKanjiForJapanese: a Japanese translation made of kanji
// both languages write leans Chinese on its own, but it is no clear sign
// of a wrong language; a Chinese one is.
func TestVerifierTakesKanjiForJapanese(t *testing.T) {
	d, err := hanDetector()
	if err != nil {
		t.Fatalf("Open() error = %v", err)
	}
	v := translate.NewVerifier(nil, d, translate.VerifyConfig{MinLetters: 4})
	req := translate.Request{Text: "Screen replacement confirmed", From: "en", To: "ja"}
	if _, err := v.Check(context.Background(), req, "画面交換確認"); err != nil {
		t.Errorf("Check(%q into ja) = %v, want it accepted", "画面交換確認", err)
	}
	var ce *translate.CheckError
	if _, err := v.Check(context.Background(), req, "屏幕更换已确认"); !errors.As(err, &ce) {
		t.Errorf("Check(%q into ja) = %v, want a *CheckError for Chinese", "屏幕更换已确认", err)
	}
}
