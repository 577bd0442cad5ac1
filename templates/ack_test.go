package templates

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/language"
	xmessage "golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/parleyhq/parley/locales"
)

func newTestSet(t testing.TB, cfg Config) *Set {
	t.Helper()
	if cfg.Base == nil {
		cfg.Base = locales.FS
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	return s
}

func TestPlanAck(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	ny := mustZone(t, "America/New_York")
	sch := NewSchedule(mustHours(t, "Mon-Fri 09:00-18:00"), berlin, nil)
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, berlin) }
	tests := []struct {
		name   string
		at     time.Time
		within time.Duration
		lang   string
		zone   *time.Location
		want   AckPlan
	}{
		{"open, same day", at(25, 10, 0), 4 * time.Hour, "en", nil,
			AckPlan{ID: AckBusinessHours, Lang: "en", WithinID: WithinHours, Data: Data{Name: "Ana", Ticket: "#7", Count: 4}}},
		{"open, minutes", at(25, 10, 0), 45 * time.Minute, "de", nil,
			AckPlan{ID: AckBusinessHours, Lang: "de", WithinID: WithinMinutes, Data: Data{Name: "Ana", Ticket: "#7", Count: 45}}},
		{"friday 17:30 promises monday 12:30", at(27, 17, 30), 4 * time.Hour, "en", nil,
			AckPlan{ID: AckBusinessHoursLater, Lang: "en", Data: Data{Name: "Ana", Ticket: "#7", Day: "Monday", OnDay: "on Monday", Time: "12:30 PM (UTC+1)"}}},
		{"friday 17:30 in russian", at(27, 17, 30), 4 * time.Hour, "ru", nil,
			AckPlan{ID: AckBusinessHoursLater, Lang: "ru", Data: Data{Name: "Ana", Ticket: "#7", Day: "понедельник", OnDay: "в понедельник", Time: "12:30 (UTC+1)"}}},
		{"thursday evening is tomorrow", at(26, 20, 0), 2 * time.Hour, "de", nil,
			AckPlan{ID: AckOutsideHours, Lang: "de", Data: Data{Name: "Ana", Ticket: "#7", Day: "Freitag", OnDay: "morgen", Time: "11:00 (UTC+1)"}}},
		{"early morning is today", at(25, 7, 0), time.Hour, "fr", nil,
			AckPlan{ID: AckOutsideHours, Lang: "fr", Data: Data{Name: "Ana", Ticket: "#7", Day: "mercredi", OnDay: "aujourd’hui", Time: "10:00 (UTC+1)"}}},
		{"saturday, korean clock", at(28, 12, 0), 90 * time.Minute, "ko", nil,
			AckPlan{ID: AckOutsideHours, Lang: "ko", Data: Data{Name: "Ana", Ticket: "#7", Day: "월요일", OnDay: "월요일", Time: "오전 10:30 (UTC+1)"}}},
		{"customer zone", at(27, 17, 30), 4 * time.Hour, "en", ny,
			AckPlan{ID: AckBusinessHoursLater, Lang: "en", Data: Data{Name: "Ana", Ticket: "#7", Day: "Monday", OnDay: "on Monday", Time: "6:30 AM"}}},
		{"arabic digits", at(28, 12, 0), 4 * time.Hour, "ar", nil,
			AckPlan{ID: AckOutsideHours, Lang: "ar", Data: Data{Name: "Ana", Ticket: "#7", Day: "الاثنين", OnDay: "يوم الاثنين", Time: "١:٠٠ م (\u2066UTC+١\u2069)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := sch.Promise(tt.at, tt.within)
			if err != nil {
				t.Fatal(err)
			}
			got := PlanAck(p, tt.lang, AckRequest{Language: tt.lang, Name: "Ana", Ticket: "#7", Zone: tt.zone})
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(AckPlan{}, "Due")); diff != "" {
				t.Errorf("PlanAck mismatch (-want +got):\n%s", diff)
			}
			// Every promise here falls on a quarter hour: nothing to round.
			if !got.Due.Equal(p.Due) {
				t.Errorf("PlanAck().Due = %v, want the promise %v", got.Due, p.Due)
			}
		})
	}
}

