package detect

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseLanguages(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string
		wantErr error
	}{
		{"list", "en,de,ru", []string{"en", "de", "ru"}, nil},
		{"spaces, case, regions, duplicates", " EN , pt-BR,pt_PT, zh-Hant ", []string{"en", "pt", "zh"}, nil},
		{"aliases", "no,iw,in", []string{"nb", "he", "id"}, nil},
		{"empty is default", "", DefaultLanguages, nil},
		{"unknown", "en,xx,klingon", nil, ErrUnknownLanguage},
		{"one language", "en", nil, ErrTooFewLanguages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLanguages(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseLanguages(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseLanguages(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseLanguagesNamesUnknownCodes(t *testing.T) {
	_, err := ParseLanguages("en,xx,de,qq")
	if err == nil || err.Error() != "detect: unknown language: xx, qq" {
		t.Errorf("ParseLanguages() error = %v, want one naming xx and qq", err)
	}
}

func TestDefaultLanguagesAreKnown(t *testing.T) {
	for _, l := range DefaultLanguages {
		if c, ok := baseCode(l); !ok || c != l {
			t.Errorf("baseCode(%q) = %q, %v; want itself", l, c, ok)
		}
	}
	if len(DefaultLanguages) < 34 {
		t.Errorf("len(DefaultLanguages) = %d, want at least 34", len(DefaultLanguages))
	}
}

func TestNewRejectsUnknownLanguage(t *testing.T) {
	_, err := New(Config{Languages: []string{"en", "xx"}})
	if !errors.Is(err, ErrUnknownLanguage) {
		t.Errorf("New() error = %v, want ErrUnknownLanguage", err)
	}
}
