// Package web is Parley's agent page: a read-only view of recent
// conversations and of each thread, with the original text and its
// translation side by side. Pages are html/template files and a stylesheet
// embedded in the binary; they need no JavaScript and no outside assets.
package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/parleyhq/parley/gateway/store"
)

// AssetPrefix is the path under which the stylesheet and icon are served.
const AssetPrefix = "/assets/"

// Limits on what one page shows.
const (
	listLimit   = 200
	threadLimit = 1000
)

//go:embed html/*.html
var htmlFS embed.FS

//go:embed assets
var assetFS embed.FS

// Reader reads what the pages show.
type Reader interface {
	// RecentConversations returns at most limit conversations, the most
	// recently active first.
	RecentConversations(ctx context.Context, limit int) ([]store.ConversationSummary, error)
	// Conversation returns the conversation with Parley's id, or an error
	// wrapping store.ErrNotFound.
	Conversation(ctx context.Context, id int64) (store.Conversation, error)
	// Messages returns a conversation's messages, oldest first, at most limit.
	Messages(ctx context.Context, conversationID int64, limit int) ([]store.Message, error)
	// ConversationTranslations returns the translations of every message of
	// conversation id.
	ConversationTranslations(ctx context.Context, id int64) ([]store.Translation, error)
	// ConversationDeliveries returns what Parley posted to conversation id,
	// oldest first.
	ConversationDeliveries(ctx context.Context, id int64) ([]store.Delivery, error)
}

// TranslationFunc returns where message m's translation for agents stands,
// given the translations stored for it; pipeline.(*Pipeline).TranslationOf
// is one.
type TranslationFunc func(m store.Message, have []store.Translation) store.Translation

// Deps are the pages' collaborators.
type Deps struct {
	Store         Reader
	TranslationOf TranslationFunc
	// Logger receives the details of failed requests; nil discards them.
	Logger *slog.Logger
}

// Handler serves the agent page: GET /, GET /conversations/{id} and the
// assets under AssetPrefix. It does not authenticate; wrap it in
// RequireAuth.
type Handler struct {
	deps  Deps
	pages pages
	mux   *http.ServeMux
}

var _ http.Handler = (*Handler)(nil)

// New builds the agent page's handler.
func New(deps Deps) *Handler {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{deps: deps, pages: parsePages(), mux: http.NewServeMux()}
	assets, err := fs.Sub(assetFS, "assets")
	if err != nil {
		panic(err) // the embedded tree always has the folder
	}
	h.mux.HandleFunc("GET /{$}", h.list)
	h.mux.HandleFunc("GET /conversations/{id}", h.thread)
	h.mux.Handle("GET "+AssetPrefix, http.StripPrefix(AssetPrefix, serveAssets(assets, h.pages)))
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.pages.renderError(w, http.StatusNotFound)
	})
	return h
}

// ServeHTTP serves one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	h.mux.ServeHTTP(w, r)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	cs, err := h.deps.Store.RecentConversations(r.Context(), listLimit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, h.pages.list, newListPage(cs, listLimit))
}

func (h *Handler) thread(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.pages.renderError(w, http.StatusNotFound)
		return
	}
	ctx := r.Context()
	conv, err := h.deps.Store.Conversation(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msgs, err := h.deps.Store.Messages(ctx, id, threadLimit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ts, err := h.deps.Store.ConversationTranslations(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ds, err := h.deps.Store.ConversationDeliveries(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page := newThreadPage(conv, msgs, ts, ds, h.deps.TranslationOf)
	page.Truncated = len(msgs) >= threadLimit
	h.render(w, r, h.pages.thread, page)
}

// fail answers with the error page: 404 for what does not exist, 500 with
// the details logged for anything else.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		h.pages.renderError(w, http.StatusNotFound)
		return
	}
	h.deps.Logger.Error("agent page failed", "method", r.Method, "path", r.URL.Path, "error", err)
	h.pages.renderError(w, http.StatusInternalServerError)
}

// render writes a page only once it rendered whole, so that a failure
// midway shows the error page rather than half a thread.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		h.fail(w, r, err)
		return
	}
	writeHTML(w, http.StatusOK, buf.Bytes())
}

func writeHTML(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// setSecurityHeaders forbids scripts, inline styles, outside assets,
// framing, content sniffing and referrers.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
}

// serveAssets serves the embedded stylesheet and icon; a missing one gets
// the HTML 404 page rather than a listing.
func serveAssets(assets fs.FS, notFound pages) http.Handler {
	files := http.FileServerFS(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || r.URL.Path[len(r.URL.Path)-1] == '/' {
			notFound.renderError(w, http.StatusNotFound)
			return
		}
		if _, err := fs.Stat(assets, r.URL.Path); err != nil {
			notFound.renderError(w, http.StatusNotFound)
			return
		}
		w.Header().Set("Cache-Control", "private, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
