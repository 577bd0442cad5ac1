package detect

import (
	"hash/maphash"
	"math"
	"math/bits"
	"sync"

	"github.com/pemistahl/lingua-go"
)

// table holds the n-gram models of the configured languages merged into one
// hash table: each n-gram (of one to five letters) is stored once, with the
// languages whose model knows it and their log probabilities. lingua keeps
// one Go map per language and n-gram length, so scoring a text costs one
// lookup per n-gram per language, and its 12 million map entries with
// string keys cost 575 MiB for the default 34 languages and a garbage
// collector that scans them all. The table answers each n-gram with one
// lookup, takes about a third of the memory, and holds no pointers.
type table struct {
	seed  maphash.Seed
	slots []uint32 // 0 is empty, else a key index plus one
	mask  uint64
	// Key i is arena[keyOff[i]:keyOff[i+1]]; its languages are
	// entLang[entOff[i]:entOff[i+1]], aligned with entLogp.
	arena   []byte
	keyOff  []uint32
	entOff  []uint32
	entLang []uint8
	entLogp []float32
}

// lookup returns the languages that know n-gram g and their log
// probabilities; both are empty when none does.
func (t *table) lookup(g string) ([]uint8, []float32) {
	if len(t.slots) == 0 {
		return nil, nil
	}
	h := maphash.String(t.seed, g)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return nil, nil
		}
		k := s - 1
		if string(t.arena[t.keyOff[k]:t.keyOff[k+1]]) == g {
			return t.entLang[t.entOff[k]:t.entOff[k+1]], t.entLogp[t.entOff[k]:t.entOff[k+1]]
		}
	}
}

// size is the table's memory in bytes.
func (t *table) size() int {
	return len(t.slots)*4 + len(t.arena) + len(t.keyOff)*4 + len(t.entOff)*4 + len(t.entLang) + len(t.entLogp)*4
}

// tableBuilder collects models language by language. Keys are interned as
// they come, in a growing open-addressing table over an arena; entries are
// kept in arrival order and grouped by key when the table is built.
type tableBuilder struct {
	t       table
	keys    int
	entKey  []uint32
	entLang []uint8
	entLogp []float32
}

func newTableBuilder() *tableBuilder {
	b := &tableBuilder{t: table{seed: maphash.MakeSeed(), keyOff: []uint32{0}}}
	b.t.slots = make([]uint32, 1<<16)
	b.t.mask = 1<<16 - 1
	return b
}

// add records that language lang (an index below 256) gives n-gram g
// probability p.
func (b *tableBuilder) add(g string, lang uint8, p float64) {
	b.entKey = append(b.entKey, b.intern(g))
	b.entLang = append(b.entLang, lang)
	b.entLogp = append(b.entLogp, float32(math.Log(p)))
}

// addLanguage adds every model of language l in lingua's caches (see
// linguaCaches) under index lang.
func (b *tableBuilder) addLanguage(caches [5]*sync.Map, l lingua.Language, lang uint8) {
	for _, cache := range caches {
		// lingua has no model of some lengths for a few languages
		// (Japanese bigrams, for one): it finds nothing there either.
		if v, ok := cache.Load(l); ok {
			for g, p := range v.(map[string]float64) {
				b.add(g, lang, p)
			}
		}
	}
}

// intern returns g's key index, adding g if it is new.
func (b *tableBuilder) intern(g string) uint32 {
	t := &b.t
	h := maphash.String(t.seed, g)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			k := uint32(b.keys)
			t.arena = append(t.arena, g...)
			t.keyOff = append(t.keyOff, uint32(len(t.arena)))
			t.slots[i] = k + 1
			b.keys++
			// Keep the load under 70 %.
			if uint64(b.keys)*10 > uint64(len(t.slots))*7 {
				b.grow()
			}
			return k
		}
		k := s - 1
		if string(t.arena[t.keyOff[k]:t.keyOff[k+1]]) == g {
			return k
		}
	}
}

// grow doubles the slots.
func (b *tableBuilder) grow() { b.t.rehash(len(b.t.slots)*2, b.keys) }

// rehash places the table's keys anew in n slots, n a power of two.
func (t *table) rehash(n, keys int) {
	t.slots = make([]uint32, n)
	t.mask = uint64(n - 1)
	for k := 0; k < keys; k++ {
		h := maphash.Bytes(t.seed, t.arena[t.keyOff[k]:t.keyOff[k+1]])
		i := h & t.mask
		for t.slots[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = uint32(k) + 1
	}
}

// build groups the entries by key and returns the table; the builder is
// spent.
func (b *tableBuilder) build() *table {
	t := b.t
	t.entOff = make([]uint32, b.keys+1)
	for _, k := range b.entKey {
		t.entOff[k+1]++
	}
	for k := 1; k <= b.keys; k++ {
		t.entOff[k] += t.entOff[k-1]
	}
	t.entLang = make([]uint8, len(b.entKey))
	t.entLogp = make([]float32, len(b.entKey))
	next := make([]uint32, b.keys)
	copy(next, t.entOff[:b.keys])
	for i, k := range b.entKey {
		j := next[k]
		next[k]++
		t.entLang[j], t.entLogp[j] = b.entLang[i], b.entLogp[i]
	}
	// Shrink the arena and offsets to their length.
	t.arena = append([]byte(nil), t.arena...)
	t.keyOff = append([]uint32(nil), t.keyOff...)
	// The fewest slots that keep the load under 70 %.
	if n := 1 << bits.Len(uint(b.keys*10/7)); n < len(t.slots) {
		t.rehash(n, b.keys)
	}
	*b = tableBuilder{}
	return &t
}
