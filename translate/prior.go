package translate

// NextPrior returns what a conversation knows about its customer's language
// after a message decided d, given what it knew before (prev, nil on a new
// conversation). Pass the result as DetectInput.Conversation for the next
// message. An undetermined message keeps prev; on a new conversation it
// keeps its strongest candidate as a weak prior (its low Confidence says so),
// so that evidence adds up over several short messages.
func NextPrior(prev *Prior, d Detection) *Prior {
	switch {
	case d.Source == SourceOverride && d.Language != "" && d.Language != Undetermined:
		return &Prior{Language: d.Language, Confidence: 1, Source: SourceOverride}
	case d.Language != "" && d.Language != Undetermined:
		return &Prior{Language: d.Language, Confidence: d.Confidence, Source: d.Source}
	case prev != nil:
		p := *prev
		return &p
	case len(d.Candidates) > 0:
		c := d.Candidates[0]
		return &Prior{Language: c.Language, Confidence: c.Confidence, Source: SourceDetected}
	default:
		return nil
	}
}
