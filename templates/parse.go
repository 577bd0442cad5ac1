package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// catalogFile is one locale file read into messages, with the line where
// each message starts.
type catalogFile struct {
	Name     string
	Lang     string
	Messages []*i18n.Message
	lines    map[string]int
	text     []byte
}

// parseError is a file that could not be read as a catalog, with the line
// of the problem when the decoder knows it.
type parseError struct {
	Line int
	Err  error
}

func (e *parseError) Error() string { return e.Err.Error() }

// formatOf returns the catalog format from a file name, "" when it is not
// one go-i18n reads.
func formatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".toml":
		return "toml"
	case ".yaml", ".yml":
		return "yaml"
	case ".json":
		return "json"
	}
	return ""
}

// langOf returns the canonical language tag a catalog file name declares:
// "active.pt-BR.toml" → "pt-BR", "de.json" → "de".
func langOf(name string) (string, error) {
	base := path.Base(name)
	base = strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[i+1:]
	}
	tag, err := language.Parse(base)
	if err != nil {
		return "", fmt.Errorf("file name %q does not end in a language tag: %w", name, err)
	}
	return tag.String(), nil
}

var errNoMessages = errors.New("not a message catalog: expected a table of message keys")

// parseCatalog reads one locale file in any format go-i18n reads. It never
// panics: anything it cannot read comes back as a *parseError.
func parseCatalog(name string, data []byte) (cf *catalogFile, err error) {
	lang, err := langOf(name)
	if err != nil {
		return nil, &parseError{Err: err}
	}
	format := formatOf(name)
	unmarshal := map[string]i18n.UnmarshalFunc{
		"toml": toml.Unmarshal,
		"yaml": yaml.Unmarshal,
		"json": json.Unmarshal,
	}[format]
	if unmarshal == nil {
		return nil, &parseError{Err: fmt.Errorf("unknown catalog format %q", path.Ext(name))}
	}
	defer func() {
		if r := recover(); r != nil {
			cf, err = nil, &parseError{Err: fmt.Errorf("cannot decode %s: %v", format, r)}
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return &catalogFile{Name: name, Lang: lang, lines: map[string]int{}, text: data}, nil
	}
	var raw any
	if err := unmarshal(data, &raw); err != nil {
		return nil, &parseError{Line: errorLine(data, err), Err: fmt.Errorf("cannot decode %s: %w", format, err)}
	}
	switch raw.(type) {
	case map[string]any, map[any]any, []any:
	default:
		return nil, &parseError{Err: errNoMessages}
	}
	msgs, err := i18n.ParseMessageBytes(data, unmarshal)
	if err != nil {
		return nil, &parseError{Err: fmt.Errorf("cannot read messages: %w", err)}
	}
	cf = &catalogFile{Name: name, Lang: lang, Messages: msgs, lines: map[string]int{}, text: data}
	for i, m := range msgs {
		if m.ID == "" {
			return nil, &parseError{Err: fmt.Errorf("not a message catalog: entry %d has no message id", i+1)}
		}
	}
	index := keyLines(data)
	for _, m := range msgs {
		cf.lines[m.ID] = lineOf(index, m.ID)
	}
	return cf, nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// errorLine extracts the 1-based line of a decoder error, 0 when unknown.
func errorLine(data []byte, err error) int {
	var te toml.ParseError
	if errors.As(err, &te) {
		return te.Position.Line
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return lineAt(data, se.Offset)
	}
	var ue *json.UnmarshalTypeError
	if errors.As(err, &ue) {
		return lineAt(data, ue.Offset)
	}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}

func lineAt(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// keyLines indexes the lines where keys are declared: TOML table headers
// and keys, YAML and JSON mapping keys, and v1 "id" values. The first
// declaration of a name wins.
func keyLines(data []byte) map[string]int {
	out := map[string]int{}
	add := func(k string, n int) {
		k = strings.Trim(strings.TrimSpace(k), `"'`)
		if _, ok := out[k]; !ok && k != "" {
			out[k] = n
		}
	}
	for n, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSpace(string(raw))
		line = strings.TrimLeft(line, "-{[ ")
		if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
			if end := strings.IndexByte(line, ']'); end >= 0 {
				add(line[:end], n+1)
				continue
			}
		}
		if m := v1ID.FindStringSubmatch(line); m != nil {
			add(m[1], n+1)
		}
		if end := strings.IndexAny(line, ":="); end > 0 {
			add(line[:end], n+1)
		}
	}
	return out
}

var v1ID = regexp.MustCompile(`["']?\bid["']?\s*[:=]\s*["']([^"']+)["']`)

// lineOf returns the line of a message key, trying the full ID and then its
// last segment (nested YAML and JSON keys); 0 when unknown.
func lineOf(lines map[string]int, id string) int {
	if n, ok := lines[id]; ok {
		return n
	}
	if i := strings.LastIndexByte(id, '.'); i >= 0 {
		return lines[id[i+1:]]
	}
	return 0
}
