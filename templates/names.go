package templates

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// LanguageName returns the name of language tag in language in ("Russian",
// "Russisch", "русский"), from CLDR; the tag itself when unknown.
func LanguageName(tag, in string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	reader, err := language.Parse(in)
	if err != nil {
		reader = language.English
	}
	if name := display.Tags(reader).Name(t); name != "" {
		return name
	}
	return tag
}

// NoteHeaderData returns the data for NoteHeader and NoteHeaderFailed: the
// customer's language named in the agents' language.
func NoteHeaderData(customerLang, agentLang, provider, reason string) Data {
	return Data{
		Language: LanguageName(customerLang, agentLang),
		Tag:      customerLang,
		Provider: provider,
		Reason:   reason,
	}
}
