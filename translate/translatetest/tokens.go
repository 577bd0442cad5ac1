package translatetest

import (
	"unicode"
	"unicode/utf8"
)

// CountTokens estimates how many tokens an OpenAI tokenizer (o200k_base)
// makes of s, closely enough to compare prompts: a short English word is
// one token, longer words one more per six letters; words in Cyrillic,
// Greek, Arabic or Hebrew take a token per three letters; every Han, kana
// or Hangul character is a token; each punctuation mark, each group of up
// to three digits and each line break is a token.
func CountTokens(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			n++
			i += size
		case unicode.IsLetter(r):
			word, ascii, j := 0, true, i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) || unicode.In(r2, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
					break
				}
				if r2 >= utf8.RuneSelf && !unicode.Is(unicode.Latin, r2) {
					ascii = false
				}
				word++
				j += sz
			}
			if ascii {
				n += 1 + (word-1)/6
			} else {
				n += 1 + (word-1)/3
			}
			i = j
		case unicode.IsDigit(r):
			digits, j := 0, i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsDigit(r2) {
					break
				}
				digits++
				j += sz
			}
			n += (digits + 2) / 3
			i = j
		case r == '\n':
			n++
			for i < len(s) && (s[i] == '\n' || s[i] == ' ') {
				i++
			}
		case unicode.IsSpace(r):
			i += size // a space joins the next word's token
		default:
			n++
			i += size
		}
	}
	return n
}

// ChatPromptTokens counts a chat request's prompt the way the usage field
// does: each message's content plus three tokens of framing per message,
// and three more that prime the answer.
func ChatPromptTokens(contents ...string) int {
	n := 3
	for _, c := range contents {
		n += 3 + CountTokens(c)
	}
	return n
}
