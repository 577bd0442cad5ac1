package templates

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mustHours(t *testing.T, s string) Hours {
	t.Helper()
	h, err := ParseBusinessHours(s)
	if err != nil {
		t.Fatalf("ParseBusinessHours(%q) = %v", s, err)
	}
	return h
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q) = %v", name, err)
	}
	return loc
}

func TestParseBusinessHours(t *testing.T) {
	tests := []struct {
		in   string
		want map[time.Weekday][]span
	}{
		{"Mon-Fri 09:00-18:00", map[time.Weekday][]span{
			time.Monday: {{540, 1080}}, time.Tuesday: {{540, 1080}}, time.Wednesday: {{540, 1080}},
			time.Thursday: {{540, 1080}}, time.Friday: {{540, 1080}}}},
		{"Mon-Thu 09:00-18:00, Fri 09:00-15:00", map[time.Weekday][]span{
			time.Monday: {{540, 1080}}, time.Tuesday: {{540, 1080}}, time.Wednesday: {{540, 1080}},
			time.Thursday: {{540, 1080}}, time.Friday: {{540, 900}}}},
		{"sun-thu 08:30-12:00 13:00-17:00", map[time.Weekday][]span{
			time.Sunday: {{510, 720}, {780, 1020}}, time.Monday: {{510, 720}, {780, 1020}},
			time.Tuesday: {{510, 720}, {780, 1020}}, time.Wednesday: {{510, 720}, {780, 1020}},
			time.Thursday: {{510, 720}, {780, 1020}}}},
		{"Sat 10:00-12:00; Sat 11:00-14:00", map[time.Weekday][]span{time.Saturday: {{600, 840}}}},
		{"Mon-Sun 00:00-24:00", map[time.Weekday][]span{
			0: {{0, 1440}}, 1: {{0, 1440}}, 2: {{0, 1440}}, 3: {{0, 1440}}, 4: {{0, 1440}}, 5: {{0, 1440}}, 6: {{0, 1440}}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h := mustHours(t, tt.in)
			got := map[time.Weekday][]span{}
			for d, spans := range h.days {
				if len(spans) > 0 {
					got[time.Weekday(d)] = spans
				}
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(span{})); diff != "" {
				t.Errorf("ParseBusinessHours(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseSettingsErrors(t *testing.T) {
	tests := []struct {
		name    string
		setting string
		parse   func() error
	}{
		{"empty hours", SettingBusinessHours, func() error { _, err := ParseBusinessHours(" "); return err }},
		{"unknown day", SettingBusinessHours, func() error { _, err := ParseBusinessHours("Mon-Fro 09:00-18:00"); return err }},
		{"no times", SettingBusinessHours, func() error { _, err := ParseBusinessHours("Mon-Fri"); return err }},
		{"bad time", SettingBusinessHours, func() error { _, err := ParseBusinessHours("Mon-Fri 9-18"); return err }},
		{"minutes out of range", SettingBusinessHours, func() error { _, err := ParseBusinessHours("Mon 09:60-18:00"); return err }},
		{"past 24:00", SettingBusinessHours, func() error { _, err := ParseBusinessHours("Mon 09:00-24:30"); return err }},
		{"reversed", SettingBusinessHours, func() error { _, err := ParseBusinessHours("Mon 18:00-09:00"); return err }},
		{"zone", SettingTimezone, func() error { _, err := ParseTimezone("Mars/Olympus"); return err }},
		{"duration", SettingFirstReplyIn, func() error { _, err := ParseFirstReplyWithin("four hours"); return err }},
		{"negative duration", SettingFirstReplyIn, func() error { _, err := ParseFirstReplyWithin("-1h"); return err }},
		{"holiday", SettingHolidays, func() error { _, err := ParseHolidays("2026-12-25, 2026-13-01"); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse()
			if !errors.Is(err, ErrBadSetting) {
				t.Fatalf("error = %v, want ErrBadSetting", err)
			}
			if !strings.Contains(err.Error(), tt.setting) {
				t.Errorf("error %q does not name %s", err, tt.setting)
			}
		})
	}
}

func TestParseDefaults(t *testing.T) {
	loc, err := ParseTimezone("")
	if err != nil || loc != time.UTC {
		t.Errorf("ParseTimezone(\"\") = %v, %v, want UTC", loc, err)
	}
	d, err := ParseFirstReplyWithin("")
	if err != nil || d != 4*time.Hour {
		t.Errorf("ParseFirstReplyWithin(\"\") = %v, %v, want 4h", d, err)
	}
	hs, err := ParseHolidays("2026-12-25 2026-12-26,2027-01-01")
	want := []Date{{2026, 12, 25}, {2026, 12, 26}, {2027, 1, 1}}
	if err != nil || !cmp.Equal(hs, want) {
		t.Errorf("ParseHolidays = %v, %v, want %v", hs, err, want)
	}
}

func TestScheduleAdd(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	ny := mustZone(t, "America/New_York")
	tokyo := mustZone(t, "Asia/Tokyo")
	weekdays := mustHours(t, "Mon-Fri 09:00-18:00")
	short := mustHours(t, "Mon-Thu 09:00-18:00, Fri 09:00-15:00")
	lunch := mustHours(t, "Mon-Fri 09:00-12:00 13:00-17:00")
	always := mustHours(t, "Mon-Sun 00:00-24:00")
	early := mustHours(t, "Mon-Sun 01:00-05:00")
	tests := []struct {
		name     string
		hours    Hours
		loc      *time.Location
		holidays []Date
		at       time.Time
		within   time.Duration
		want     time.Time
	}{
		{"friday evening rolls to monday", weekdays, time.UTC, nil,
			time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC), 4 * time.Hour,
			time.Date(2026, 11, 30, 12, 30, 0, 0, time.UTC)},
		{"same day", weekdays, time.UTC, nil,
			time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), 4 * time.Hour,
			time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)},
		{"ends exactly at closing", weekdays, time.UTC, nil,
			time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC), 4 * time.Hour,
			time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)},
		{"before opening", weekdays, time.UTC, nil,
			time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), 30 * time.Minute,
			time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)},
		{"saturday waits for monday", weekdays, time.UTC, nil,
			time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC), 4 * time.Hour,
			time.Date(2026, 11, 30, 13, 0, 0, 0, time.UTC)},
		{"sunday night", weekdays, time.UTC, nil,
			time.Date(2026, 11, 29, 23, 59, 0, 0, time.UTC), time.Hour,
			time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)},
		{"spans a whole week", weekdays, time.UTC, nil,
			time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), 45 * time.Hour,
			time.Date(2026, 11, 27, 18, 0, 0, 0, time.UTC)},
		{"short friday", short, time.UTC, nil,
			time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC), 2 * time.Hour,
			time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)},
		{"lunch break does not count", lunch, time.UTC, nil,
			time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC), 2 * time.Hour,
			time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)},
		{"received in UTC, counted in Berlin", weekdays, berlin, nil,
			time.Date(2026, 11, 27, 16, 30, 0, 0, time.UTC), 4 * time.Hour,
			time.Date(2026, 11, 30, 12, 30, 0, 0, berlin)},
		{"new york afternoon is after hours in tokyo", weekdays, tokyo, nil,
			time.Date(2026, 11, 25, 14, 0, 0, 0, ny), time.Hour,
			time.Date(2026, 11, 26, 10, 0, 0, 0, tokyo)},
		{"holiday monday", weekdays, time.UTC, []Date{{2026, 11, 30}},
			time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC), 4 * time.Hour,
			time.Date(2026, 12, 1, 12, 30, 0, 0, time.UTC)},
		{"christmas week", weekdays, berlin, []Date{{2026, 12, 24}, {2026, 12, 25}, {2026, 12, 28}},
			time.Date(2026, 12, 23, 17, 0, 0, 0, berlin), 2 * time.Hour,
			time.Date(2026, 12, 29, 10, 0, 0, 0, berlin)},
		{"received on a holiday", weekdays, time.UTC, []Date{{2026, 11, 25}},
			time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), time.Hour,
			time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)},
		{"dst spring forward, round the clock", always, berlin, nil,
			time.Date(2026, 3, 29, 0, 30, 0, 0, berlin), 3 * time.Hour,
			time.Date(2026, 3, 29, 4, 30, 0, 0, berlin)},
		{"dst fall back, round the clock", always, berlin, nil,
			time.Date(2026, 10, 25, 0, 30, 0, 0, berlin), 3 * time.Hour,
			time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)}, // 02:30 CET, the second 02:30
		{"dst spring forward shortens a night shift", early, berlin, nil,
			time.Date(2026, 3, 29, 1, 0, 0, 0, berlin), 4 * time.Hour,
			time.Date(2026, 3, 30, 2, 0, 0, 0, berlin)},
		{"dst in new york keeps wall hours", weekdays, ny, nil,
			time.Date(2026, 3, 6, 17, 0, 0, 0, ny), 2 * time.Hour,
			time.Date(2026, 3, 9, 10, 0, 0, 0, ny)},
		{"zero waits for opening", weekdays, time.UTC, nil,
			time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC), 0,
			time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSchedule(tt.hours, tt.loc, tt.holidays)
			got, err := s.Add(tt.at, tt.within)
			if err != nil {
				t.Fatalf("Add(%v, %v) = %v", tt.at, tt.within, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("Add(%v, %v) = %v, want %v", tt.at, tt.within, got, tt.want.In(tt.loc))
			}
			if got.Location() != tt.loc {
				t.Errorf("Add result in %v, want %v", got.Location(), tt.loc)
			}
		})
	}
}

