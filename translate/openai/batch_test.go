package openai_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/openai"
	"github.com/parleyhq/parley/translate/translatetest"
)

func batchReqs(texts ...string) []translate.Request {
	var out []translate.Request
	for _, t := range texts {
		out = append(out, translate.Request{Text: t, From: "ru", To: "en"})
	}
	return out
}

func TestTranslateBatch(t *testing.T) {
	srv := translatetest.NewOpenAIServer(t, &translatetest.Model{})
	c := newClient(t, srv, openai.Config{})
	reqs := batchReqs("Где мой заказ?", "Спасибо!", "Когда доставка?")
	outs, err := c.TranslateBatch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.Requests()) != 1 {
		t.Fatalf("%d requests, want 1", len(srv.Requests()))
	}
	r := srv.Requests()[0]
	var in struct {
		Items []struct{ ID, Text string } `json:"items"`
	}
	if err := json.Unmarshal([]byte(r.Messages[1].Content), &in); err != nil || len(in.Items) != 3 || in.Items[1].Text != "Спасибо!" {
		t.Fatalf("user message = %q (%v), want the three texts as JSON items", r.Messages[1].Content, err)
	}
	if r.ResponseFormat == nil || r.ResponseFormat.Type != "json_object" {
		t.Errorf("response_format = %+v, want json_object", r.ResponseFormat)
	}
	prompt, completion := srv.Tokens()
	var sum translate.Usage
	for i, o := range outs {
		if o.Err != nil || o.Result.Text == "" {
			t.Errorf("item %d = %+v", i, o)
		}
		sum = sum.Add(o.Result.Usage)
	}
	if sum.PromptTokens != prompt || sum.CompletionTokens != completion {
		t.Errorf("item usage adds up to %+v, want %d+%d", sum, prompt, completion)
	}
}

func TestTranslateBatchBadAnswers(t *testing.T) {
	tests := []struct {
		name    string
		answer  string
		wantErr []bool
	}{
		{name: "item left out", answer: `{"items":[{"id":"1","translation":"Where is my order?"}]}`, wantErr: []bool{false, true}},
		{name: "fenced JSON", answer: "```json\n{\"items\":[{\"id\":\"1\",\"translation\":\"a b\"},{\"id\":\"2\",\"translation\":\"c d\"}]}\n```", wantErr: []bool{false, false}},
		{name: "not JSON", answer: "Where is my order? Thanks!", wantErr: []bool{true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := translatetest.NewOpenAIServer(t, &translatetest.Model{})
			srv.Enqueue(translatetest.ChatAnswer(tt.answer, "stop"))
			c := newClient(t, srv, openai.Config{})
			outs, err := c.TranslateBatch(context.Background(), batchReqs("Где мой заказ?", "Спасибо!"))
			if err != nil {
				t.Fatal(err)
			}
			for i, o := range outs {
				if got := o.Err != nil; got != tt.wantErr[i] {
					t.Errorf("item %d error = %v, want error %v", i, o.Err, tt.wantErr[i])
				}
				if o.Err != nil && !errors.Is(o.Err, translate.ErrCheckFailed) {
					t.Errorf("item %d error = %v, want ErrCheckFailed", i, o.Err)
				}
			}
		})
	}
}

func TestTranslateBatchNeedsOnePair(t *testing.T) {
	srv := translatetest.NewOpenAIServer(t, &translatetest.Model{})
	c := newClient(t, srv, openai.Config{})
	reqs := []translate.Request{{Text: "a", From: "ru", To: "en"}, {Text: "b", From: "de", To: "en"}}
	if _, err := c.TranslateBatch(context.Background(), reqs); !errors.Is(err, translate.ErrRejected) {
		t.Errorf("mixed pairs: %v, want ErrRejected", err)
	}
	srv.Enqueue(translatetest.OpenAIError(429, "rate_limit_exceeded", "slow down"))
	if _, err := c.TranslateBatch(context.Background(), batchReqs("a", "b")); !errors.Is(err, translate.ErrRateLimited) {
		t.Errorf("429: %v, want ErrRateLimited for the whole batch", err)
	}
}
