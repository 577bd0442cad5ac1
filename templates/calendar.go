package templates

import (
	"strconv"
	"strings"
	"time"
)

// clock is how a locale writes a time of day, from the CLDR short time
// pattern.
type clock uint8

const (
	clock24Pad  clock = iota // HH:mm  → 09:05
	clock24                  // H:mm   → 9:05
	clock12                  // h:mm a → 9:05 AM
	clock12Lead              // a h:mm → 오전 9:05
)

// calendar holds one language's weekday names, sentence forms, time format
// and digits. The names are CLDR's "format wide" weekdays; the sentence forms
// are how a support writer in that language says "on Monday" (with the case
// and preposition the sentence needs), "today" and "tomorrow".
type calendar struct {
	days   [7]string // CLDR wide names, indexed by time.Weekday
	onDays [7]string // "on Monday" as used in the acknowledgements
	today  string
	tmrw   string
	// months are CLDR's "format wide" month names (the genitive in Slavic
	// languages: "5 января"), used with datePattern when the reply is more
	// than six days away and a weekday alone would be ambiguous.
	months [12]string
	// datePattern places {on} (the onDays phrase), {day} (the weekday
	// name), {d} (the day of the month) and {month}.
	datePattern string
	clock       clock
	am, pm      string
	digits      *[10]rune // nil: ASCII digits
	rtl         bool
}

var (
	arabDigits    = [10]rune{'٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'}
	arabextDigits = [10]rune{'۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'}
)

