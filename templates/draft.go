package templates

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/parleyhq/parley/translate"
)

// DraftSummary says what Draft did.
type DraftSummary struct {
	Language string
	// Missing is how many source messages the language lacks (whole keys
	// or plural forms).
	Missing int
	// Drafted is how many of them were machine-translated into the file.
	Drafted int
	// Failed lists the keys the translator could not draft, with why.
	Failed []string
}

// String is the one-paragraph summary printed after the progress bar.
func (s DraftSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d missing, %d drafted, %d failed", s.Language, s.Missing, s.Drafted, len(s.Failed))
	for _, f := range s.Failed {
		b.WriteString("\n  failed: " + f)
	}
	return b.String()
}

// placeholderRE matches template actions, which the translator must not
// touch.
var placeholderRE = regexp.MustCompile(`\{\{.*?\}\}`)

// Draft machine-translates the messages lang lacks into the contents of a
// review file (review.<lang>.toml), never into the active catalog. Each
// drafted message carries the source hash, so that once reviewed and merged
// into active.<lang>.toml it counts as current. progress gets a text
// progress bar updated per key. Per-key failures are listed in the summary;
// an ended context or a translator that is off is an error.
func Draft(ctx context.Context, set *Set, lang string, tr translate.Translator, progress io.Writer) ([]byte, DraftSummary, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, DraftSummary{}, fmt.Errorf("draft %q: %w", lang, ErrBadLanguage)
	}
	lang = tag.String()
	sum := DraftSummary{Language: lang}
	if baseOf(lang) == "en" {
		return nil, sum, fmt.Errorf("draft %s: english is the source language: %w", lang, ErrBadLanguage)
	}
	todo := missingMessages(set, lang)
	sum.Missing = len(todo)
	var out bytes.Buffer
	fmt.Fprintf(&out, "# Machine-drafted translations for %s. REVIEW every entry, then move it into\n# active.%s.toml and run `parley locales check`.\n", lang, lang)
	for i, src := range todo {
		bar(progress, i, len(todo), src.ID)
		forms, err := draftMessage(ctx, tr, src, lang)
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, translate.ErrOff) {
				fmt.Fprintln(progress)
				return nil, sum, fmt.Errorf("draft %s: %w", lang, err)
			}
			sum.Failed = append(sum.Failed, fmt.Sprintf("%s: %v", src.ID, err))
			continue
		}
		writeDraft(&out, src, tr.Name(), forms)
		sum.Drafted++
	}
	bar(progress, len(todo), len(todo), "done")
	fmt.Fprintln(progress)
	return out.Bytes(), sum, nil
}

// bar redraws a one-line progress bar.
func bar(w io.Writer, done, total int, label string) {
	const width = 30
	filled := width
	if total > 0 {
		filled = done * width / total
	}
	fmt.Fprintf(w, "\r[%s%s] %d/%d %-24s", strings.Repeat("#", filled), strings.Repeat("-", width-filled), done, total, label)
}

// missingMessages returns the source messages lang's own catalog lacks, or
// lacks a required plural form of.
func missingMessages(set *Set, lang string) []*i18n.Message {
	lc := set.cur.Load().langs[lang]
	required := requiredForms(language.Make(lang))
	var out []*i18n.Message
	for _, src := range Messages() {
		if lc == nil || lc.msgs[src.ID] == nil {
			out = append(out, src)
			continue
		}
		if !isPlural(src) {
			continue
		}
		for _, f := range required {
			if lc.msgs[src.ID].forms[f] == nil {
				out = append(out, src)
				break
			}
		}
	}
	return out
}

func isPlural(m *i18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// draftMessage translates every form lang needs, keeping placeholders.
func draftMessage(ctx context.Context, tr translate.Translator, src *i18n.Message, lang string) (map[form]string, error) {
	srcForms := formsOf(src)
	need := []form{formOther}
	if isPlural(src) {
		need = requiredForms(language.Make(lang))
	}
	out := map[form]string{}
	for _, f := range need {
		text := srcForms[f]
		if text == "" {
			text = src.Other
		}
		masked, actions := mask(text)
		res, err := tr.Translate(ctx, translate.Request{Text: masked, From: "en", To: lang})
		if err != nil {
			return nil, err
		}
		out[f] = unmask(res.Text, actions)
	}
	return out, nil
}

// mask replaces template actions with numbered tokens a translator leaves
// alone, such as [[0]].
func mask(s string) (string, []string) {
	var actions []string
	masked := placeholderRE.ReplaceAllStringFunc(s, func(a string) string {
		actions = append(actions, a)
		return fmt.Sprintf("[[%d]]", len(actions)-1)
	})
	return masked, actions
}

func unmask(s string, actions []string) string {
	for i, a := range actions {
		s = strings.ReplaceAll(s, fmt.Sprintf("[[%d]]", i), a)
	}
	return s
}

func writeDraft(w *bytes.Buffer, src *i18n.Message, provider string, forms map[form]string) {
	fmt.Fprintf(w, "\n# DRAFT by %s: review the meaning, tone and placeholders before use.\n[%s]\n", provider, src.ID)
	fmt.Fprintf(w, "description = %s\nhash = %s\n", quote(src.Description), quote(SourceHash(src)))
	for f := formZero; f < numForms; f++ {
		if s, ok := forms[f]; ok {
			fmt.Fprintf(w, "%s = %s\n", f, quote(s))
		}
	}
}

// quote writes s as a TOML basic string (JSON escapes are valid TOML).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// ReviewFileName is the file Draft's output goes to for lang:
// "review.<lang>.toml". Set and Check never load review files.
func ReviewFileName(lang string) string { return "review." + lang + ".toml" }
