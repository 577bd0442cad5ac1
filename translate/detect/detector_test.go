package detect

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/translate"
)

// testLanguages are the languages the shared test detector loads: enough
// for the confusable pairs (es/pt, ru/uk, ar/fa) and little memory.
var testLanguages = []string{"es", "pt", "ru", "uk", "ar", "fa"}

// sharedDetector loads one detector per test binary; go test runs packages
// in parallel and every detector's models cost memory.
var sharedDetector = sync.OnceValues(func() (*Detector, error) {
	return Open(context.Background(), Config{Languages: testLanguages})
})

func testDetector(t *testing.T) *Detector {
	t.Helper()
	d, err := sharedDetector()
	if err != nil {
		t.Fatalf("Open() error = %v", err)
	}
	return d
}

func detect(t *testing.T, in translate.DetectInput) translate.Detection {
	t.Helper()
	got, err := testDetector(t).Detect(context.Background(), in)
	if err != nil {
		t.Fatalf("Detect(%q) error = %v", in.Text, err)
	}
	return got
}

func TestDetectClearText(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"Hola, mi paquete todavía no ha llegado, pedido 88213", "es"},
		{"Olá, a minha encomenda ainda não chegou", "pt"},
		{"Здравствуйте, моя посылка ещё не пришла", "ru"},
		{"Добрий день, моя посилка досі не прийшла", "uk"},
		{"مرحبا، لم يصل طردي بعد", "ar"},
		{"سلام، بسته من هنوز نرسیده", "fa"},
		// Persian typed on an Arabic keyboard layout: Arabic's ي and ك
		// for ی and ک.
		{"سلام، بسته من هنوز نرسيده", "fa"},
		{"كار نمي\u200cكنه", "fa"}, // with a zero-width non-joiner, as Persian writes it
		{"لطفا پولم را برگردانيد", "fa"},
		{"هل يمكنك مساعدتي في الطلب", "ar"},
		{"كيف يمكنني إلغاء الاشتراك", "ar"},
		{"gracias", "es"},
		{"obrigado", "pt"},
		{"дякую", "uk"},
		{"м'ясо", "uk"},  // Ukrainian's apostrophe, where Russian writes ъ
		{"привiт", "uk"}, // with a Latin i, as on a Russian keyboard layout
		{"спасибо", "ru"},
		{"devolucion por favor", "es"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := detect(t, translate.DetectInput{Text: tt.text})
			if got.Language != tt.want || got.Source != translate.SourceDetected {
				t.Errorf("Detect(%q) = %s (%s, %v), want %s detected", tt.text, got.Language, got.Source, got.Candidates, tt.want)
			}
			if got.Confidence < DefaultThresholds.Answer[sizeWord] || got.Confidence > 1 {
				t.Errorf("Detect(%q) confidence = %v, want in [answer threshold, 1]", tt.text, got.Confidence)
			}
		})
	}
}

func TestDetectAbstains(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		wantCands []string // languages that must be among the candidates
		source    translate.Source
	}{
		{"no letters", "📦 #88213 https://t.co/x", nil, translate.SourceDefault},
		{"only ok", "ok 👍", nil, translate.SourceDetected},
		{"a script no language uses", "Γεια σας", nil, translate.SourceDefault},
		{"shared by es and pt", "sigo esperando", []string{"es", "pt"}, translate.SourceDetected},
		{"shared by ru and uk", "так", []string{"ru", "uk"}, translate.SourceDetected},
		// Persian on an Arabic keyboard layout; it was answered Arabic
		// when Arabic's ي was a full marker.
		{"too short to tell persian from arabic", "خبري نشد؟", []string{"ar", "fa"}, translate.SourceDetected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := detect(t, translate.DetectInput{Text: tt.text})
			if got.Language != translate.Undetermined || got.Source != tt.source {
				t.Errorf("Detect(%q) = %s (%s), want und (%s)", tt.text, got.Language, got.Source, tt.source)
			}
			for _, l := range tt.wantCands {
				if !hasCandidate(got.Candidates, l) {
					t.Errorf("Detect(%q) candidates = %v, want %s among them", tt.text, got.Candidates, l)
				}
			}
		})
	}
}

func hasCandidate(cs []translate.Candidate, lang string) bool {
	for _, c := range cs {
		if c.Language == lang {
			return true
		}
	}
	return false
}

func TestDetectFusesHints(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		hints  []string
		want   string
		source translate.Source
	}{
		{"right hint tips an ambiguous text", "sigo esperando", []string{"pt-BR"}, "pt", translate.SourceHint},
		{"right hint tips the other way", "sigo esperando", []string{"es-MX"}, "es", translate.SourceHint},
		{"accept-language header", "так", []string{"uk-UA,uk;q=0.9,en;q=0.8"}, "uk", translate.SourceHint},
		{"clear text beats a wrong hint", "Здравствуйте, моя посылка ещё не пришла", []string{"en-US"}, "ru", translate.SourceDetected},
		{"clear text beats a wrong same-script hint", "Добрий день, моя посилка досі не прийшла", []string{"ru"}, "uk", translate.SourceDetected},
		{"clear word beats a wrong hint", "gracias", []string{"pt"}, "es", translate.SourceDetected},
		{"no letters: the hint decides", "👍", []string{"de-AT"}, "de", translate.SourceHint},
		{"no letters: an unconfigured hint still decides", "👍", []string{"ja"}, "ja", translate.SourceHint},
		{"unparsable hints are ignored", "👍", []string{"", "not a tag!"}, translate.Undetermined, translate.SourceDefault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := detect(t, translate.DetectInput{Text: tt.text, Hints: tt.hints})
			if got.Language != tt.want || got.Source != tt.source {
				t.Errorf("Detect(%q, hints %v) = %s (%s, %v), want %s (%s)", tt.text, tt.hints, got.Language, got.Source, got.Candidates, tt.want, tt.source)
			}
		})
	}
}

