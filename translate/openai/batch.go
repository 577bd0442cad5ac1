package openai

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/parleyhq/parley/translate"
)

// The batch wire format: JSON in the user message, JSON in the answer.
type batchIn struct {
	Items []batchItemIn `json:"items"`
}

type batchItemIn struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

type batchOut struct {
	Items []batchItemOut `json:"items"`
}

type batchItemOut struct {
	ID          string `json:"id"`
	Translation string `json:"translation"`
}

// TranslateBatch translates several texts for one language pair in a single
// chat completion: the instructions are paid for once. Texts the answer
// leaves out, or an answer that is not the expected JSON, come back as
// per-text *translate.CheckError outcomes; the caller retries those alone.
func (c *Client) TranslateBatch(ctx context.Context, reqs []translate.Request) ([]translate.Outcome, error) {
	if len(reqs) == 0 {
		return []translate.Outcome{}, nil
	}
	in := batchIn{Items: make([]batchItemIn, len(reqs))}
	limit := 0
	for i, r := range reqs {
		if r.From != reqs[0].From || r.To != reqs[0].To {
			return nil, fmt.Errorf("openai: a batch must share one language pair: %w", translate.ErrRejected)
		}
		in.Items[i] = batchItemIn{ID: strconv.Itoa(i + 1), Text: r.Text}
		limit += maxTokens(r.Text) + 16
	}
	payload, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("openai: encode batch: %w", err)
	}
	resp, err := c.complete(ctx, goopenai.ChatCompletionRequest{
		Model: c.model,
		Messages: []goopenai.ChatCompletionMessage{
			{Role: goopenai.ChatMessageRoleSystem, Content: batchPrompt(c.glossary, reqs)},
			{Role: goopenai.ChatMessageRoleUser, Content: string(payload)},
		},
		ResponseFormat: &goopenai.ChatCompletionResponseFormat{Type: goopenai.ChatCompletionResponseFormatTypeJSONObject},
	}, limit)
	if err != nil {
		return nil, err
	}
	choice := resp.Choices[0]
	got, problem := parseBatch(choice.Message.Content)
	if choice.FinishReason == goopenai.FinishReasonLength {
		got, problem = nil, fmt.Sprintf("the batch answer was cut off at %d tokens", limit)
	}
	texts, outs := make([]string, len(reqs)), make([]string, len(reqs))
	for i, r := range reqs {
		texts[i], outs[i] = r.Text, got[strconv.Itoa(i+1)]
	}
	shares := translate.SplitUsage(usage(resp), texts, outs)
	results := make([]translate.Outcome, len(reqs))
	for i, r := range reqs {
		if strings.TrimSpace(outs[i]) == "" {
			reason := problem
			if reason == "" {
				reason = "the batch answer left this message out"
			}
			results[i].Err = &translate.CheckError{Reason: reason, Usage: shares[i]}
			continue
		}
		results[i].Result = translate.Result{
			Text: strings.TrimSpace(outs[i]), From: r.From, To: r.To, Provider: c.Name(), Model: c.model, Usage: shares[i],
		}
	}
	return results, nil
}

// parseBatch reads a batch answer into id → translation, tolerating a code
// fence around the JSON. On failure it says why.
func parseBatch(content string) (map[string]string, string) {
	content = strings.TrimSpace(content)
	if strings.HasPrefix(content, "```") {
		content = strings.TrimPrefix(content, "```json")
		content = strings.TrimPrefix(content, "```")
		content = strings.TrimSuffix(strings.TrimSpace(content), "```")
	}
	var out batchOut
	if err := json.Unmarshal([]byte(content), &out); err != nil {
		return nil, "the batch answer was not the expected JSON"
	}
	got := make(map[string]string, len(out.Items))
	for _, it := range out.Items {
		if _, dup := got[it.ID]; !dup {
			got[it.ID] = it.Translation
		}
	}
	return got, ""
}
