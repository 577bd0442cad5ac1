package templates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/translate"
)

// fakeTranslator upper-cases text, fails on texts containing fail, and
// records the requests it saw.
type fakeTranslator struct {
	fail string
	err  error
	seen []translate.Request
}

func (f *fakeTranslator) Name() string { return "fake" }

func (f *fakeTranslator) Translate(_ context.Context, req translate.Request) (translate.Result, error) {
	f.seen = append(f.seen, req)
	if f.err != nil {
		return translate.Result{}, f.err
	}
	if f.fail != "" && strings.Contains(req.Text, f.fail) {
		return translate.Result{}, fmt.Errorf("fake: %w", translate.ErrRejected)
	}
	return translate.Result{Text: strings.ToUpper(req.Text), From: req.From, To: req.To}, nil
}

var _ translate.Translator = (*fakeTranslator)(nil)

func TestDraft(t *testing.T) {
	partial := fstest.MapFS{
		"active.ru.toml": {Data: []byte("[FollowUp]\nother = \"Мы о вас не забыли.\"\n\n[WithinHours]\none = \"в течение {{.Count}} часа\"\nother = \"в течение {{.Count}} часа\"\n")},
	}
	s := newTestSet(t, Config{Base: partial})
	tr := &fakeTranslator{fail: "Machine translation from"}
	var progress bytes.Buffer
	review, sum, err := Draft(context.Background(), s, "ru", tr, &progress)
	if err != nil {
		t.Fatalf("Draft = %v", err)
	}
	wantSum := DraftSummary{Language: "ru", Missing: 8, Drafted: 6, Failed: []string{
		"NoteHeader: fake: translate: request rejected",
		"NoteHeaderFailed: fake: translate: request rejected",
	}}
	if diff := cmp.Diff(wantSum, sum); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(progress.String(), "8/8") || !strings.Contains(progress.String(), "[###") {
		t.Errorf("progress = %q, want a bar reaching 8/8", progress.String())
	}

	// The review file is a catalog the checker reads: drafted keys carry the
	// source hash and keep their placeholders; plural messages get every
	// form Russian needs.
	fr := CheckFile("review.ru.toml", review, Messages())
	for _, f := range fr.Findings {
		switch {
		case f.Kind == KindMissingKey && (f.Key == "FollowUp" || f.Key == "NoteHeader" || f.Key == "NoteHeaderFailed"):
		default:
			t.Errorf("review file finding: %s", f)
		}
	}
	cf, err := parseCatalog("review.ru.toml", review)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range cf.Messages {
		got[m.ID] = m.Few
		if m.Hash == "" {
			t.Errorf("%s has no hash", m.ID)
		}
	}
	if got[WithinHours] != "WITHIN {{.Count}} HOURS" {
		t.Errorf("WithinHours few = %q", got[WithinHours])
	}
	if !strings.Contains(string(review), "# DRAFT by fake") {
		t.Error("review file has no review marker")
	}
	for _, req := range tr.seen {
		if strings.Contains(req.Text, "{{") || req.From != "en" || req.To != "ru" {
			t.Errorf("translator saw %+v; placeholders must be masked", req)
		}
	}
}

func TestDraftErrors(t *testing.T) {
	s := newTestSet(t, Config{})
	var progress bytes.Buffer
	if _, _, err := Draft(context.Background(), s, "en-GB", &fakeTranslator{}, &progress); !errors.Is(err, ErrBadLanguage) {
		t.Errorf("Draft(en-GB) = %v, want ErrBadLanguage", err)
	}
	if _, _, err := Draft(context.Background(), s, "???", &fakeTranslator{}, &progress); !errors.Is(err, ErrBadLanguage) {
		t.Errorf("Draft(???) = %v, want ErrBadLanguage", err)
	}
	if _, _, err := Draft(context.Background(), s, "sv", &fakeTranslator{err: translate.ErrOff}, &progress); !errors.Is(err, translate.ErrOff) {
		t.Errorf("Draft(translator off) = %v, want ErrOff", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Draft(ctx, s, "sv", &fakeTranslator{err: context.Canceled}, &progress); !errors.Is(err, context.Canceled) {
		t.Errorf("Draft(canceled) = %v, want context.Canceled", err)
	}
	_, sum, err := Draft(context.Background(), s, "de", &fakeTranslator{}, &progress)
	if err != nil || sum.Missing != 0 || sum.Drafted != 0 {
		t.Errorf("Draft(complete de) = %+v, %v, want nothing to do", sum, err)
	}
}

func TestMask(t *testing.T) {
	in := "{{if .Name}}Hi {{.Name}}{{else}}Hi{{end}}, reply {{.Within}}."
	masked, actions := mask(in)
	if masked != "[[0]]Hi [[1]][[2]]Hi[[3]], reply [[4]]." {
		t.Errorf("mask = %q", masked)
	}
	if got := unmask(masked, actions); got != in {
		t.Errorf("unmask = %q, want %q", got, in)
	}
}
