package detect

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/parleyhq/parley/translate"
)

func TestRomanizedLanguage(t *testing.T) {
	// The best language knows these words; "hai" and "ya" are in the
	// romanized vocabulary too.
	known := map[string]bool{"see": true, "you": true, "hai": true, "ya": true, "den": true,
		"where": true, "is": true, "my": true,
		"aujourd": true, "la": true, "tassa": true, "arrivata": true, "rotta": true}
	// It uses "ya" commonly; its dictionary knows "hai" only as a name.
	best := lexiconOf{
		knows: func(w textWord) bool { return known[w.lower] },
		uses:  func(w textWord) bool { return known[w.lower] && w.lower != "hai" },
	}
	tests := []struct {
		name, text, want string
	}{
		{"one word", "spasibo", "ru"},
		{"capitalized first", "Spasibo!", "ru"},
		{"more vocabulary than known words", "see you spasibo bolshoe pozhaluysta", "ru"},
		{"as many known words", "see you habibi shukran", ""},
		{"fewer", "see you habibi", ""},
		{"a word the best language uses counts for neither", "kya ya", "hi"},
		{"only used vocabulary", "ya ya", ""},
		{"a word the best language knows but does not use counts", "hai kya", "hi"},
		{"but not alone: one word it knows not at all is needed", "hai ya", ""},
		{"words of any language count for neither", "ok order refund kab milega", "hi"},
		{"a capitalized word after the first is a name", "see Habibi", ""},
		{"the language with most words", "dyakuyu dostavka koly", "uk"},
		{"an apostrophe word is looked up whole", "den'gi vernite", "ru"},
		{"an apostrophe word is not looked up by its parts", "aujourd'hui", ""},
		{"a known part of an apostrophe word counts against", "aujourd'hui spasibo", ""},
		{"hyphens split", "kar-do", "hi"},
		{"one-letter words are skipped", "s spasibo", "ru"},
		{"nothing romanized", "la tassa arrivata rotta", ""},
		{"arabizi from the digits", "ana 3ayez a3mel refund", "ar"},
		{"a digit word of the vocabulary", "3alaykom", "ar"},
		{"a digit word capitalized", "Ma3lesh", "ar"},
		{"a digit word in capitals is a code", "MA3LESH", ""},
		{"a code of the vocabulary's shape", "order 3AL-778", ""},
		{"shaped words do not make two words", "hai xa3bz", ""},
		{"a name after the first word", "see Bhai", ""},
		{"a name after the first word, with nothing against", "ok Bhai", ""},
		{"both capitalized: no names", "Ok Bhai", "hi"},
		{"title case marks no names", "Bhai Where Is My Order", ""},
		{"title case marks no names: romanized", "Bhai Kab Milega", "hi"},
		{"capitals mark no names", "KYA HAI", "hi"},
		{"a digit word before a comma", "see ma3lesh, you", ""},
		{"a digit word before a comma counts", "see ma3lesh, shukran", "ar"},
		{"arabizi shapes add to arabic", "see xa3bz 3ayez", "ar"},
		{"arabizi shapes alone do not", "xa3bz", ""},
		{"a code in capitals has no shape", "see XA3BZ 3ayez", ""},
		{"codes are no arabizi", "see you b2b mp3 ps5 win10 h264", ""},
		{"greek digits from the vocabulary", "8elw", "el"},
		{"digits in links and quotes are not read", "see https://shop.example/o/ma3lesh\n> 3ayez", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.ReplaceAll(tt.text, `\n`, "\n")
			if got := romanizedLanguage(Clean(text), best); got != tt.want {
				t.Errorf("romanizedLanguage(Clean(%q)) = %q, want %q", text, got, tt.want)
			}
		})
	}
}

func TestDigitWords(t *testing.T) {
	got := digitWords("see https://x.io/ab3cd ma3lesh, a@b3c.com shop5.com/x #ta7 www.ka7.com MA3LESH ok 1234 l8er")
	want := []string{"ma3lesh", "MA3LESH", "l8er"}
	if !slices.Equal(got, want) {
		t.Errorf("digitWords = %q, want %q", got, want)
	}
	if got := digitWords("no digits that stand for letters: 1, 4, a1b, 4you"); got != nil {
		t.Errorf("digitWords = %q, want none", got)
	}
}

