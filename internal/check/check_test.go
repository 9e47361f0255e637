package check

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestMessageR: a result with a message built already is the result the
// formatting helpers build for that message, and the message is taken as
// it is, never read as a format.
func TestMessageR(t *testing.T) {
	m := state.Meta{ARN: "arn:aws:s3:::b", Region: "eu-west-1", Tags: map[string]string{"k": "v"}}
	tests := []struct {
		name    string
		message string
		st      Status
		viaFmt  Result
	}{
		{"pass", "b: 3 of 4 rules", Pass, PassR(m, "b: %d of %d rules", 3, 4)},
		{"fail", "b is public", Fail, FailR(m, "%s is public", "b")},
		{"not applicable", "no rules", NotApplicable, NotApplicableR(m, "no rules")},
		{"percent kept", "100%s of keys", Unknown, UnknownR(m, "%d%%s of keys", 100)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := MessageR(m, tc.st, tc.message)
			if got.Message != tc.message {
				t.Errorf("message %q, want %q", got.Message, tc.message)
			}
			if got.Status != tc.viaFmt.Status || got.Resource != tc.viaFmt.Resource || got.Region != tc.viaFmt.Region ||
				got.Message != tc.viaFmt.Message || len(got.Tags) != len(tc.viaFmt.Tags) || got.Tags["k"] != "v" {
				t.Errorf("MessageR = %+v, the formatting helper built %+v", got, tc.viaFmt)
			}
		})
	}
}
