package detect

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaned is a message reduced to the words that say something about its
// language.
type Cleaned struct {
	// Text is the kept words joined by single spaces.
	Text string
	// Words is how many words were kept.
	Words int
	// Letters is how many letters were kept.
	Letters int
	// script is the script most of the letters are written in.
	script script
	// kana reports hiragana or katakana, which only Japanese writes.
	kana bool
	// capitals reports, per word of Text, whether it was written with a
	// capital first letter.
	capitals []bool
	// digitWords are the words that mix letters with digits which stand
	// for letters in Arabic and Greek typed in Latin letters ("3ayez",
	// "8elw"), as written, outside quotes, links and addresses (see
	// digitWords): cleaning drops everything with a digit from Text.
	digitWords []string
}

var (
	// replyHeader starts a quoted earlier message: "On Mon, Ann wrote:",
	// "-----Original Message-----" and their translations.
	replyHeader = regexp.MustCompile(`(?im)^\s*(` +
		`-{2,}\s*(original message|ursprüngliche nachricht|mensaje original|message d'origine|messaggio originale|oorspronkelijk bericht|mensagem original|wiadomość oryginalna|исходное сообщение)` +
		`|(on|am|el|le|il|op|em|w dniu|dne|в|у)\s.{0,160}(wrote|schrieb|escribió|a écrit|ha scritto|schreef|escreveu|napisał|napsal|написал\S*|написав\S*|yazdı)[^\n]{0,100}:[ \t]*$` +
		`|(from|von|de|da|van|od|от|від)\s*:.*@.*` +
		`)`)
	// sentFrom matches a mobile mail footer line.
	sentFrom = regexp.MustCompile(`(?im)^\s*(sent from my|enviado desde mi|von meinem|envoyé de mon|inviato da|verzonden (vanaf|met)|enviado do meu|wysłane z|отправлено с|get outlook for)\b.*$`)
	// sigDelimiter is the conventional "-- " line before a signature.
	sigDelimiter = regexp.MustCompile(`(?m)^--\s*$`)
	// noise matches tokens that carry no language: URLs, e-mail addresses,
	// @mentions, #tags, file names and anything with a digit (order ids,
	// prices, dates, phone numbers, tracking codes).
	noise = regexp.MustCompile(`(?i)(https?://|www\.)[!-~]+` +
		`|[!-~]+@[!-~]+` +
		`|[@#][!-~]+` +
		`|[!-~]*\.(com|net|org|io|de|fr|es|it|nl|pt|pl|ru|uk|co|pdf|jpg|jpeg|png|docx?|xlsx?|zip)\b[!-~]*` +
		`|[\p{Latin}0-9#_\-/.:,]*[0-9][\p{Latin}0-9#_\-/.:,]*`)
)

// Clean strips what is not language from a customer message: quoted earlier
// messages, signatures, mobile footers, URLs, e-mail addresses, numbers and
// order ids, emoji and symbols, and words in a different script from the
// bulk of the text (Latin brand names inside Russian or Japanese text).
// A message with no letters left has Letters == 0.
func Clean(text string) Cleaned {
	// The regular expressions cost more than the rest of cleaning; most
	// messages are one line without digits, links or addresses.
	if strings.ContainsAny(text, "\n>") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = cutQuoted(text)
		text = sentFrom.ReplaceAllString(text, " ")
	}
	var digits []string
	if strings.ContainsAny(text, "0123456789@#.") {
		digits = digitWords(text)
		text = noise.ReplaceAllString(text, " ")
	}
	c := keepDominantScript(splitWords(text))
	c.digitWords = digits
	return c
}

// cutQuoted drops quoted lines ("> ...") and everything after a reply header
// or signature delimiter, unless that would leave nothing.
func cutQuoted(text string) string {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), ">") {
			kept = append(kept, l)
		}
	}
	text = strings.Join(kept, "\n")
	for _, re := range []*regexp.Regexp{replyHeader, sigDelimiter} {
		if loc := re.FindStringIndex(text); loc != nil && strings.TrimSpace(text[:loc[0]]) != "" {
			text = text[:loc[0]]
		}
	}
	return text
}

