package detect

import "strings"

// markerGroups are languages that share a script and that n-gram models
// confuse on short text. Each language lists letters that its neighbours
// do not write: "ы" is Russian, "ї" Ukrainian, "گ" Persian, "ة" Arabic.
// Arabic's yeh and kaf (ي, ك) are weak markers instead (see weakMarkers).
var markerGroups = []map[string]string{
	{
		"ru": "ыэъё",
		"uk": "іїєґ",
		"bg": "ѝ",
		"sr": "ђјљњћџ",
	},
	{
		"ar": "ةى",
		"fa": "پچژگکی",
		"ur": "ٹڈڑںھےۓ",
	},
}

// markerWeight is what a marker letter adds to its language's log-odds.
const markerWeight = 4

// weakMarkers are letters that a language writes and its neighbours write
// less often: Persian is often typed with Arabic's ي and ك for its own ی
// and ک, on an Arabic keyboard layout or in older encodings (3,866 of the
// 10,000 words of the Persian word list are spelled so). Weak markers
// count only when the text has no marker of the group (see letterEvidence).
var weakMarkers = map[string]string{"ar": "يك"}

// weakMarkerWeight is what a weak marker adds. At 2 the Arabic of the
// interface-text tuning set keeps its wrong answers (0.8% of word pairs,
// 1.9% of single words), and its Persian, spelled with Arabic letters, is
// read as Arabic far less often (see bench/detect/README.md).
const weakMarkerWeight = 2

// unmarkedShrink is how much of the gap between neighbours survives when no
// marker letter is present: lingua is overconfident on words that any of
// them could have written.
const unmarkedShrink = 0.5

// letterEvidence adds marker letters to ev: a group's weak markers only
// when none of its members shows a marker (Persian typed with Arabic's ي
// has گ and پ as well), and when no member shows a weak one either, it
// shrinks the gaps between the members.
func letterEvidence(c Cleaned, ev *evidence) {
	for _, group := range markerGroups {
		idx := map[string]int{}
		for i, l := range ev.langs {
			if _, ok := group[l]; ok {
				idx[l] = i
			}
		}
		if len(idx) < 2 {
			continue
		}
		if addMarkers(c, ev, idx, group, markerWeight) || addMarkers(c, ev, idx, weakMarkers, weakMarkerWeight) {
			continue
		}
		mean := 0.0
		for _, i := range idx {
			mean += ev.scores[i]
		}
		mean /= float64(len(idx))
		for _, i := range idx {
			ev.scores[i] = mean + unmarkedShrink*(ev.scores[i]-mean)
		}
	}
}

// addMarkers adds weight to each language of idx (its index in ev) whose
// letters in markers the text has, and reports whether any had one.
func addMarkers(c Cleaned, ev *evidence, idx map[string]int, markers map[string]string, weight float64) bool {
	marked := false
	for l, i := range idx {
		if strings.ContainsAny(c.Text, markers[l]) {
			ev.scores[i] += weight
			marked = true
		}
	}
	return marked
}
