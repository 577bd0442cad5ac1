package deepl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/parleyhq/parley/translate"
)

// glossaryInfo is one glossary as DeepL lists it.
type glossaryInfo struct {
	GlossaryID string `json:"glossary_id"`
	Name       string `json:"name"`
	Ready      bool   `json:"ready"`
	SourceLang string `json:"source_lang"`
	TargetLang string `json:"target_lang"`
	EntryCount int    `json:"entry_count"`
}

// createGlossary is the body of POST /v2/glossaries.
type createGlossary struct {
	Name          string `json:"name"`
	SourceLang    string `json:"source_lang"`
	TargetLang    string `json:"target_lang"`
	Entries       string `json:"entries"`
	EntriesFormat string `json:"entries_format"`
}

// glossaryName names the DeepL glossary of one pair and glossary version,
// so that a changed glossary file gets new DeepL glossaries.
func glossaryName(version, src, tgt string) string {
	return fmt.Sprintf("parley-%s-%s-%s", version, src, tgt)
}

// glossaryID returns the DeepL glossary for from→to, creating it on first
// use; "" when there is no glossary to apply, the source language is not
// known (DeepL needs it with a glossary), or DeepL does not support the
// pair.
func (c *Client) glossaryID(ctx context.Context, from, to string) (string, error) {
	src, tgt := translate.BaseLanguage(from), translate.BaseLanguage(to)
	if src == "" || src == tgt {
		return "", nil
	}
	entries := c.glossary.Entries(src, tgt)
	if len(entries) == 0 {
		return "", nil
	}
	name := glossaryName(c.glossary.Version(), src, tgt)
	c.mu.Lock()
	defer c.mu.Unlock()
	if id, ok := c.glossaries[name]; ok {
		return id, nil
	}
	if !c.listed {
		var list struct {
			Glossaries []glossaryInfo `json:"glossaries"`
		}
		if err := c.call(ctx, http.MethodGet, "/v2/glossaries", nil, &list); err != nil {
			return "", fmt.Errorf("list glossaries: %w", err)
		}
		for _, g := range list.Glossaries {
			if strings.HasPrefix(g.Name, "parley-") {
				c.glossaries[g.Name] = g.GlossaryID
			}
		}
		c.listed = true
		if id, ok := c.glossaries[name]; ok {
			return id, nil
		}
	}
	var tsv strings.Builder
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, e := range entries {
		tsv.WriteString(clean.Replace(e.Source) + "\t" + clean.Replace(e.Target) + "\n")
	}
	var created glossaryInfo
	err := c.call(ctx, http.MethodPost, "/v2/glossaries", createGlossary{
		Name: name, SourceLang: src, TargetLang: tgt, Entries: tsv.String(), EntriesFormat: "tsv",
	}, &created)
	if errors.Is(err, translate.ErrRejected) {
		c.glossaries[name] = "" // DeepL has no glossaries for this pair
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("create glossary %s: %w", name, err)
	}
	c.glossaries[name] = created.GlossaryID
	return created.GlossaryID, nil
}
