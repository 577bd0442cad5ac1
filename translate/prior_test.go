package translate

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNextPrior(t *testing.T) {
	ru := &Prior{Language: "ru", Confidence: 0.95, Source: SourceDetected}
	tests := []struct {
		name string
		prev *Prior
		d    Detection
		want *Prior
	}{
		{"first answer", nil, Detection{Language: "es", Confidence: 0.9, Source: SourceDetected}, &Prior{Language: "es", Confidence: 0.9, Source: SourceDetected}},
		{"answer replaces", ru, Detection{Language: "uk", Confidence: 0.99, Source: SourceDetected}, &Prior{Language: "uk", Confidence: 0.99, Source: SourceDetected}},
		{"conversation keeps", ru, Detection{Language: "ru", Confidence: 0.8, Source: SourceConversation}, &Prior{Language: "ru", Confidence: 0.8, Source: SourceConversation}},
		{"override is certain", ru, Detection{Language: "fr", Confidence: 0.3, Source: SourceOverride}, &Prior{Language: "fr", Confidence: 1, Source: SourceOverride}},
		{"und keeps the previous", ru, Detection{Language: Undetermined, Candidates: []Candidate{{"uk", 0.6}}}, ru},
		{"und on a new conversation keeps a weak guess", nil, Detection{Language: Undetermined, Candidates: []Candidate{{"pt", 0.55}, {"es", 0.45}}}, &Prior{Language: "pt", Confidence: 0.55, Source: SourceDetected}},
		{"nothing at all", nil, Detection{Language: Undetermined}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NextPrior(tt.prev, tt.d)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NextPrior(%+v, %+v) mismatch (-want +got):\n%s", tt.prev, tt.d, diff)
			}
			if got != nil && got == tt.prev {
				t.Errorf("NextPrior() returned prev itself; callers may keep and mutate it")
			}
		})
	}
}
