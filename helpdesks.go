package main

import (
	"log/slog"
	"strconv"

	"github.com/parleyhq/parley/gateway"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot"
	"github.com/parleyhq/parley/gateway/helpdesk/freshdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/zammad"
	"github.com/parleyhq/parley/gateway/helpdesk/zendesk"
	"github.com/parleyhq/parley/gateway/pipeline"
)

// connector is what Parley needs of a helpdesk: its webhooks and its API.
type connector interface {
	gateway.Connector
	pipeline.Poster
}

// buildHelpdesks connects every helpdesk whose URL is set. The maps are keyed
// by the helpdesk's name, which is also its webhook path: /hooks/<name>.
func buildHelpdesks(cfg config, log *slog.Logger) (map[string]gateway.Connector, map[string]pipeline.Poster, error) {
	h := cfg.Helpdesk
	conns := map[string]connector{}
	if h["PARLEY_CHATWOOT_URL"] != "" {
		account, _ := strconv.ParseInt(h["PARLEY_CHATWOOT_ACCOUNT_ID"], 10, 64)
		skip, _ := strconv.ParseBool(h["PARLEY_CHATWOOT_INSECURE_SKIP_SIGNATURE"])
		c, err := chatwoot.New(chatwoot.Config{URL: h["PARLEY_CHATWOOT_URL"], APIToken: h["PARLEY_CHATWOOT_API_TOKEN"],
			WebhookSecret: h["PARLEY_CHATWOOT_WEBHOOK_SECRET"], InsecureSkipSignature: skip,
			AccountID: account, SenderID: h["PARLEY_CHATWOOT_SENDER_ID"]})
		if err != nil {
			return nil, nil, err
		}
		if skip {
			log.Warn("Chatwoot webhooks are accepted without a verified signature (PARLEY_CHATWOOT_INSECURE_SKIP_SIGNATURE)")
		}
		conns[chatwoot.Name] = c
	}
	if h["PARLEY_ZENDESK_URL"] != "" || h["PARLEY_ZENDESK_SUNSHINE_APP_ID"] != "" {
		c, err := zendesk.New(zendesk.Config{URL: h["PARLEY_ZENDESK_URL"], Email: h["PARLEY_ZENDESK_EMAIL"],
			APIToken: h["PARLEY_ZENDESK_API_TOKEN"], WebhookSecret: h["PARLEY_ZENDESK_WEBHOOK_SECRET"],
			SunshineURL: h["PARLEY_ZENDESK_SUNSHINE_URL"], SunshineAppID: h["PARLEY_ZENDESK_SUNSHINE_APP_ID"],
			SunshineKeyID: h["PARLEY_ZENDESK_SUNSHINE_KEY_ID"], SunshineKeySecret: h["PARLEY_ZENDESK_SUNSHINE_KEY_SECRET"],
			SunshineWebhookSecret: h["PARLEY_ZENDESK_SUNSHINE_WEBHOOK_SECRET"], BusinessName: h["PARLEY_ZENDESK_BUSINESS_NAME"]})
		if err != nil {
			return nil, nil, err
		}
		conns[zendesk.Name] = c
	}
	if h["PARLEY_FRESHDESK_URL"] != "" {
		c, err := freshdesk.New(freshdesk.Config{URL: h["PARLEY_FRESHDESK_URL"], APIKey: h["PARLEY_FRESHDESK_API_KEY"],
			WebhookSecret: h["PARLEY_FRESHDESK_WEBHOOK_SECRET"]})
		if err != nil {
			return nil, nil, err
		}
		conns[freshdesk.Name] = c
	}
	if h["PARLEY_ZAMMAD_URL"] != "" {
		c, err := zammad.New(zammad.Config{URL: h["PARLEY_ZAMMAD_URL"], APIToken: h["PARLEY_ZAMMAD_API_TOKEN"],
			WebhookSecret: h["PARLEY_ZAMMAD_WEBHOOK_SECRET"]})
		if err != nil {
			return nil, nil, err
		}
		conns[zammad.Name] = c
	}
	hooks := make(map[string]gateway.Connector, len(conns))
	posters := make(map[string]pipeline.Poster, len(conns))
	for name, c := range conns {
		hooks[name], posters[name] = c, c
	}
	return hooks, posters, nil
}