func TestPlanAckRoundsClockTimesUp(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	sch := NewSchedule(mustHours(t, "Mon-Fri 09:00-18:00"), berlin, nil)
	// Wednesday 16:07 plus four business hours is Thursday 11:07: the
	// message promises 11:15, and the follow-up waits for it.
	p, err := sch.Promise(time.Date(2026, 11, 25, 16, 7, 0, 0, berlin), 4*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	got := PlanAck(p, "en", AckRequest{Language: "en"})
	if want := time.Date(2026, 11, 26, 11, 15, 0, 0, berlin); got.Data.Time != "11:15 AM (UTC+1)" || !got.Due.Equal(want) {
		t.Errorf("PlanAck() = %q due %v, want \"11:15 AM (UTC+1)\" due %v", got.Data.Time, got.Due, want)
	}
	// A duration is not rounded: "within 4 hours" ends at 14:07.
	p, err = sch.Promise(time.Date(2026, 11, 25, 10, 7, 0, 0, berlin), 4*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	got = PlanAck(p, "en", AckRequest{Language: "en"})
	if got.ID != AckBusinessHours || got.Data.Count != 4 || !got.Due.Equal(p.Due) {
		t.Errorf("PlanAck() = %s, %d hours, due %v; want within 4 hours, due %v", got.ID, got.Data.Count, got.Due, p.Due)
	}
}

func TestUTCOffsetLabel(t *testing.T) {
	tests := []struct {
		zone string
		at   time.Time
		lang string
		want string
	}{
		{"UTC", time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), "en", " (UTC)"},
		{"Europe/Berlin", time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC), "de", " (UTC+1)"},
		{"Europe/Berlin", time.Date(2026, 7, 15, 9, 0, 0, 0, time.UTC), "de", " (UTC+2)"}, // summer time
		{"Asia/Kolkata", time.Date(2026, 7, 15, 9, 0, 0, 0, time.UTC), "hi", " (UTC+5:30)"},
		{"America/Sao_Paulo", time.Date(2026, 7, 15, 9, 0, 0, 0, time.UTC), "pt", " (UTC-3)"},
		{"Asia/Tokyo", time.Date(2026, 7, 15, 9, 0, 0, 0, time.UTC), "ja", "（UTC+9）"},
		{"Asia/Tehran", time.Date(2026, 7, 15, 9, 0, 0, 0, time.UTC), "fa", " (\u2066UTC+۳:۳۰\u2069)"},
	}
	for _, tt := range tests {
		at := tt.at.In(mustZone(t, tt.zone))
		if got := zoneSuffix(tt.lang, at, calendarFor(tt.lang)); got != tt.want {
			t.Errorf("zoneSuffix(%s, %s) = %q, want %q", tt.lang, at, got, tt.want)
		}
	}
}

func TestPlanAckHolidayWeeks(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	var closed []Date
	for d := 24; d <= 31; d++ {
		closed = append(closed, Date{2026, 12, d})
	}
	closed = append(closed, Date{2027, 1, 1})
	sch := NewSchedule(mustHours(t, DefaultBusinessHours), berlin, closed)
	p, err := sch.Promise(time.Date(2026, 12, 23, 17, 0, 0, 0, berlin), 2*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ lang, onDay, time string }{
		{"en", "on Monday, January 4", "10:00 AM"},
		{"de", "am Montag (4. Januar)", "10:00"},
		{"es", "el lunes 4 de enero", "10:00"},
		{"ru", "в понедельник 4 января", "10:00"},
		{"pl", "w poniedziałek 4 stycznia", "10:00"},
		{"tr", "4 Ocak Pazartesi günü", "10:00"},
		{"he", "ביום שני (4 בינואר)", "10:00"},
		{"ar", "يوم الاثنين ٤ يناير", "١٠:٠٠ ص"},
		{"hi", "सोमवार, 4 जनवरी को", "10:00 am"},
		{"ja", "1月4日月曜日", "10:00"},
		{"ko", "1월 4일 월요일", "오전 10:00"},
	}
	for _, tt := range tests {
		// A customer in the schedule's zone: no offset follows the time.
		got := PlanAck(p, tt.lang, AckRequest{Language: tt.lang, Zone: berlin})
		if got.ID != AckBusinessHoursLater || got.Data.OnDay != tt.onDay || got.Data.Time != tt.time {
			t.Errorf("PlanAck(%s) = %s %q %q, want %s %q %q", tt.lang, got.ID, got.Data.OnDay, got.Data.Time, AckBusinessHoursLater, tt.onDay, tt.time)
		}
	}
}

func TestWithinPhrase(t *testing.T) {
	tests := []struct {
		d      time.Duration
		wantID string
		wantN  int
	}{
		{0, WithinMinutes, 1},
		{30 * time.Second, WithinMinutes, 1},
		{30 * time.Minute, WithinMinutes, 30},
		{59*time.Minute + time.Second, WithinHours, 1},
		{time.Hour, WithinHours, 1},
		{90 * time.Minute, WithinMinutes, 90},
		{2 * time.Hour, WithinHours, 2},
		{150 * time.Minute, WithinHours, 3},
	}
	for _, tt := range tests {
		id, n := withinPhrase(tt.d)
		if id != tt.wantID || n != tt.wantN {
			t.Errorf("withinPhrase(%v) = %s %d, want %s %d", tt.d, id, n, tt.wantID, tt.wantN)
		}
	}
}

