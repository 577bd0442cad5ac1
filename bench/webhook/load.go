package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot/chatwoottest"
	"github.com/parleyhq/parley/translate"
)

// texts are the customer messages sent in turn: three foreign languages,
// which get a translation note, and English, which does not.
var texts = []string{
	"Где мой заказ? Я жду уже две недели.",
	"Wo ist meine Bestellung? Sie sollte gestern ankommen.",
	"Hola, no puedo entrar en mi cuenta desde ayer.",
	"Hello, where is my parcel? It was due on Monday.",
}

// sample is one webhook sent for a new conversation.
type sample struct {
	conv   int64
	sent   time.Time
	status int
	// respond is how long the webhook took to answer.
	respond time.Duration
	err     error
}

// load sends signed message_created webhooks, each for a new conversation,
// at rate per second for d, open loop: a slow answer does not slow the
// sending down. Conversation ids start at first.
func load(ctx context.Context, hookURL string, rate int, d time.Duration, first int64) []sample {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: 512, MaxConnsPerHost: 0, IdleConnTimeout: 30 * time.Second,
	}}
	defer client.CloseIdleConnections()
	n := int(float64(rate) * d.Seconds())
	out := make([]sample, n)
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		if wait := time.Until(at); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				wg.Wait()
				return out[:i]
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = send(client, hookURL, first+int64(i))
		}()
	}
	wg.Wait()
	return out
}

func send(client *http.Client, hookURL string, conv int64) sample {
	body := chatwoottest.MessageCreated(chatwoottest.Message{
		ID: conv, AccountID: accountID, ConversationID: conv, Content: texts[conv%int64(len(texts))],
		Type: "incoming", SenderType: "contact", SenderID: conv, SenderName: "Customer", BrowserLanguage: "en-US",
	})
	s := sample{conv: conv, sent: time.Now()}
	req, err := chatwoottest.NewWebhookRequest(hookURL, webhookSecret, body, fmt.Sprintf("bench-%d", conv))
	if err != nil {
		s.err = err
		return s
	}
	resp, err := client.Do(req)
	s.respond = time.Since(s.sent)
	if err != nil {
		s.err = err
		return s
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s.status = resp.StatusCode
	return s
}

// awaitAcks waits until every conversation in samples has its
// acknowledgement, or until timeout.
func awaitAcks(a *arrivals, samples []sample, timeout time.Duration) {
	deadline := time.After(timeout)
	for {
		if acks, _, _ := a.counts(); acks >= len(samples) {
			return
		}
		select {
		case <-a.changed:
		case <-deadline:
			return
		}
	}
}

// result summarizes one measured run.
type result struct {
	sent, failed, acked, extra, notes int
	ack, respond                      []time.Duration
}

func summarize(a *arrivals, samples []sample) result {
	var r result
	r.sent = len(samples)
	for _, s := range samples {
		if s.err != nil || s.status != http.StatusOK {
			r.failed++
			continue
		}
		r.respond = append(r.respond, s.respond)
		if at, ok := a.ack(s.conv); ok {
			r.ack = append(r.ack, at.Sub(s.sent))
		}
	}
	r.acked = len(r.ack)
	_, r.extra, r.notes = a.counts()
	slices.Sort(r.ack)
	slices.Sort(r.respond)
	return r
}

// quantile returns the q-quantile of sorted durations (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// instant translates at once, as a fast provider would look from here.
type instant struct{}

func (instant) Translate(_ context.Context, r translate.Request) (translate.Result, error) {
	return translate.Result{Text: "[" + r.To + "] " + r.Text, From: r.From, To: r.To, Provider: "instant"}, nil
}

func (instant) Off() bool { return false }

// slow is a provider that takes d per call.
type slow struct{ d time.Duration }

func (s slow) Translate(ctx context.Context, r translate.Request) (translate.Result, error) {
	select {
	case <-time.After(s.d):
	case <-ctx.Done():
		return translate.Result{}, ctx.Err()
	}
	return instant{}.Translate(ctx, r)
}

func (slow) Off() bool { return false }
