-- Translations that passed their checks, so that the same text is not paid
-- for twice. hash is translate.CacheKey.Hash() of the key columns beside it,
-- which are kept so that operators can read and prune the table. A Put of
-- the same key replaces the row, hit counters included.
CREATE TABLE translation_cache (
    hash              TEXT        PRIMARY KEY,            -- hex SHA-256 of the key
    text              TEXT        NOT NULL,               -- the normalized source text
    source_language   TEXT        NOT NULL DEFAULT '',    -- '' when the provider detected it
    target_language   TEXT        NOT NULL,
    provider          TEXT        NOT NULL,
    model             TEXT        NOT NULL DEFAULT '',
    glossary          TEXT        NOT NULL DEFAULT '',    -- glossary version
    translation       TEXT        NOT NULL,
    reported_language TEXT        NOT NULL DEFAULT '',    -- source language the provider reported
    hits              INTEGER     NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL,
    last_hit_at       TIMESTAMPTZ
);

-- What every provider call cost, one row per translated text (a batched call
-- leaves one row per text with its share). The daily limit sums it by time.
CREATE TABLE translation_usage (
    id                BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at       TIMESTAMPTZ NOT NULL,
    conversation      TEXT        NOT NULL DEFAULT '',    -- the conversation reference; '' for one-off calls
    provider          TEXT        NOT NULL,
    model             TEXT        NOT NULL DEFAULT '',
    source_language   TEXT        NOT NULL DEFAULT '',
    target_language   TEXT        NOT NULL DEFAULT '',
    prompt_tokens     INTEGER     NOT NULL DEFAULT 0,
    completion_tokens INTEGER     NOT NULL DEFAULT 0,
    characters        INTEGER     NOT NULL DEFAULT 0,
    batch             INTEGER     NOT NULL DEFAULT 1      -- texts that shared the call
);
CREATE INDEX translation_usage_time ON translation_usage (occurred_at);