func TestArabizi(t *testing.T) {
	for w, want := range map[string]bool{
		"ma3lesh": true, "sho7na": true, "ya6ee": true, "la2i": true, "el3afye": true, "a3mel": true,
		"3ala":   false, // a digit at the start: the vocabulary's job
		"sa7":    false, // at the end, as in codes
		"b2b":    false, // two letters
		"mp3":    false, // at the end
		"h264":   false, // more digits
		"win10":  false, // more digits, and 1 and 0 stand for no letter
		"a4a4":   false, // 4 stands for no letter
		"a3b3c":  false, // two digits
		"html5":  false, // at the end
		"pixel7": false, // at the end
		"l8er":   false, // 8 is English chat's "ate"
		"ab1cd":  false, // 1 stands for no letter
		"ma3l-e": false, // not a word
	} {
		if got := arabizi(w); got != want {
			t.Errorf("arabizi(%q) = %v, want %v", w, got, want)
		}
	}
}

// The entries of romanized.txt can match: lower-case single words of
// letters (and the digits that stand for letters), under a known language
// code, and a word for "any" is listed for no language.
func TestRomanizedVocabulary(t *testing.T) {
	words := romanizedWords()
	if len(words) < 1000 {
		t.Fatalf("romanized vocabulary has %d words, want 1,000 or more", len(words))
	}
	for w, langs := range words {
		if strings.ContainsFunc(w, func(r rune) bool {
			return !unicode.IsLower(r) && !strings.ContainsRune("2356789", r)
		}) {
			t.Errorf("entry %q cannot match: a word is lower-case letters and digits", w)
		}
		for _, l := range langs {
			if c, ok := baseCode(l); !ok || c != l {
				t.Errorf("entry %q is listed for %q, which is no language code", w, l)
			}
		}
	}
	for _, w := range []string{"spasibo", "shukran", "kab", "efxaristo", "3alaykom"} {
		if len(words[w]) == 0 {
			t.Errorf("%q is not in the romanized vocabulary", w)
		}
	}
	if langs, ok := words["ok"]; !ok || len(langs) != 0 {
		t.Errorf(`words["ok"] = %v, %v; want a word of any language`, langs, ok)
	}
	if !slices.Contains(words["dostavka"], "ru") || !slices.Contains(words["dostavka"], "uk") {
		t.Errorf(`words["dostavka"] = %v, want ru and uk`, words["dostavka"])
	}
}

// A language of another script in Latin letters is in none of the
// configured languages, however short, and says which it is.
func TestDetectRomanized(t *testing.T) {
	d, err := dataDetector()
	if err != nil {
		t.Fatal(err)
	}
	ru := &translate.Prior{Language: "ru", Confidence: 0.9, Source: translate.SourceDetected}
	weakRU := &translate.Prior{Language: "ru", Confidence: 0.4, Source: translate.SourceDetected}
	es := &translate.Prior{Language: "es", Confidence: 0.95, Source: translate.SourceDetected}
	tests := []struct {
		fusionCase
		romanized string
	}{
		{fusionCase{"one word", "spasibo", nil, nil, translate.Undetermined, translate.SourceDefault}, "ru"},
		{fusionCase{"with a hint", "spasibo!", []string{"ru-RU"}, nil, "ru", translate.SourceHint}, "ru"},
		{fusionCase{"in a russian conversation", "spasibo bolshoe", nil, ru, "ru", translate.SourceConversation}, "ru"},
		{fusionCase{"arabizi", "3ayez arga3 el flous", nil, nil, translate.Undetermined, translate.SourceDefault}, "ar"},
		{fusionCase{"hinglish", "refund kab milega", nil, nil, translate.Undetermined, translate.SourceDefault}, "hi"},
		// Cleaning leaves no letters; the digits still tell.
		{fusionCase{"arabizi alone", "ma3lesh", nil, nil, translate.Undetermined, translate.SourceDefault}, "ar"},
		// The hint in the romanized language, not the first one.
		{fusionCase{"with hints", "spasibo", []string{"es-ES", "ru-RU"}, nil, "ru", translate.SourceHint}, "ru"},
		{fusionCase{"with another hint", "spasibo", []string{"es-ES"}, nil, "es", translate.SourceHint}, "ru"},
		// A weak prior in the romanized language stands.
		{fusionCase{"after a guess in russian", "spasibo", nil, weakRU, "ru", translate.SourceConversation}, "ru"},
		{fusionCase{"in a settled spanish conversation", "spasibo", nil, es, "es", translate.SourceConversation}, "ru"},
		// A settled conversation comes before a hint, even in the
		// romanized language.
		{fusionCase{"in a settled spanish conversation, with a russian hint", "spasibo", []string{"es", "ru"}, es, "es", translate.SourceConversation}, "ru"},
		// A name is no romanized word.
		{fusionCase{"a name", "gracias Habibi", nil, nil, "es", translate.SourceDetected}, ""},
		// The test lists know gracias and pedido: as many as the
		// romanized words.
		{fusionCase{"known words hold", "gracias pedido habibi shukran", nil, nil, "es", translate.SourceDetected}, ""},
		{fusionCase{"spanish", "que de no gracias pedido", nil, nil, "es", translate.SourceDetected}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Detect(t.Context(), tt.input())
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
			if got.Romanized != tt.romanized {
				t.Errorf("Detect(%q).Romanized = %q, want %q", tt.text, got.Romanized, tt.romanized)
			}
			if tt.romanized != "" && len(got.Candidates) != 0 {
				t.Errorf("Detect(%q) candidates = %v, want none", tt.text, got.Candidates)
			}
		})
	}
}

