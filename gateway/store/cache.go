package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/parleyhq/parley/translate"
)

// The store is the translation layer's persistent cache.
var _ translate.Cache = (*DB)(nil)

// Get returns the translation cached under key and counts the hit. It fails
// with an error wrapping translate.ErrCacheMiss when nothing is cached.
func (db *DB) Get(ctx context.Context, key translate.CacheKey) (translate.CacheEntry, error) {
	hash := key.Hash()
	// One statement both reads the entry and records the hit, so that
	// operators can prune entries nobody has asked for in a while.
	var e translate.CacheEntry
	err := db.q.queryRow(ctx, `UPDATE translation_cache SET hits = hits + 1, last_hit_at = $1
		WHERE hash = $2 RETURNING translation, reported_language`,
		db.now().UTC(), hash).Scan(&e.Text, &e.From)
	if errors.Is(err, ErrNotFound) {
		return translate.CacheEntry{}, fmt.Errorf("store: cached translation %.12s: %w", hash, translate.ErrCacheMiss)
	}
	if err != nil {
		return translate.CacheEntry{}, fmt.Errorf("store: cached translation %.12s: %w", hash, err)
	}
	return e, nil
}

// Put caches e under key, replacing any earlier entry and its hit count.
func (db *DB) Put(ctx context.Context, key translate.CacheKey, e translate.CacheEntry) error {
	hash := key.Hash()
	_, err := db.q.exec(ctx, `INSERT INTO translation_cache (hash, text, source_language, target_language,
			provider, model, glossary, translation, reported_language, hits, created_at, last_hit_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, NULL)
		ON CONFLICT (hash) DO UPDATE SET text = excluded.text, source_language = excluded.source_language,
			target_language = excluded.target_language, provider = excluded.provider, model = excluded.model,
			glossary = excluded.glossary, translation = excluded.translation,
			reported_language = excluded.reported_language, hits = 0, created_at = excluded.created_at,
			last_hit_at = NULL`,
		hash, key.Text, key.From, key.To, key.Provider, key.Model, key.Glossary, e.Text, e.From, db.now().UTC())
	if err != nil {
		return fmt.Errorf("store: cache translation %.12s: %w", hash, err)
	}
	return nil
}
