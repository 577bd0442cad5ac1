package detect

import "strings"

// markerGroups are languages that share a script and that n-gram models
// confuse on short text. Each language lists letters that its neighbours
// do not write: "ы" is Russian, "ї" Ukrainian, "گ" Persian, "ة" Arabic.
var markerGroups = []map[string]string{
	{
		"ru": "ыэъё",
		"uk": "іїєґ",
		"bg": "ѝ",
		"sr": "ђјљњћџ",
	},
	{
		"ar": "يكةى",
		"fa": "پچژگکی",
		"ur": "ٹڈڑںھےۓ",
	},
}

// markerWeight is what a marker letter adds to its language's log-odds.
const markerWeight = 4

// unmarkedShrink is how much of the gap between neighbours survives when no
// marker letter is present: lingua is overconfident on words that any of
// them could have written.
const unmarkedShrink = 0.5

// letterEvidence adds marker letters to ev and, when no member of a group
// shows one, shrinks the gaps between the members.
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
		marked := false
		for l, i := range idx {
			if strings.ContainsAny(c.Text, group[l]) {
				ev.scores[i] += markerWeight
				marked = true
			}
		}
		if marked {
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
