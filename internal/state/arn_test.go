package state

import (
	"strings"
	"testing"
)

// TestARNField: the same fields as strings.SplitN(s, ":", 6), the form it
// replaces, for ARNs and for strings that are not ARNs.
func TestARNField(t *testing.T) {
	for _, s := range []string{
		"arn:aws:s3:::bucket",
		"arn:aws:kms:eu-west-1:111122223333:key/abc",
		"arn:aws:logs:eu-west-1:111122223333:log-group:/a/b:*",
		"arn:aws-cn:iam::111122223333:role/x",
		"arn:aws:s3::",
		"arx:aws:s3:::bucket",
		"alias/aws/s3",
		"",
		":::::",
	} {
		parts := strings.SplitN(s, ":", 6)
		for i := 0; i < 6; i++ {
			want, wantOK := "", len(parts) == 6 && parts[0] == "arn"
			if wantOK {
				want = parts[i]
			}
			got, ok := ARNField(s, i)
			if got != want || ok != wantOK {
				t.Errorf("ARNField(%q, %d) = %q, %v; want %q, %v", s, i, got, ok, want, wantOK)
			}
		}
	}
	if _, ok := ARNField("arn:aws:s3:::b", 6); ok {
		t.Error("field 6 of an ARN")
	}
}