func TestRenderAck(t *testing.T) {
	s := newTestSet(t, Config{})
	sch := NewSchedule(mustHours(t, DefaultBusinessHours), time.UTC, nil)
	tests := []struct {
		name string
		at   time.Time
		req  AckRequest
		want Rendered
	}{
		{"english within", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), AckRequest{Language: "en", Name: "Ana"},
			Rendered{Language: "en", Text: "Hi Ana, thanks for writing to us. We've got your message, and someone from our team will reply within 4 hours."}},
		{"friday evening", time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC), AckRequest{Language: "en-GB", Ticket: "#4821"},
			Rendered{Language: "en", Text: "Thanks for writing to us. We've got your message (reference #4821), and someone from our team will reply by 12:30 PM (UTC) on Monday."}},
		{"russian plural", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), AckRequest{Language: "ru"},
			Rendered{Language: "ru", Text: "Здравствуйте! Спасибо, что написали нам. Мы получили ваше сообщение, и сотрудник нашей команды ответит в течение 4 часов."}},
		{"regional falls back to base", time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC), AckRequest{Language: "pt-BR", Name: "João"},
			Rendered{Language: "pt", Text: "Olá, João! Obrigado por escrever para nós. Nossa equipe não está disponível agora, mas sua mensagem está guardada com a gente e você vai receber uma resposta na segunda-feira até as 13:00 (UTC)."}},
		{"unknown language falls back to default", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), AckRequest{Language: "sv"},
			Rendered{Language: "en", Text: "Thanks for writing to us. We've got your message, and someone from our team will reply within 4 hours."}},
		{"hebrew with latin name and ticket", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), AckRequest{Language: "he", Name: "Dana", Ticket: "#4821"},
			Rendered{Language: "he", Text: "שלום \u2068Dana\u2069, תודה שפנית אלינו. ההודעה שלך (מספר פנייה \u2068#4821\u2069) התקבלה, ומישהו מהצוות שלנו יחזור אליך תוך 4 שעות."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := sch.Promise(tt.at, 4*time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := s.RenderAck(p, tt.req)
			if err != nil {
				t.Fatalf("RenderAck = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("RenderAck mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNoteHeader(t *testing.T) {
	s := newTestSet(t, Config{})
	tests := []struct {
		id, customer, agent string
		want                string
	}{
		{NoteHeader, "ru", "en", "Machine translation from Russian (ru) by openai. The original is below; check it before quoting."},
		{NoteHeader, "ar", "de", "Maschinelle Übersetzung (Originalsprache: Arabisch, ar) über openai. Das Original steht darunter – bitte vor dem Zitieren prüfen."},
		{NoteHeaderFailed, "ja", "en", "Machine translation from Japanese (ja) failed: timeout. The original is below."},
	}
	for _, tt := range tests {
		got, err := s.Render(tt.id, tt.agent, NoteHeaderData(tt.customer, tt.agent, "openai", "timeout"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != tt.want {
			t.Errorf("Render(%s, %s) = %q, want %q", tt.id, tt.agent, got.Text, tt.want)
		}
	}
	if got := LanguageName("xx-invalid-tag!", "en"); got != "xx-invalid-tag!" {
		t.Errorf("LanguageName(bad) = %q", got)
	}
}

func TestCalendarsCoverShippedLanguages(t *testing.T) {
	s := newTestSet(t, Config{})
	for _, l := range s.Languages() {
		c := calendars[l]
		if c == nil {
			t.Errorf("no calendar for shipped language %s", l)
			continue
		}
		seen := map[string]bool{}
		for d := range 7 {
			if c.days[d] == "" || c.onDays[d] == "" || seen[c.days[d]] {
				t.Errorf("%s: weekday %d empty or repeated: %q", l, d, c.days[d])
			}
			seen[c.days[d]] = true
		}
		if c.today == "" || c.tmrw == "" {
			t.Errorf("%s: today/tomorrow missing", l)
		}
		for m, name := range c.months {
			if name == "" {
				t.Errorf("%s: month %d missing", l, m+1)
			}
		}
		if !strings.Contains(c.datePattern, "{d}") || !strings.Contains(c.datePattern, "{month}") {
			t.Errorf("%s: date pattern %q lacks the day or month", l, c.datePattern)
		}
		if c.rtl != (l == "ar" || l == "he" || l == "fa") {
			t.Errorf("%s: rtl = %v", l, c.rtl)
		}
	}
}

func TestFormatTime(t *testing.T) {
	morning := time.Date(2026, 11, 30, 9, 5, 0, 0, time.UTC)
	noon := time.Date(2026, 11, 30, 12, 30, 0, 0, time.UTC)
	evening := time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)
	midnight := time.Date(2026, 11, 30, 0, 15, 0, 0, time.UTC)
	tests := []struct {
		lang string
		want [4]string
	}{
		{"en", [4]string{"9:05 AM", "12:30 PM", "5:00 PM", "12:15 AM"}},
		{"en-GB", [4]string{"9:05 AM", "12:30 PM", "5:00 PM", "12:15 AM"}},
		{"de", [4]string{"09:05", "12:30", "17:00", "00:15"}},
		{"es", [4]string{"9:05", "12:30", "17:00", "0:15"}},
		{"he", [4]string{"9:05", "12:30", "17:00", "0:15"}},
		{"ja", [4]string{"9:05", "12:30", "17:00", "0:15"}},
		{"ko", [4]string{"오전 9:05", "오후 12:30", "오후 5:00", "오전 12:15"}},
		{"hi", [4]string{"9:05 am", "12:30 pm", "5:00 pm", "12:15 am"}},
		{"ar", [4]string{"٩:٠٥ ص", "١٢:٣٠ م", "٥:٠٠ م", "١٢:١٥ ص"}},
		{"fa", [4]string{"۹:۰۵", "۱۲:۳۰", "۱۷:۰۰", "۰:۱۵"}},
		{"zh", [4]string{"09:05", "12:30", "17:00", "00:15"}},
		{"xx", [4]string{"9:05 AM", "12:30 PM", "5:00 PM", "12:15 AM"}},
	}
	for _, tt := range tests {
		var got [4]string
		for i, at := range []time.Time{morning, noon, evening, midnight} {
			got[i] = FormatTime(at, tt.lang)
		}
		if got != tt.want {
			t.Errorf("FormatTime(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got := Weekday(time.Wednesday, "pl"); got != "środa" {
		t.Errorf("Weekday(Wednesday, pl) = %q", got)
	}
}

func TestIsolate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Dana", "\u2068Dana\u2069"},
		{"#4821", "\u2068#4821\u2069"},
		{"A-1029", "\u2068A-1029\u2069"},
		{"+1 555 0100", "\u2068+1 555 0100\u2069"},
		{"4", "4"},
		{"12:30", "12:30"},
		{"١٢:٣٠ م", "١٢:٣٠ م"},
		{"דנה", "דנה"},
		{"محمد", "محمد"},
		{"\u2068Dana\u2069", "\u2068Dana\u2069"},
	}
	for _, tt := range tests {
		if got := Isolate(tt.in); got != tt.want {
			t.Errorf("Isolate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRTLRendering checks every message in the right-to-left catalogs: Latin
// names and references come out isolated, and nothing else adds direction
// marks.
func TestRTLRendering(t *testing.T) {
	s := newTestSet(t, Config{})
	d := Data{Name: "John Smith", Ticket: "#A-1029", Time: "12:30", OnDay: "x", Count: 3, Within: "y",
		Language: "English", Tag: "en", Provider: "openai", Reason: "HTTP 503"}
	for _, lang := range []string{"ar", "he", "fa"} {
		for _, m := range Messages() {
			r, err := s.Render(m.ID, lang, d)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []string{d.Name, d.Ticket, d.Tag, d.Provider, d.Reason, d.Language} {
				if strings.Contains(r.Text, v) && !strings.Contains(r.Text, "\u2068"+v+"\u2069") {
					t.Errorf("%s %s: %q not isolated in %q", lang, m.ID, v, r.Text)
				}
			}
			stripped := strings.NewReplacer("\u2068", "", "\u2069", "").Replace(r.Text)
			if bad := bidiControls(stripped); bad != "" {
				t.Errorf("%s %s: stray direction marks %s in %q", lang, m.ID, bad, r.Text)
			}
			if strings.Count(r.Text, "\u2068") != strings.Count(r.Text, "\u2069") {
				t.Errorf("%s %s: unbalanced isolates in %q", lang, m.ID, r.Text)
			}
		}
	}
	r, err := s.Render(AckBusinessHours, "en", d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(r.Text, "\u2068\u2069") {
		t.Errorf("left-to-right language got isolates: %q", r.Text)
	}
}

// TestDigitsMatchCLDR compares the native digits of the calendars with
// golang.org/x/text's CLDR number formatting.
func TestDigitsMatchCLDR(t *testing.T) {
	for _, lang := range []string{"ar", "fa", "en", "hi", "he"} {
		want := xmessage.NewPrinter(language.MustParse(lang)).Sprint(number.Decimal(1234567890, number.NoSeparator()))
		got := localDigits("1234567890", calendars[lang].digits)
		if got != want {
			t.Errorf("digits(%s) = %q, want %q", lang, got, want)
		}
	}
}
