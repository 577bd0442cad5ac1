package main

import (
	"fmt"
	"net/url"
	"strconv"
)

// helpdeskSettings are the PARLEY_<HELPDESK>_* variables. A helpdesk is
// connected when its URL is set.
func helpdeskSettings() []setting {
	u, plain, secret, flag, number := "url", "plain", "secret", "bool", "int"
	specs := []struct{ env, kind, help string }{
		{"PARLEY_CHATWOOT_URL", u, "Chatwoot base URL; connects Chatwoot"},
		{"PARLEY_CHATWOOT_API_TOKEN", secret, "access token of the Chatwoot user or bot Parley posts as"},
		{"PARLEY_CHATWOOT_WEBHOOK_SECRET", secret, "secret of the Chatwoot webhook"},
		{"PARLEY_CHATWOOT_INSECURE_SKIP_SIGNATURE", flag, "accept unsigned Chatwoot webhooks (logged on every webhook)"},
		{"PARLEY_CHATWOOT_ACCOUNT_ID", number, "Chatwoot account id, for webhooks that lack it"},
		{"PARLEY_CHATWOOT_SENDER_ID", plain, "author id of Parley's posts when the token cannot tell (e.g. agent_bot:3)"},
		{"PARLEY_ZENDESK_URL", u, "Zendesk Support URL; connects Zendesk"},
		{"PARLEY_ZENDESK_EMAIL", plain, "e-mail of the Zendesk agent Parley posts as"},
		{"PARLEY_ZENDESK_API_TOKEN", secret, "Zendesk API token"},
		{"PARLEY_ZENDESK_WEBHOOK_SECRET", secret, "signing secret of the Zendesk webhook"},
		{"PARLEY_ZENDESK_SUNSHINE_URL", u, "Sunshine Conversations API base"},
		{"PARLEY_ZENDESK_SUNSHINE_APP_ID", plain, "Sunshine Conversations app id"},
		{"PARLEY_ZENDESK_SUNSHINE_KEY_ID", plain, "Sunshine Conversations API key id"},
		{"PARLEY_ZENDESK_SUNSHINE_KEY_SECRET", secret, "Sunshine Conversations API key secret"},
		{"PARLEY_ZENDESK_SUNSHINE_WEBHOOK_SECRET", secret, "Sunshine Conversations webhook secret"},
		{"PARLEY_ZENDESK_BUSINESS_NAME", plain, "name customers see on messaging replies"},
		{"PARLEY_FRESHDESK_URL", u, "Freshdesk URL; connects Freshdesk"},
		{"PARLEY_FRESHDESK_API_KEY", secret, "API key of the Freshdesk agent Parley posts as"},
		{"PARLEY_FRESHDESK_WEBHOOK_SECRET", secret, "token the Freshdesk automation rules send"},
		{"PARLEY_ZAMMAD_URL", u, "Zammad URL; connects Zammad"},
		{"PARLEY_ZAMMAD_API_TOKEN", secret, "access token of the Zammad user Parley posts as"},
		{"PARLEY_ZAMMAD_WEBHOOK_SECRET", secret, "HMAC token of the Zammad webhook"},
	}
	out := make([]setting, 0, len(specs))
	for _, sp := range specs {
		s := setting{env: sp.env, help: sp.help, set: setHelpdesk(sp.env, sp.kind)}
		switch sp.kind {
		case secret:
			s.show = mask
		case flag:
			s.def = "false"
		}
		out = append(out, s)
	}
	return out
}

func setHelpdesk(env, kind string) func(*config, string) error {
	return func(c *config, v string) error {
		if v != "" {
			switch kind {
			case "url":
				if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return fmt.Errorf("%q is not an http(s) URL", v)
				}
			case "bool":
				if _, err := strconv.ParseBool(v); err != nil {
					return fmt.Errorf("%q is not true or false", v)
				}
			case "int":
				if _, err := strconv.ParseInt(v, 10, 64); err != nil {
					return fmt.Errorf("%q is not a whole number", v)
				}
			}
		}
		if c.Helpdesk == nil {
			c.Helpdesk = map[string]string{}
		}
		c.Helpdesk[env] = v
		return nil
	}
}
