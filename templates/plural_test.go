package templates

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestRequiredForms(t *testing.T) {
	tests := []struct {
		lang string
		want []form
	}{
		{"en", []form{formOne, formOther}},
		{"ru", []form{formOne, formFew, formMany, formOther}},
		{"uk", []form{formOne, formFew, formMany, formOther}},
		{"pl", []form{formOne, formFew, formMany, formOther}},
		{"ar", []form{formZero, formOne, formTwo, formFew, formMany, formOther}},
		{"he", []form{formOne, formTwo, formOther}},
		{"fr", []form{formOne, formMany, formOther}},
		{"ja", []form{formOther}},
		{"tlh", nil},
	}
	for _, tt := range tests {
		got := requiredForms(language.Make(tt.lang))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("requiredForms(%s) mismatch (-want +got):\n%s", tt.lang, diff)
		}
	}
}

func TestPluralRule(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want form
	}{
		{"ru", 1, formOne}, {"ru", 3, formFew}, {"ru", 5, formMany}, {"ru", 11, formMany}, {"ru", 21, formOne}, {"ru", 22, formFew}, {"ru", 1001, formOne},
		{"pl", 1, formOne}, {"pl", 2, formFew}, {"pl", 12, formMany}, {"pl", 22, formFew}, {"pl", 25, formMany},
		{"ar", 0, formZero}, {"ar", 1, formOne}, {"ar", 2, formTwo}, {"ar", 3, formFew}, {"ar", 11, formMany}, {"ar", 100, formOther}, {"ar", 103, formFew},
		{"he", 1, formOne}, {"he", 2, formTwo}, {"he", 3, formOther}, {"he", 20, formOther},
		{"en", 1, formOne}, {"en", 0, formOther},
	}
	for _, tt := range tests {
		if got := newPluralRule(language.Make(tt.lang)).of(tt.n); got != tt.want {
			t.Errorf("plural(%s, %d) = %s, want %s", tt.lang, tt.n, got, tt.want)
		}
	}
	var none *pluralRule
	if got := none.of(1); got != formOther {
		t.Errorf("nil rule = %s, want other", got)
	}
}
