package deepl

import (
	"strings"

	"github.com/parleyhq/parley/translate"
)

// sourceLang is DeepL's source code: the language without region ("EN"),
// or empty to let DeepL detect it.
func sourceLang(tag string) string {
	return strings.ToUpper(translate.BaseLanguage(tag))
}

// targetLang is DeepL's target code. English, Portuguese and Chinese need a
// variant: "en-GB" → "EN-GB", plain "en" → "EN-US", "pt" → "PT-BR",
// "zh-Hant"/"zh-TW" → "ZH-HANT", other Chinese → "ZH-HANS".
func targetLang(tag string) string {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	base := translate.BaseLanguage(t)
	switch base {
	case "en":
		if strings.Contains(t, "-gb") || strings.Contains(t, "-uk") || strings.Contains(t, "-ie") || strings.Contains(t, "-au") {
			return "EN-GB"
		}
		return "EN-US"
	case "pt":
		if strings.Contains(t, "-pt") {
			return "PT-PT"
		}
		return "PT-BR"
	case "zh":
		if strings.Contains(t, "hant") || strings.Contains(t, "-tw") || strings.Contains(t, "-hk") || strings.Contains(t, "-mo") {
			return "ZH-HANT"
		}
		return "ZH-HANS"
	}
	return strings.ToUpper(base)
}

// formality is DeepL's formality value. The "prefer_" forms fall back to
// the default for languages without the distinction instead of failing.
func formality(f translate.Formality) string {
	switch f {
	case translate.FormalityFormal:
		return "prefer_more"
	case translate.FormalityInformal:
		return "prefer_less"
	}
	return ""
}
