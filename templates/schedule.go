package templates

import (
	"time"
)

// Schedule is when the team answers: weekly hours in a time zone, minus
// holidays.
type Schedule struct {
	hours    Hours
	loc      *time.Location
	holidays map[Date]bool
	open     bool // some day has hours
}

// NewSchedule builds a schedule; a nil loc means UTC.
func NewSchedule(h Hours, loc *time.Location, holidays []Date) *Schedule {
	if loc == nil {
		loc = time.UTC
	}
	s := &Schedule{hours: h, loc: loc, holidays: map[Date]bool{}}
	for _, d := range holidays {
		s.holidays[d] = true
	}
	for _, spans := range h.days {
		if len(spans) > 0 {
			s.open = true
		}
	}
	return s
}

// Location is the schedule's time zone.
func (s *Schedule) Location() *time.Location { return s.loc }

// maxDays bounds the search for opening hours past a run of holidays.
const maxDays = 3 * 366

// spansOn returns the opening intervals of one local date as instants.
// Wall times that DST skips move forward, as time.Date does.
func (s *Schedule) spansOn(day time.Time) [][2]time.Time {
	d := dateOf(day)
	if s.holidays[d] {
		return nil
	}
	spans := s.hours.days[day.Weekday()]
	out := make([][2]time.Time, 0, len(spans))
	for _, sp := range spans {
		a := time.Date(d.Year, d.Month, d.Day, sp.start/60, sp.start%60, 0, 0, s.loc)
		b := time.Date(d.Year, d.Month, d.Day, sp.end/60, sp.end%60, 0, 0, s.loc)
		out = append(out, [2]time.Time{a, b})
	}
	return out
}

// IsOpen reports whether t falls within business hours.
func (s *Schedule) IsOpen(t time.Time) bool {
	t = t.In(s.loc)
	for _, sp := range s.spansOn(t) {
		if !t.Before(sp[0]) && t.Before(sp[1]) {
			return true
		}
	}
	return false
}

// Add returns the instant at which d of business time has passed since t:
// time outside business hours and on holidays does not count. Add(t, 0) is
// t when open, else the next opening. The result is in the schedule's zone.
func (s *Schedule) Add(t time.Time, d time.Duration) (time.Time, error) {
	if !s.open {
		return time.Time{}, ErrNoOpenHours
	}
	t = t.In(s.loc)
	remaining := d
	y, m, dd := t.Date()
	for i := 0; i < maxDays; i++ {
		day := time.Date(y, m, dd+i, 12, 0, 0, 0, s.loc)
		for _, sp := range s.spansOn(day) {
			if !t.Before(sp[1]) {
				continue
			}
			from := sp[0]
			if t.After(from) {
				from = t
			}
			avail := sp[1].Sub(from)
			if remaining <= avail {
				return from.Add(remaining), nil
			}
			remaining -= avail
		}
	}
	return time.Time{}, ErrNoOpenHours
}
