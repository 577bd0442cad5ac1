package detect

import (
	"bufio"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"
)

// TestScorerMatchesLingua scores the helpdesk corpus and texts that trip
// lingua's rules with the merged table and with lingua itself: every
// language's confidence must agree. The table stores log probabilities as
// float32, so they agree to about 1e-5, not bit for bit.
func TestScorerMatchesLingua(t *testing.T) {
	codes := []string{"en", "de", "es", "pt", "pl", "ru", "uk", "ar", "fa", "ja", "zh"}
	texts := []string{
		"Straße", "¿dónde está?", "¡hola!", "łódź", "não chegou", "ґанок", "ещё", "їжак і єнот",
		"スーツケース", "我的订单在哪里", "東京駅", "注文した商品がまだ届きません", "hello мир", "ok",
		"Wo ist meine Bestellung? Ich warte seit drei Wochen und niemand antwortet auf meine E-Mails, " +
			"das ist wirklich nicht in Ordnung, bitte melden Sie sich bei mir.",
		"x", "A", "ß ß hola", "ﻣﺮﺣﺒﺎ", "sí", "obrigado pela ajuda", "dziękuję bardzo",
	}
	f, err := os.Open("testdata/tune.tsv")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "#") {
			if fields := strings.SplitN(line, "\t", 3); len(fields) == 3 {
				texts = append(texts, strings.ReplaceAll(fields[2], `\n`, "\n"))
			}
		}
	}
	f.Close()

	var langs []lingua.Language
	for _, c := range codes {
		langs = append(langs, lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(c)))
	}
	loadMu.Lock()
	defer loadMu.Unlock()
	ref := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().Build()
	caches, err := linguaCaches()
	if err != nil {
		t.Fatalf("linguaCaches() error = %v", err)
	}
	defer func() {
		for _, c := range caches {
			for _, l := range langs {
				c.Delete(l)
			}
		}
	}()
	b := newTableBuilder()
	for i, l := range langs {
		b.addLanguage(caches, l, uint8(i))
	}
	s := &scorer{langs: langs, t: b.build(), rules: newRules(langs)}
	for _, text := range texts {
		want := map[lingua.Language]float64{}
		for _, v := range ref.ComputeLanguageConfidenceValues(text) {
			want[v.Language()] = v.Value()
		}
		got := s.confidences(text)
		for i, l := range langs {
			if math.Abs(got[i]-want[l]) > 1e-4 {
				t.Errorf("confidence of %s for %q = %.6f, lingua says %.6f", l, text, got[i], want[l])
			}
		}
	}
}

// FuzzSplitLinguaWords holds the hand-written splitter to lingua's regular
// expression.
func FuzzSplitLinguaWords(f *testing.F) {
	for _, s := range []string{"Hello, world", "東京駅に行く", "abc漢字def", "〇々ー・゠", "über 5 Straßen", "한국어 텍스트", "\xff\xfeab", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := linguaWordsRE.FindAllString(s, -1)
		if got := splitLinguaWords(s); !slices.Equal(got, want) {
			t.Errorf("splitLinguaWords(%q) = %q, the regular expression finds %q", s, got, want)
		}
	})
}