// splitWords splits text into runs of letters and combining marks, in
// their case; an apostrophe or hyphen between letters stays inside the word
// ("l'adresse", "e-mail"), every apostrophe written as ' (see apostrophes),
// but for the apostrophe of a name.
func splitWords(text string) []string {
	rs := []rune(text)
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	unmixCyrillic(rs)
	prevLatin := false
	start := 0 // where the current word starts in rs
	for i, r := range rs {
		if apostrophes[r] {
			r = '\''
		}
		switch {
		case r == '\'' && b.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// A name ("Maria D'Amico", "Mr O'Brien") is no elision:
			// its parts are words of their own.
			if isNameApostrophe(rs, start, i) {
				flush()
				continue
			}
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			// "iPhoneでアプリ": a Latin brand glued to Japanese is a word of
			// its own.
			if latin := scriptOf(r) == scriptLatin; unicode.IsLetter(r) && latin != prevLatin {
				flush()
				prevLatin = latin
			}
			if b.Len() == 0 {
				start = i
			}
			b.WriteRune(r)
		case r == '-' && b.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// isNameApostrophe reports whether the apostrophe at rs[i], after the word
// that starts at rs[start], is a name's: D', O', L', Dell' or Dall' with a
// capital, then a capital and a small letter ("D'Amico", "O'Brien",
// "L'Occitane"), not at the start of a sentence, where French and Italian
// capitalize their elisions ("L'Europe", "D'Accord", "L'Aquila").
func isNameApostrophe(rs []rune, start, i int) bool {
	if !unicode.IsUpper(rs[start]) || !unicode.IsUpper(rs[i+1]) || i+2 >= len(rs) || !unicode.IsLower(rs[i+2]) {
		return false
	}
	switch strings.ToLower(string(rs[start:i])) {
	case "d", "o", "l", "dell", "dall":
	default:
		return false
	}
	// The last character before the word that is not a space: none, or
	// the end of a sentence or a line.
	j := start - 1
	for j >= 0 && rs[j] != '\n' && unicode.IsSpace(rs[j]) {
		j--
	}
	return j >= 0 && !strings.ContainsRune(".!?\n", rs[j])
}

// apostrophes are the characters written for an apostrophe: the typewriter
// one, the typographic one that phones put in ("aujourd’hui"), the
// modifier letter Unicode recommends for Ukrainian ("мʼясо"), and the
// opening quote and backtick that some keyboards give. Between letters,
// splitWords writes them all as '.
var apostrophes = map[rune]bool{'\'': true, '’': true, '‘': true, 'ʼ': true, '`': true}

// unmixCyrillic writes the Latin letters of a Cyrillic word as the Cyrillic
// letters they look like, when all of its Latin letters look Cyrillic:
// Ukrainians on a Russian keyboard layout, which has no і, type the Latin i
// ("привiт"); see mixedCyrillic for the words that stay as they are. A Roman
// numeral typed in both scripts ("ХIХ") is written in Latin instead: one
// Latin word, not Ukrainian і. Ukrainian "СIМ" (сім, seven) in capitals is
// taken for one too.
func unmixCyrillic(rs []rune) {
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && (unicode.IsLetter(rs[end]) || unicode.IsMark(rs[end])) {
			end++
		}
		if end == start {
			start++
			continue
		}
		word := rs[start:end]
		switch {
		case romanNumeral(word):
			replaceRunes(word, latinNumerals)
		case mixedCyrillic(word):
			replaceRunes(word, cyrillicLookalikes)
		}
		start = end
	}
}

// replaceRunes replaces, in place, each rune of word that m maps.
func replaceRunes(word []rune, m map[rune]rune) {
	for i, r := range word {
		if to, ok := m[r]; ok {
			word[i] = to
		}
	}
}

// mixedCyrillic reports whether word is a Cyrillic word typed with Latin
// lookalikes, which unmixCyrillic writes in Cyrillic. It is not when:
//   - it has a Latin letter that looks like no Cyrillic one ("КАТBIN");
//   - a Latin capital comes before a Cyrillic capital and a small letter
//     ("IСвободно": two words run together);
//   - it has two Latin capitals in a row next to small Cyrillic letters
//     ("заказOK", "режимECO": a code glued to a word).
func mixedCyrillic(word []rune) bool {
	cyrillic, lookalikes := 0, 0
	lowerCyrillic, capitalRun, longRun := false, 0, false
	for _, r := range word {
		_, alike := cyrillicLookalikes[r]
		switch {
		case alike:
			lookalikes++
		case scriptOf(r) == scriptCyrillic:
			cyrillic++
			lowerCyrillic = lowerCyrillic || unicode.IsLower(r)
		case scriptOf(r) == scriptLatin:
			return false
		}
		if alike && unicode.IsUpper(r) {
			capitalRun++
			longRun = longRun || capitalRun >= 2
		} else {
			capitalRun = 0
		}
	}
	camel := len(word) > 2 && scriptOf(word[0]) == scriptLatin && unicode.IsUpper(word[0]) &&
		scriptOf(word[1]) == scriptCyrillic && unicode.IsUpper(word[1]) && unicode.IsLower(word[2])
	return cyrillic > 0 && lookalikes > 0 && !camel && !(longRun && lowerCyrillic)
}

// romanNumeral reports whether word is a Roman numeral typed with letters
// of both scripts, as Russians type them: Cyrillic Х, С and М and a Latin I
// ("ХIХ"). Its I must not turn into Ukrainian і.
func romanNumeral(word []rune) bool {
	latin, cyrillic := false, false
	for _, r := range word {
		switch {
		case strings.ContainsRune("IVXLCDM", r):
			latin = true
		case strings.ContainsRune("ХСМ", r):
			cyrillic = true
		default:
			return false
		}
	}
	return latin && cyrillic
}

// latinNumerals are the Cyrillic letters Roman numerals are typed with, and
// the Latin letters they stand for.
var latinNumerals = map[rune]rune{'Х': 'X', 'С': 'C', 'М': 'M'}

// cyrillicLookalikes maps Latin letters to the Cyrillic letters they look
// like.
var cyrillicLookalikes = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'ë': 'ё', 'i': 'і', 'ï': 'ї', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'Ë': 'Ё', 'H': 'Н', 'I': 'І', 'Ï': 'Ї', 'K': 'К', 'M': 'М',
	'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
}

// keepDominantScript keeps, in lower case, the words written in the
// script that holds most of the text. A word with a capital letter weighs
// half, in any script: among words of another script it is most often a
// name, a brand, a product or a key, so "Caps Lock не работает на MacBook
// Pro" is Russian, and "WHERE IS MY ORDER Дмитрий Иванов" stays English.
// A Chinese, Japanese or Korean character weighs one and a half letters:
// it carries about as much as two or three Latin ones, so that
// "airpods pro 的左耳没有声音" is Chinese, yet a name of three characters
// does not outweigh "Thank you" ("Thank you 王小明").
func keepDominantScript(words []string) Cleaned {
	// Weights are in half letters.
	counts := map[script]int{}
	wordScripts := make([]script, len(words))
	for i, w := range words {
		wc := map[script]int{}
		for _, r := range w {
			if s := scriptOf(r); s != scriptNone {
				wc[s]++
			}
		}
		s := majority(wc)
		wordScripts[i] = s
		switch {
		case s == scriptCJK || s == scriptHangul:
			counts[s] += 3 * wc[s]
		case strings.IndexFunc(w, isCapital) >= 0:
			counts[s] += wc[s]
		default:
			counts[s] += 2 * wc[s]
		}
	}
	dominant := majority(counts)
	var c Cleaned
	c.script = dominant
	kept := make([]string, 0, len(words))
	for i, w := range words {
		if wordScripts[i] != dominant {
			continue
		}
		kept = append(kept, strings.ToLower(w))
		first, _ := utf8.DecodeRuneInString(w)
		c.capitals = append(c.capitals, isCapital(first))
		for _, r := range w {
			if unicode.IsLetter(r) {
				c.Letters++
			}
			if isKana(r) {
				c.kana = true
			}
		}
	}
	c.Words = len(kept)
	c.Text = strings.Join(kept, " ")
	if c.Letters == 0 {
		c.script = scriptNone
	}
	return c
}

// isCapital reports whether r is an upper-case or title-case letter ("ǅ").
func isCapital(r rune) bool { return unicode.IsUpper(r) || unicode.IsTitle(r) }

// majority returns the script with the highest count, scriptNone for none.
// Ties go to the non-Latin script, since Latin is what gets mixed in.
func majority(counts map[script]int) script {
	best, bestN := scriptNone, 0
	for s := scriptLatin; s <= scriptOther; s++ {
		n := counts[s]
		if n > bestN || (n > 0 && n == bestN && best == scriptLatin) {
			best, bestN = s, n
		}
	}
	return best
}

// size is a message's length class, which sets how much evidence an answer
// needs.
type size int

// The length classes.
const (
	sizeWord  size = iota // one word, or up to 3 CJK/Thai characters
	sizeTiny              // two or three words
	sizeShort             // four to 15 words
	sizeLong              // more
	sizeCount             // number of classes
)

// sizeOf returns the length class of a cleaned message.
func sizeOf(c Cleaned) size {
	n := wordCount(c)
	switch {
	case n <= 1:
		return sizeWord
	case n <= 3:
		return sizeTiny
	case n <= 15:
		return sizeShort
	default:
		return sizeLong
	}
}