// fusionCase is a text with its hints and conversation, and the language
// and source the decision must come to.
type fusionCase struct {
	name   string
	text   string
	hints  []string
	prior  *translate.Prior
	want   string
	source translate.Source
}

// input is what the case gives the detector.
func (tt fusionCase) input() translate.DetectInput {
	return translate.DetectInput{Text: tt.text, Hints: tt.hints, Conversation: tt.prior}
}

// check reports got unless it has the case's language and source.
func (tt fusionCase) check(t *testing.T, got translate.Detection) {
	t.Helper()
	if got.Language != tt.want || got.Source != tt.source {
		t.Errorf("%q with hints %v and prior %+v: got %s (%s, %v), want %s (%s)",
			tt.text, tt.hints, tt.prior, got.Language, got.Source, got.Candidates, tt.want, tt.source)
	}
}

func TestDetectConversation(t *testing.T) {
	ru := &translate.Prior{Language: "ru", Confidence: 0.99, Source: translate.SourceDetected}
	weakPT := &translate.Prior{Language: "pt", Confidence: 0.5, Source: translate.SourceDetected}
	override := &translate.Prior{Language: "fr", Confidence: 1, Source: translate.SourceOverride}
	tests := []fusionCase{
		{"ambiguous text keeps the language", "так", nil, ru, "ru", translate.SourceConversation},
		{"no letters keeps the language", "👍👍", nil, ru, "ru", translate.SourceConversation},
		{"a hint does not move it", "так", []string{"uk"}, ru, "ru", translate.SourceConversation},
		{"agreeing text", "спасибо большое", nil, ru, "ru", translate.SourceDetected},
		{"strong evidence moves it", "Добрий день, моя посилка досі не прийшла, допоможіть будь ласка", nil, ru, "uk", translate.SourceDetected},
		{"a weak prior yields to an answer", "gracias", nil, weakPT, "es", translate.SourceDetected},
		{"a weak prior still tips a close call", "sigo esperando", nil, weakPT, "pt", translate.SourceConversation},
		{"override beats clear text", "Hello, my package has not arrived", nil, override, "fr", translate.SourceOverride},
		{"override beats hints", "gracias", []string{"es"}, override, "fr", translate.SourceOverride},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, detect(t, tt.input()))
		})
	}
}

func TestDetectOverrideDetection(t *testing.T) {
	got := detect(t, translate.DetectInput{Text: "hola", Conversation: &translate.Prior{Language: "fr", Source: translate.SourceOverride}})
	want := translate.Detection{Language: "fr", Confidence: 1, Source: translate.SourceOverride, Candidates: []translate.Candidate{{Language: "fr", Confidence: 1}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Detect(override) mismatch (-want +got):\n%s", diff)
	}
}

func TestDetectEndedContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := testDetector(t)
	if _, err := d.Detect(ctx, translate.DetectInput{Text: "hello"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Detect(ended ctx) error = %v, want context.Canceled", err)
	}
}

func TestDetectConcurrent(t *testing.T) {
	d := testDetector(t)
	texts := map[string]string{"gracias por todo": "es", "спасибо большое": "ru", "muito obrigado pela ajuda": "pt", "شكرا جزيلا": "ar"}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for text, want := range texts {
				got, err := d.Detect(context.Background(), translate.DetectInput{Text: text})
				if err != nil || got.Language != want {
					errs <- text + " → " + got.Language
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Detect: %s", e)
	}
}

func TestLoadStats(t *testing.T) {
	d := testDetector(t)
	st, ok := d.Stats()
	if !ok || !d.Ready() || st.Ready <= 0 || st.Full < st.Ready {
		t.Errorf("Stats() = %+v, %v; Ready() = %v; want loaded with Full >= Ready > 0", st, ok, d.Ready())
	}
	// Scoring from lingua's own maps is the fallback for a lingua whose
	// insides changed; with v1.4.0 the merged table must be in use.
	if st.TableBytes == 0 || d.scorer.Load() == nil {
		t.Errorf("Stats().TableBytes = %d, scorer loaded = %v; want the merged n-gram table", st.TableBytes, d.scorer.Load() != nil)
	}
	// lingua's copies of the models are gone: the table replaced them.
	caches, err := linguaCaches()
	if err != nil {
		t.Fatal(err)
	}
	for n, c := range caches {
		for _, l := range d.lingua {
			if _, ok := c.Load(l); ok {
				t.Errorf("lingua still holds the %d-gram model of %s after Load", n+1, l)
			}
		}
	}
}

// BenchmarkDetect measures one short message on the shared test detector;
// bench/detect measures the targets with the full language set.
func BenchmarkDetect(b *testing.B) {
	d, err := sharedDetector()
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{"hola, dónde está mi pedido 5521?", "спасибо", "ainda não chegou", "لم يصل طردي بعد"}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := d.Detect(ctx, translate.DetectInput{Text: texts[i%len(texts)]}); err != nil {
			b.Fatal(err)
		}
	}
}