func TestScheduleNeverOpen(t *testing.T) {
	s := NewSchedule(Hours{}, nil, nil)
	if _, err := s.Add(time.Now(), time.Hour); !errors.Is(err, ErrNoOpenHours) {
		t.Errorf("Add on empty hours = %v, want ErrNoOpenHours", err)
	}
	if s.IsOpen(time.Now()) {
		t.Error("IsOpen on empty hours = true")
	}
}

func TestIsOpen(t *testing.T) {
	s := NewSchedule(mustHours(t, "Mon-Fri 09:00-18:00"), mustZone(t, "Europe/Berlin"), []Date{{2026, 12, 25}})
	tests := []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), true},   // 09:00 Berlin
		{time.Date(2026, 11, 25, 7, 59, 0, 0, time.UTC), false}, // 08:59
		{time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC), false}, // 18:00, closed
		{time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), false}, // Saturday
		{time.Date(2026, 12, 25, 12, 0, 0, 0, time.UTC), false}, // holiday
	}
	for _, tt := range tests {
		if got := s.IsOpen(tt.at); got != tt.want {
			t.Errorf("IsOpen(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
}

func TestLoadSchedule(t *testing.T) {
	s, err := LoadSchedule("", "Europe/Berlin", "2026-12-25")
	if err != nil {
		t.Fatal(err)
	}
	if s.Location().String() != "Europe/Berlin" {
		t.Errorf("Location = %v", s.Location())
	}
	if !s.IsOpen(time.Date(2026, 11, 25, 9, 0, 0, 0, s.Location())) || s.IsOpen(time.Date(2026, 12, 25, 10, 0, 0, 0, s.Location())) {
		t.Error("default hours or holiday not applied")
	}
	for _, bad := range [][3]string{{"Mon-Fri", "", ""}, {"", "Nowhere/City", ""}, {"", "", "tomorrow"}} {
		if _, err := LoadSchedule(bad[0], bad[1], bad[2]); !errors.Is(err, ErrBadSetting) {
			t.Errorf("LoadSchedule(%q) = %v, want ErrBadSetting", bad, err)
		}
	}
}
