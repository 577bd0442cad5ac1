package templates

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// TestGoldenRenders renders every message in every shipped language, in the
// situations the pipeline produces, into testdata/render-<lang>.golden.
// Refresh with go test -update after a catalog change, and read the diff.
func TestGoldenRenders(t *testing.T) {
	s := newTestSet(t, Config{})
	// The team is off from Christmas Eve to New Year's Day.
	var closed []Date
	for d := 24; d <= 31; d++ {
		closed = append(closed, Date{2026, 12, d})
	}
	sch := NewSchedule(mustHours(t, DefaultBusinessHours), time.UTC, append(closed, Date{2027, 1, 1}))
	type ackCase struct {
		label  string
		at     time.Time
		within time.Duration
		name   string
		ticket string
	}
	acks := []ackCase{
		{"wednesday 10:00, 4h, name and ticket", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), 4 * time.Hour, "Ana", "#4821"},
		{"wednesday 10:00, 30m, anonymous", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), 30 * time.Minute, "", ""},
		{"wednesday 17:00, 1h", time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC), time.Hour, "", "A-77"},
		{"friday 17:30, 4h, name", time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC), 4 * time.Hour, "Ana", ""},
		{"wednesday 16:00, 4h", time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC), 4 * time.Hour, "", ""},
		{"thursday 20:00, 2h, ticket", time.Date(2026, 11, 26, 20, 0, 0, 0, time.UTC), 2 * time.Hour, "", "#4821"},
		{"saturday 12:00, 4h, name and ticket", time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), 4 * time.Hour, "Ana", "#4821"},
		{"monday 07:00, 1h", time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC), time.Hour, "", ""},
		{"wednesday 23 december 20:00, holidays until 1 january", time.Date(2026, 12, 23, 20, 0, 0, 0, time.UTC), 2 * time.Hour, "Ana", ""},
	}
	for _, lang := range s.Languages() {
		var b bytes.Buffer
		for _, a := range acks {
			p, err := sch.Promise(a.at, a.within)
			if err != nil {
				t.Fatal(err)
			}
			r, plan, err := s.RenderAck(p, AckRequest{Language: lang, Name: a.name, Ticket: a.ticket})
			if err != nil {
				t.Fatalf("RenderAck(%s, %s) = %v", lang, a.label, err)
			}
			fmt.Fprintf(&b, "## %s (%s)\n%s\n\n", plan.ID, a.label, r.Text)
		}
		other := "ru"
		if lang == "ru" {
			other = "en"
		}
		renders := []struct {
			id, label string
			data      Data
		}{
			{FollowUp, "name and ticket", Data{Name: "Ana", Ticket: "#4821"}},
			{FollowUp, "anonymous", Data{}},
			{NoteHeader, "customer " + other, NoteHeaderData(other, lang, "deepl", "")},
			{NoteHeader, "customer " + other + ", no provider", NoteHeaderData(other, lang, "", "")},
			{NoteHeaderFailed, "customer " + other, NoteHeaderData(other, lang, "openai", "rate limited")},
			{MachineTranslatedNotice, "", Data{}},
		}
		for _, n := range []int{1, 2, 3, 5, 11, 21, 22, 100} {
			renders = append(renders,
				struct {
					id, label string
					data      Data
				}{WithinMinutes, fmt.Sprint(n), Data{Count: n}},
				struct {
					id, label string
					data      Data
				}{WithinHours, fmt.Sprint(n), Data{Count: n}})
		}
		for _, r := range renders {
			out, err := s.Render(r.id, lang, r.data)
			if err != nil {
				t.Fatalf("Render(%s, %s) = %v", r.id, lang, err)
			}
			if out.Language != lang {
				t.Errorf("Render(%s, %s) used %s", r.id, lang, out.Language)
			}
			fmt.Fprintf(&b, "## %s (%s)\n%s\n\n", r.id, r.label, out.Text)
		}
		golden(t, "render-"+lang+".golden", b.Bytes())
	}
}