// What a language uses is what its word list ranks; what it knows is what
// any of its data knows. Without a list, its dictionaries decide both.
func TestKnower(t *testing.T) {
	d, err := dataDetector()
	if err != nil {
		t.Fatal(err)
	}
	es, ok := d.knower("es")
	if !ok {
		t.Fatal("knower(es) has no data")
	}
	for _, tt := range []struct {
		word        string
		knows, uses bool
	}{
		{"gracias", true, true}, // in the list and the dictionary
		{"casa", true, false},   // in the dictionary only
		{"pedido", true, true},  // in the list only
		{"spasibo", false, false},
	} {
		w := newTextWord(tt.word)
		if got := es.knows(w); got != tt.knows {
			t.Errorf("es knows %q = %v, want %v", tt.word, got, tt.knows)
		}
		if got := es.uses(w); got != tt.uses {
			t.Errorf("es uses %q = %v, want %v", tt.word, got, tt.uses)
		}
	}
	if _, ok := d.knower("ru"); ok {
		t.Error("knower(ru) = ok, want no data for a language without any")
	}
	// A language with a dictionary and no list.
	dicts := *d.dicts.Load()
	nolist := &Detector{}
	nolist.dicts.Store(&dictionaries{"es": dicts["es"]})
	es, ok = nolist.knower("es")
	if !ok || !es.uses(newTextWord("casa")) || es.uses(newTextWord("pedido")) {
		t.Errorf("without a list, es uses casa = %v, pedido = %v; want its dictionary to decide", ok && es.uses(newTextWord("casa")), ok && es.uses(newTextWord("pedido")))
	}
}

// Only the first maxShareWords words and maxDigitWords words with digits
// are read: a long text costs no more than its start.
func TestRomanizedLanguageReadsTheStart(t *testing.T) {
	best := lexiconOf{knows: func(textWord) bool { return false }, uses: func(textWord) bool { return false }}
	// Names nobody knows, then a romanized word past the limit.
	late := strings.Repeat("widura ", maxShareWords) + "spasibo"
	if got := romanizedLanguage(Clean(late), best); got != "" {
		t.Errorf("romanizedLanguage(%d unknown words, then spasibo) = %q, want \"\"", maxShareWords, got)
	}
	if got := romanizedLanguage(Clean(late[7:]), best); got != "ru" {
		t.Errorf("romanizedLanguage(%d unknown words, then spasibo) = %q, want ru", maxShareWords-1, got)
	}
	digits := strings.Repeat("a3b ", maxDigitWords) + "ma3lesh"
	if got := digitWords(digits); len(got) != maxDigitWords || slices.Contains(got, "ma3lesh") {
		t.Errorf("digitWords read %d words (ma3lesh among them: %v), want the first %d", len(got), slices.Contains(got, "ma3lesh"), maxDigitWords)
	}
}
