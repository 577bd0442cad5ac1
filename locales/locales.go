// Package locales holds Parley's message catalogs, one go-i18n TOML file per
// language (active.<lang>.toml), embedded in the binary. The English source
// of every message lives in package templates; see docs/translators.md.
package locales

import "embed"

// FS holds the active.<lang>.toml catalogs at its root.
//
//go:embed active.*.toml
var FS embed.FS
