package templates

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrBadSetting is wrapped by every settings parse error; the message names
// the setting.
var ErrBadSetting = errors.New("templates: bad setting")

// ErrNoOpenHours means a schedule never opens.
var ErrNoOpenHours = errors.New("templates: business hours never open")

// Setting names, used in parse errors.
const (
	SettingBusinessHours = "PARLEY_BUSINESS_HOURS"
	SettingTimezone      = "PARLEY_TIMEZONE"
	SettingFirstReplyIn  = "PARLEY_FIRST_REPLY_WITHIN"
	SettingHolidays      = "PARLEY_HOLIDAYS"
)

// Defaults of the settings.
const (
	DefaultBusinessHours    = "Mon-Fri 09:00-18:00"
	DefaultFirstReplyWithin = 4 * time.Hour
)

// span is an opening interval in minutes since local midnight, end
// exclusive; 24:00 is 1440.
type span struct{ start, end int }

// Hours is a weekly opening schedule in local wall time.
type Hours struct {
	days [7][]span // by time.Weekday
}

func badSetting(name, value, format string, args ...any) error {
	return fmt.Errorf("%s=%q: %s: %w", name, value, fmt.Sprintf(format, args...), ErrBadSetting)
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseBusinessHours reads PARLEY_BUSINESS_HOURS: comma- or
// semicolon-separated groups of a day or day range and one or more time
// ranges, such as "Mon-Fri 09:00-18:00" or
// "Mon-Thu 09:00-12:00 13:00-18:00, Fri 09:00-15:00". Day ranges may wrap
// ("Sun-Thu"); "24:00" ends a day. Errors wrap ErrBadSetting.
func ParseBusinessHours(s string) (Hours, error) {
	var h Hours
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	if len(groups) == 0 {
		return h, badSetting(SettingBusinessHours, s, "empty; want something like %q", DefaultBusinessHours)
	}
	for _, g := range groups {
		fields := strings.Fields(g)
		if len(fields) < 2 {
			return h, badSetting(SettingBusinessHours, s, "group %q needs days and at least one time range, like %q", strings.TrimSpace(g), DefaultBusinessHours)
		}
		days, err := parseDays(fields[0])
		if err != nil {
			return h, badSetting(SettingBusinessHours, s, "%v", err)
		}
		for _, tr := range fields[1:] {
			sp, err := parseSpan(tr)
			if err != nil {
				return h, badSetting(SettingBusinessHours, s, "%v", err)
			}
			for _, d := range days {
				h.days[d] = append(h.days[d], sp)
			}
		}
	}
	for d := range h.days {
		h.days[d] = mergeSpans(h.days[d])
	}
	return h, nil
}

func parseDays(s string) ([]time.Weekday, error) {
	from, to, isRange := strings.Cut(s, "-")
	a, ok := dayNames[strings.ToLower(from)]
	if !ok {
		return nil, fmt.Errorf("unknown day %q (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)", from)
	}
	if !isRange {
		return []time.Weekday{a}, nil
	}
	b, ok := dayNames[strings.ToLower(to)]
	if !ok {
		return nil, fmt.Errorf("unknown day %q (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)", to)
	}
	var out []time.Weekday
	for d := a; ; d = (d + 1) % 7 {
		out = append(out, d)
		if d == b {
			return out, nil
		}
	}
}

func parseSpan(s string) (span, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return span{}, fmt.Errorf("time range %q: want HH:MM-HH:MM", s)
	}
	start, err := parseClock(a)
	if err != nil {
		return span{}, fmt.Errorf("time range %q: %v", s, err)
	}
	end, err := parseClock(b)
	if err != nil {
		return span{}, fmt.Errorf("time range %q: %v", s, err)
	}
	if end <= start {
		return span{}, fmt.Errorf("time range %q ends before it starts (split a range that crosses midnight in two)", s)
	}
	return span{start, end}, nil
}

func parseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || len(mm) != 2 || h < 0 || m < 0 || m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, fmt.Errorf("bad time %q: want HH:MM between 00:00 and 24:00", s)
	}
	return h*60 + m, nil
}

func mergeSpans(in []span) []span {
	if len(in) < 2 {
		return in
	}
	sort.Slice(in, func(i, j int) bool { return in[i].start < in[j].start })
	out := in[:1]
	for _, sp := range in[1:] {
		last := &out[len(out)-1]
		if sp.start <= last.end {
			last.end = max(last.end, sp.end)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// ParseTimezone reads PARLEY_TIMEZONE, an IANA zone name ("Europe/Berlin");
// empty means UTC. Errors wrap ErrBadSetting.
func ParseTimezone(s string) (*time.Location, error) {
	if s == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, badSetting(SettingTimezone, s, "not an IANA time zone such as \"Europe/Berlin\"")
	}
	return loc, nil
}

// ParseFirstReplyWithin reads PARLEY_FIRST_REPLY_WITHIN, a positive Go
// duration ("4h", "30m") counted in business hours; empty means 4h. Errors
// wrap ErrBadSetting.
func ParseFirstReplyWithin(s string) (time.Duration, error) {
	if s == "" {
		return DefaultFirstReplyWithin, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, badSetting(SettingFirstReplyIn, s, "want a positive duration such as \"4h\" or \"90m\"")
	}
	return d, nil
}

// Date is a calendar day in the schedule's time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

func dateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseHolidays reads PARLEY_HOLIDAYS: dates as YYYY-MM-DD separated by
// commas or spaces; empty means none. Errors wrap ErrBadSetting.
func ParseHolidays(s string) ([]Date, error) {
	var out []Date
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' }) {
		t, err := time.Parse(time.DateOnly, f)
		if err != nil {
			return nil, badSetting(SettingHolidays, s, "bad date %q: want YYYY-MM-DD", f)
		}
		out = append(out, dateOf(t))
	}
	return out, nil
}

// LoadSchedule parses the raw PARLEY_BUSINESS_HOURS, PARLEY_TIMEZONE and
// PARLEY_HOLIDAYS values; empty hours mean DefaultBusinessHours. Errors
// wrap ErrBadSetting and name the setting.
func LoadSchedule(hours, zone, holidays string) (*Schedule, error) {
	if strings.TrimSpace(hours) == "" {
		hours = DefaultBusinessHours
	}
	h, err := ParseBusinessHours(hours)
	if err != nil {
		return nil, err
	}
	loc, err := ParseTimezone(zone)
	if err != nil {
		return nil, err
	}
	days, err := ParseHolidays(holidays)
	if err != nil {
		return nil, err
	}
	return NewSchedule(h, loc, days), nil
}
