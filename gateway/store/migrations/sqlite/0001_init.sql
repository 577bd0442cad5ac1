-- Conversations as the helpdesk knows them, with what Parley decided about
-- their languages and when each side last spoke.
CREATE TABLE conversations (
    id                  INTEGER PRIMARY KEY,
    source              TEXT     NOT NULL,               -- api, chatwoot, zendesk, freshdesk, zammad
    external_id         TEXT     NOT NULL,               -- the helpdesk's own conversation reference
    customer_name       TEXT     NOT NULL DEFAULT '',
    customer_language   TEXT     NOT NULL DEFAULT '',    -- BCP 47; '' until decided
    language_source     TEXT     NOT NULL DEFAULT '',    -- detected, hint, conversation, override, default
    language_confidence REAL     NOT NULL DEFAULT 0,
    agent_language      TEXT     NOT NULL DEFAULT '',
    acknowledged_at     DATETIME,
    customer_last_at    DATETIME,
    agent_last_at       DATETIME,
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL,
    UNIQUE (source, external_id)
);

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY,
    conversation_id     INTEGER  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    source              TEXT     NOT NULL,
    external_id         TEXT,                            -- NULL when the sender gave none
    author              TEXT     NOT NULL CHECK (author IN ('customer', 'agent', 'system')),
    private             INTEGER  NOT NULL DEFAULT 0,
    text                TEXT     NOT NULL,
    locale_hint         TEXT     NOT NULL DEFAULT '',
    language            TEXT     NOT NULL DEFAULT '',
    language_confidence REAL     NOT NULL DEFAULT 0,
    language_source     TEXT     NOT NULL DEFAULT '',
    processed_at        DATETIME,
    created_at          DATETIME NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

CREATE TABLE translations (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER  NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    language   TEXT     NOT NULL,
    status     TEXT     NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'off', 'not_needed')),
    text       TEXT     NOT NULL DEFAULT '',
    provider   TEXT     NOT NULL DEFAULT '',
    model      TEXT     NOT NULL DEFAULT '',
    error      TEXT     NOT NULL DEFAULT '',
    attempts   INTEGER  NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE (message_id, language)
);

-- What Parley posts back: acknowledgements, notes for agents, translated
-- replies and follow-ups. external_id is what the helpdesk answered, so that
-- the webhook Parley's own post causes is recognized and ignored.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id      INTEGER  REFERENCES messages (id) ON DELETE CASCADE,
    kind            TEXT     NOT NULL CHECK (kind IN ('ack', 'note', 'reply', 'follow_up')),
    language        TEXT     NOT NULL DEFAULT '',
    text            TEXT     NOT NULL,
    status          TEXT     NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER  NOT NULL DEFAULT 0,
    external_id     TEXT,
    error           TEXT     NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    sent_at         DATETIME
);
CREATE INDEX deliveries_conversation ON deliveries (conversation_id, id);
CREATE INDEX deliveries_external ON deliveries (external_id) WHERE external_id IS NOT NULL;

-- Webhook delivery ids already accepted, so a helpdesk's retry is a no-op.
CREATE TABLE webhook_deliveries (
    source      TEXT     NOT NULL,
    delivery_id TEXT     NOT NULL,
    received_at DATETIME NOT NULL,
    PRIMARY KEY (source, delivery_id)
);