// calendars covers every shipped catalog; a test keeps them in step.
var calendars = map[string]*calendar{
	"en": {days: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		onDays: [7]string{"on Sunday", "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday"},
		today:  "today", tmrw: "tomorrow", clock: clock12, am: "AM", pm: "PM",
		months:      [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		datePattern: "{on}, {month} {d}"},
	"de": {days: [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		onDays: [7]string{"am Sonntag", "am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Samstag"},
		today:  "heute", tmrw: "morgen", clock: clock24Pad,
		months:      [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		datePattern: "{on} ({d}. {month})"},
	"es": {days: [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		onDays: [7]string{"el domingo", "el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "el sábado"},
		today:  "hoy", tmrw: "mañana", clock: clock24,
		months:      [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		datePattern: "{on} {d} de {month}"},
	"fr": {days: [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		onDays: [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		today:  "aujourd’hui", tmrw: "demain", clock: clock24Pad,
		months:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		datePattern: "{on} {d} {month}"},
	"it": {days: [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"},
		onDays: [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"},
		today:  "oggi", tmrw: "domani", clock: clock24Pad,
		months:      [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		datePattern: "{on} {d} {month}"},
	"nl": {days: [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
		onDays: [7]string{"op zondag", "op maandag", "op dinsdag", "op woensdag", "op donderdag", "op vrijdag", "op zaterdag"},
		today:  "vandaag", tmrw: "morgen", clock: clock24Pad,
		months:      [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		datePattern: "{on} {d} {month}"},
	"pt": {days: [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"},
		onDays: [7]string{"no domingo", "na segunda-feira", "na terça-feira", "na quarta-feira", "na quinta-feira", "na sexta-feira", "no sábado"},
		today:  "hoje", tmrw: "amanhã", clock: clock24Pad,
		months:      [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		datePattern: "{on} ({d} de {month})"},
	"pl": {days: [7]string{"niedziela", "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota"},
		onDays: [7]string{"w niedzielę", "w poniedziałek", "we wtorek", "w środę", "w czwartek", "w piątek", "w sobotę"},
		today:  "dzisiaj", tmrw: "jutro", clock: clock24Pad,
		months:      [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		datePattern: "{on} {d} {month}"},
	"ru": {days: [7]string{"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
		onDays: [7]string{"в воскресенье", "в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"},
		today:  "сегодня", tmrw: "завтра", clock: clock24Pad,
		months:      [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		datePattern: "{on} {d} {month}"},
	"uk": {days: [7]string{"неділя", "понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота"},
		onDays: [7]string{"у неділю", "у понеділок", "у вівторок", "у середу", "у четвер", "у пʼятницю", "у суботу"},
		today:  "сьогодні", tmrw: "завтра", clock: clock24Pad,
		months:      [12]string{"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
		datePattern: "{on} {d} {month}"},
	"tr": {days: [7]string{"Pazar", "Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi"},
		onDays: [7]string{"Pazar günü", "Pazartesi günü", "Salı günü", "Çarşamba günü", "Perşembe günü", "Cuma günü", "Cumartesi günü"},
		today:  "bugün", tmrw: "yarın", clock: clock24Pad,
		months:      [12]string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
		datePattern: "{d} {month} {on}"},
	"ar": {days: [7]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
		onDays: [7]string{"يوم الأحد", "يوم الاثنين", "يوم الثلاثاء", "يوم الأربعاء", "يوم الخميس", "يوم الجمعة", "يوم السبت"},
		today:  "اليوم", tmrw: "غدًا", clock: clock12, am: "ص", pm: "م", digits: &arabDigits, rtl: true,
		months:      [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		datePattern: "{on} {d} {month}"},
	"he": {days: [7]string{"יום ראשון", "יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "יום שבת"},
		onDays: [7]string{"ביום ראשון", "ביום שני", "ביום שלישי", "ביום רביעי", "ביום חמישי", "ביום שישי", "ביום שבת"},
		today:  "היום", tmrw: "מחר", clock: clock24, rtl: true,
		months:      [12]string{"ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"},
		datePattern: "{on} ({d} ב{month})"},
	"fa": {days: [7]string{"یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"},
		onDays: [7]string{"یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"},
		today:  "امروز", tmrw: "فردا", clock: clock24, digits: &arabextDigits, rtl: true,
		months:      [12]string{"ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"},
		datePattern: "{on} {d} {month}"},
	"hi": {days: [7]string{"रविवार", "सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार"},
		onDays: [7]string{"रविवार को", "सोमवार को", "मंगलवार को", "बुधवार को", "गुरुवार को", "शुक्रवार को", "शनिवार को"},
		today:  "आज", tmrw: "कल", clock: clock12, am: "am", pm: "pm",
		months:      [12]string{"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्तूबर", "नवंबर", "दिसंबर"},
		datePattern: "{day}, {d} {month} को"},
	"zh": {days: [7]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
		onDays: [7]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
		today:  "今天", tmrw: "明天", clock: clock24Pad,
		months:      [12]string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
		datePattern: "{month}{d}日{day}"},
	"ja": {days: [7]string{"日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"},
		onDays: [7]string{"日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"},
		today:  "今日", tmrw: "明日", clock: clock24,
		months:      [12]string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
		datePattern: "{month}{d}日{day}"},
	"ko": {days: [7]string{"일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"},
		onDays: [7]string{"일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"},
		today:  "오늘", tmrw: "내일", clock: clock12Lead, am: "오전", pm: "오후",
		months:      [12]string{"1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월"},
		datePattern: "{month} {d}일 {day}"},
}

// calendarFor returns the calendar of a catalog language: the exact tag,
// then its base language, then English.
func calendarFor(lang string) *calendar {
	if c := calendars[lang]; c != nil {
		return c
	}
	if c := calendars[baseOf(lang)]; c != nil {
		return c
	}
	return calendars["en"]
}

// FormatTime writes the time of day of t the way lang writes it
// (CLDR short time), with the locale's digits.
func FormatTime(t time.Time, lang string) string {
	return calendarFor(lang).formatTime(t)
}

func (c *calendar) formatTime(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	buf := make([]byte, 0, 16)
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	period := c.am
	if h >= 12 {
		period = c.pm
	}
	switch c.clock {
	case clock24Pad:
		buf = appendTwo(buf, h)
	case clock24:
		buf = strconv.AppendInt(buf, int64(h), 10)
	case clock12:
		buf = strconv.AppendInt(buf, int64(h12), 10)
	case clock12Lead:
		buf = append(buf, period...)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(h12), 10)
	}
	buf = append(buf, ':')
	buf = appendTwo(buf, m)
	if c.clock == clock12 {
		buf = append(buf, ' ')
		buf = append(buf, period...)
	}
	return localDigits(string(buf), c.digits)
}

func appendTwo(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// Weekday returns the CLDR wide name of d in lang.
func Weekday(d time.Weekday, lang string) string {
	return calendarFor(lang).days[d]
}

// onDate is the onDays phrase with the date: "on Monday, January 5".
func (c *calendar) onDate(t time.Time) string {
	return strings.NewReplacer(
		"{on}", c.onDays[t.Weekday()],
		"{day}", c.days[t.Weekday()],
		"{d}", localDigits(strconv.Itoa(t.Day()), c.digits),
		"{month}", c.months[t.Month()-1],
	).Replace(c.datePattern)
}
