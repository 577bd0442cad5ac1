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
// (Japanese) does not is Chinese (这, 谢, 說); one that only JIS X 0208
// encodes is Japanese (気, 発, 関). Most characters are in both (注, 文, 商,
// 品) and tell nothing. The sets cover the CJK Unified Ideographs block,
// U+4E00 to U+9FFF.
type hanSets struct {
	chinese, japanese [hanBlockSize / 64]uint64
}

const (
	hanBlockStart = 0x4E00
	hanBlockSize  = 0xA000 - hanBlockStart
)

// Characters that only simplified Chinese or only Japanese writes, beyond
// those the character sets tell (个, 点, 円, 県 are in both standards);
// hanCharsets adds them to the sets. All are in the block the sets cover.
const (
	simplifiedOnly = "这们说个么给还对时发现过没让请问题谢订单货钱买卖东车见长门间关开们样点书话语认识讯贵务员"
	japaneseOnly   = "気円払届様込売変帰読駅図広楽薬県"
)

// hanCharsets builds the sets once, from golang.org/x/text's encoders
// (some tens of milliseconds); Load calls it so that no message waits for
// it. The encoders know more than the standards: x/text's Big5 is the
// WHATWG one, with Hong Kong's HKSCS, which holds many Japanese forms (発,
// 関, 働), and its Shift_JIS has the NEC and IBM extensions, which hold
// Chinese forms (德, 黑). Only the standards' own code ranges count.
var hanCharsets = sync.OnceValue(func() *hanSets {
	gb := encodesIn(simplifiedchinese.HZGB2312, func([]byte) bool { return true })
	big5 := encodesIn(traditionalchinese.Big5, func(b []byte) bool {
		// Big5 proper: frequent hanzi A440–C67E, less frequent C940–F9D5.
		if len(b) != 2 {
			return false
		}
		c := int(b[0])<<8 | int(b[1])
		return c >= 0xA440 && c <= 0xC67E || c >= 0xC940 && c <= 0xF9D5
	})
	jis := encodesIn(japanese.ShiftJIS, func(b []byte) bool {
		// JIS X 0208 kanji: lead bytes 0x88–0x9F and 0xE0–0xEA; from 0xED
		// on are NEC's and IBM's extensions.
		return len(b) == 2 && (b[0] >= 0x88 && b[0] <= 0x9F || b[0] >= 0xE0 && b[0] <= 0xEA)
	})
	s := &hanSets{}
	for i := range hanBlockSize {
		r := rune(hanBlockStart + i)
		zh, ja := gb(r) || big5(r), jis(r)
		switch {
		case zh && !ja:
			setHanBit(&s.chinese, r)
		case ja && !zh:
			setHanBit(&s.japanese, r)
		}
	}
	for _, r := range simplifiedOnly {
		setHanBit(&s.chinese, r)
	}
	for _, r := range japaneseOnly {
		setHanBit(&s.japanese, r)
	}
	return s
})

// encodesIn returns whether e encodes a character into bytes that in
// accepts.
func encodesIn(e encoding.Encoding, in func([]byte) bool) func(rune) bool {
	enc := e.NewEncoder()
	return func(r rune) bool {
		b, err := enc.Bytes([]byte(string(r)))
		return err == nil && in(b)
	}
}

// chineseOnly reports whether r is a character Chinese writes and
// Japanese does not.
func (s *hanSets) chineseOnly(r rune) bool { return hanBit(&s.chinese, r) }

// japaneseOnly reports whether r is a character Japanese writes and
// Chinese does not. Besides the block's characters, that is the iteration
// mark 々 (人々, 時々) and the closing mark 〆, which lie outside it.
func (s *hanSets) japaneseOnly(r rune) bool {
	return r == '々' || r == '〆' || hanBit(&s.japanese, r)
}

// setHanBit adds r, a character of the block, to set.
func setHanBit(set *[hanBlockSize / 64]uint64, r rune) {
	i := int(r) - hanBlockStart
	set[i/64] |= 1 << (i % 64)
}

func hanBit(set *[hanBlockSize / 64]uint64, r rune) bool {
	i := int(r) - hanBlockStart
	return i >= 0 && i < hanBlockSize && set[i/64]&(1<<(i%64)) != 0
}
