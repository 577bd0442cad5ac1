// Package helpdesktest holds what the fake helpdesks (chatwoottest,
// freshdesktest, zammadtest, zendesktest) and the tests of their clients
// share: the faults a fake can be told to answer with, the webhooks it sends
// back in the background, the JSON answers it writes, and a webhook receiver
// and error checks for the client tests.
package helpdesktest

import (
	"encoding/json"
	"io/fs"
	"net/http"
)

// WriteJSON answers with status and v encoded as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Example returns testdata/name.json from fsys, a fake's embedded examples.
// It panics with pkg in the message on an unknown name, which is a bug in the
// test.
func Example(fsys fs.FS, pkg, name string) []byte {
	b, err := fs.ReadFile(fsys, "testdata/"+name+".json")
	if err != nil {
		panic(pkg + ": no example " + name)
	}
	return b
}
