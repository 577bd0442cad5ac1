package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// writeMO writes a little-endian gettext catalog of the given source and
// translated strings.
func writeMO(t *testing.T, pairs [][2]string) string {
	t.Helper()
	n := len(pairs)
	orig, trans := 28, 28+8*n
	data := 28 + 16*n
	var strs []byte
	tables := make([]byte, 16*n)
	for i, p := range pairs {
		for j, s := range p {
			at := i*8 + j*8*n
			binary.LittleEndian.PutUint32(tables[at:], uint32(len(s)))
			binary.LittleEndian.PutUint32(tables[at+4:], uint32(data+len(strs)))
			strs = append(strs, s...)
			strs = append(strs, 0)
		}
	}
	head := make([]byte, 28)
	binary.LittleEndian.PutUint32(head[0:], 0x950412de)
	binary.LittleEndian.PutUint32(head[8:], uint32(n))
	binary.LittleEndian.PutUint32(head[12:], uint32(orig))
	binary.LittleEndian.PutUint32(head[16:], uint32(trans))
	path := filepath.Join(t.TempDir(), "x.mo")
	if err := os.WriteFile(path, append(append(head, tables...), strs...), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadMO(t *testing.T) {
	path := writeMO(t, [][2]string{
		{"", "Content-Type: text/plain; charset=UTF-8\n"},
		{"Open", "Öffnen"},
		{"menu\x04File", "Datei"},
		{"%d file\x00%d files", "%d Datei\x00%d Dateien"},
		{"ctx\x04", "ignored"},
	})
	got, err := readMO(path)
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"Open", "Öffnen"}, {"File", "Datei"}, {"%d file", "%d Datei"}}
	if !slices.Equal(got, want) {
		t.Errorf("readMO() = %q, want %q", got, want)
	}

	latin1 := writeMO(t, [][2]string{{"", "Content-Type: text/plain; charset=ISO-8859-1\n"}, {"Open", "\xd6ffnen"}})
	if _, err := readMO(latin1); err == nil {
		t.Error("readMO(ISO-8859-1 catalog) error = nil, want one")
	}
	b, _ := os.ReadFile(path)
	short := filepath.Join(t.TempDir(), "short.mo")
	os.WriteFile(short, b[:40], 0o644)
	if _, err := readMO(short); err == nil {
		t.Error("readMO(truncated) error = nil, want one")
	}
}

func TestProse(t *testing.T) {
	tests := map[string]string{
		"Ö&ffnen %s":                "Öffnen  ",
		"_Datei %1$s und %'d, %.*s": "Datei   und  ,  ",
		"Port %lu von %(name)s {n}": "Port   von    ",
		"<b>fett</b> &amp; normal":  " fett    normal",
	}
	for in, want := range tests {
		if got := prose(in); got != want {
			t.Errorf("prose(%q) = %q, want %q", in, got, want)
		}
	}
}
