package pipeline_test

import (
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/locales"
	"github.com/parleyhq/parley/templates"
)

// TestTemplateRepliesFollowUpKeepsThePromise checks that the follow-up is
// scheduled for the time the acknowledgement states, after rounding, not
// before it.
func TestTemplateRepliesFollowUpKeepsThePromise(t *testing.T) {
	set, err := templates.New(templates.Config{Default: "en", Base: locales.FS})
	if err != nil {
		t.Fatal(err)
	}
	schedule, err := templates.LoadSchedule("Mon-Fri 09:00-18:00", "Europe/Berlin", "")
	if err != nil {
		t.Fatal(err)
	}
	r := pipeline.TemplateReplies{Set: set, Schedule: schedule, Within: 4 * time.Hour}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// Wednesday 16:07: four business hours end on Thursday at 11:07.
	got, err := r.Ack(pipeline.AckInput{Language: "es", Received: time.Date(2026, 11, 25, 16, 7, 0, 0, berlin)})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 26, 11, 15, 0, 0, berlin)
	if !strings.Contains(got.Text, "11:15 (UTC+1)") || !got.FollowUpAt.Equal(want) {
		t.Errorf("Ack() = %q, follow-up at %v; want the text to promise 11:15 (UTC+1) and the follow-up then (%v)", got.Text, got.FollowUpAt, want)
	}
}
