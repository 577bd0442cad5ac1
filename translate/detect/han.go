package detect

import (
	"sync"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// hanSets tells Chinese from Japanese by the characters each writes, as
// their national character sets record them: a character that GB 2312
// (simplified Chinese) or Big5 (traditional Chinese) encodes and JIS X 0208
// (Japanese, as Shift_JIS encodes it) does not is Chinese (这, 谢, 说);
// one that only JIS X 0208 encodes is Japanese (気, 変, 読). Most
// characters are in both (注, 文, 商, 品) and tell nothing. The sets cover
// the CJK Unified Ideographs block, U+4E00 to U+9FFF.
type hanSets struct {
	chinese, japanese [hanBlockSize / 64]uint64
}

const (
	hanBlockStart = 0x4E00
	hanBlockSize  = 0xA000 - hanBlockStart
)

// hanCharsets builds the sets once, from golang.org/x/text's encoders
// (about 60k encodings, some tens of milliseconds); Load calls it so that
// no message waits for it.
var hanCharsets = sync.OnceValue(func() *hanSets {
	encodes := func(e encoding.Encoding) func(rune) bool {
		enc := e.NewEncoder()
		return func(r rune) bool {
			_, err := enc.String(string(r))
			return err == nil
		}
	}
	gb, big5, jis := encodes(simplifiedchinese.HZGB2312), encodes(traditionalchinese.Big5), encodes(japanese.ShiftJIS)
	s := &hanSets{}
	for i := range hanBlockSize {
		r := rune(hanBlockStart + i)
		zh, ja := gb(r) || big5(r), jis(r)
		switch {
		case zh && !ja:
			s.chinese[i/64] |= 1 << (i % 64)
		case ja && !zh:
			s.japanese[i/64] |= 1 << (i % 64)
		}
	}
	return s
})

// chineseOnly reports whether r is a character Chinese writes and
// Japanese does not.
func (s *hanSets) chineseOnly(r rune) bool { return hanBit(&s.chinese, r) }

// japaneseOnly reports whether r is a character Japanese writes and
// Chinese does not.
func (s *hanSets) japaneseOnly(r rune) bool { return hanBit(&s.japanese, r) }

func hanBit(set *[hanBlockSize / 64]uint64, r rune) bool {
	i := int(r) - hanBlockStart
	return i >= 0 && i < hanBlockSize && set[i/64]&(1<<(i%64)) != 0
}
