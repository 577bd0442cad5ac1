package templates

import (
	"fmt"
	"strconv"
	"time"
)

// Promise is when the first reply to a message is due.
type Promise struct {
	// Received is when the message arrived.
	Received time.Time
	// Due is Received plus the first-reply target in business time, in the
	// schedule's zone.
	Due time.Time
	// Open reports whether the team was working when the message arrived.
	Open bool
}

// Promise computes when the first reply to a message received at t is due,
// counting within in business time.
func (s *Schedule) Promise(received time.Time, within time.Duration) (Promise, error) {
	due, err := s.Add(received, within)
	if err != nil {
		return Promise{}, err
	}
	return Promise{Received: received, Due: due, Open: s.IsOpen(received)}, nil
}

// AckRequest is what the pipeline knows when it acknowledges a message.
type AckRequest struct {
	// Language is the customer's language tag.
	Language string
	// Name and Ticket are inserted when not empty.
	Name, Ticket string
	// Zone is the customer's time zone when the helpdesk knows it; nil
	// writes times in the schedule's zone, followed by its offset from UTC
	// ("11:00 AM (UTC+1)"), so that a customer elsewhere reads the promise
	// right.
	Zone *time.Location
}

// AckPlan is a chosen acknowledgement: the message and its data, in the
// catalog language that will be used.
type AckPlan struct {
	ID   string
	Lang string
	Data Data
	// WithinID is the duration phrase message to render into Data.Within
	// (AckBusinessHours only), with Data.Count set.
	WithinID string
	// Due is the promise as the message states it: the promised time, or
	// for a duration the end of it. A clock time is rounded up to the
	// quarter hour ("by 10:30", not "by 10:29"), which moves the promise
	// later, never earlier; a follow-up belongs after Due.
	Due time.Time
}

// promiseStep is what a promised clock time is rounded up to.
const promiseStep = 15 * time.Minute

// PlanAck picks the acknowledgement for a promise in catalog language lang
// and fills its data. During business hours with the reply due the same
// local day it promises a duration ("within 2 hours"); otherwise it names
// the day ("today", "tomorrow", "on Monday", or with the date when a week
// or more away) and the time, in lang's words and clock format, and says
// whether the team is away.
func PlanAck(p Promise, lang string, req AckRequest) AckPlan {
	plan := AckPlan{Lang: lang, Data: Data{Name: req.Name, Ticket: req.Ticket}}
	zone := req.Zone
	if zone == nil {
		zone = p.Due.Location()
	}
	recv, due := p.Received.In(zone), p.Due.In(zone)
	if p.Open && dateOf(recv) == dateOf(due) {
		plan.ID = AckBusinessHours
		plan.WithinID, plan.Data.Count = withinPhrase(due.Sub(recv))
		plan.Due = p.Due
		return plan
	}
	if r := due.Truncate(promiseStep); r.Before(due) {
		due = r.Add(promiseStep)
	}
	plan.Due = due
	plan.ID = AckOutsideHours
	if p.Open {
		plan.ID = AckBusinessHoursLater
	}
	cal := calendarFor(lang)
	plan.Data.Day = cal.days[due.Weekday()]
	plan.Data.Time = cal.formatTime(due)
	if req.Zone == nil {
		plan.Data.Time += zoneSuffix(lang, due, cal)
	}
	switch dayDiff(recv, due) {
	case 0:
		plan.Data.OnDay = cal.today
	case 1:
		plan.Data.OnDay = cal.tmrw
	case 2, 3, 4, 5, 6:
		plan.Data.OnDay = cal.onDays[due.Weekday()]
	default:
		// A week or more away (holidays): the weekday alone would name
		// the wrong week.
		plan.Data.OnDay = cal.onDate(due)
	}
	return plan
}

// withinPhrase picks the duration message and its count for a wait,
// rounding up so that the promise is never shorter than the real target:
// minutes under an hour (and for 61–119 minutes that are not whole hours),
// whole hours above.
func withinPhrase(d time.Duration) (string, int) {
	mins := int((d + time.Minute - 1) / time.Minute)
	if mins < 1 {
		mins = 1
	}
	if mins < 60 || mins < 120 && mins%60 != 0 {
		return WithinMinutes, mins
	}
	return WithinHours, (mins + 59) / 60
}

// zoneSuffix is what follows a time written in the schedule's zone: its
// offset from UTC in brackets, full-width in Chinese and Japanese, with the
// locale's digits. In right-to-left text the offset is isolated left to
// right, so that "UTC+٣" keeps its order.
func zoneSuffix(lang string, t time.Time, cal *calendar) string {
	off := localDigits(utcOffset(t), cal.digits)
	if cal.rtl {
		off = "\u2066" + off + "\u2069"
	}
	switch baseOf(lang) {
	case "zh", "ja":
		return "（" + off + "）"
	}
	return " (" + off + ")"
}

// utcOffset names t's zone by its offset from UTC at t: "UTC", "UTC+2",
// "UTC-3", "UTC+5:30". Unlike zone abbreviations it means the same to
// every customer, and it follows daylight saving time.
func utcOffset(t time.Time) string {
	_, secs := t.Zone()
	if secs == 0 {
		return "UTC"
	}
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	s := "UTC" + sign + strconv.Itoa(secs/3600)
	if m := secs % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

func dayDiff(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// RenderAck renders the acknowledgement for a promise in the customer's
// language, after fallback; the plan says which message and data were used.
func (s *Set) RenderAck(p Promise, req AckRequest) (Rendered, AckPlan, error) {
	lang := s.Resolve(AckBusinessHours, req.Language)
	plan := PlanAck(p, lang, req)
	if plan.WithinID != "" {
		w, err := s.Render(plan.WithinID, lang, plan.Data)
		if err != nil {
			return Rendered{}, plan, fmt.Errorf("render acknowledgement: %w", err)
		}
		plan.Data.Within = w.Text
	}
	r, err := s.Render(plan.ID, req.Language, plan.Data)
	if err != nil {
		return Rendered{}, plan, fmt.Errorf("render acknowledgement: %w", err)
	}
	return r, plan, nil
}

// Resolve returns the catalog language Render would use for message id
// requested in lang.
func (s *Set) Resolve(id, lang string) string {
	for _, lc := range s.cur.Load().chain(lang).list {
		if lc.msgs[id] != nil {
			return lc.lang
		}
	}
	return s.cfg.Default
}
