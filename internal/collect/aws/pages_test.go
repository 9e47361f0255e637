package aws

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// TestPages holds the pager to the SDK paginators' semantics: the first
// call has no token, each next call the token the page before answered,
// and paging stops on an empty or nil token, on a token answered before,
// on an error (returned), and when the context ends between pages.
func TestPages(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		answers []string // the token each page answers; "nil" for none
		failAt  int      // page (1-based) that fails; 0 for none
		cancel  int      // page (1-based) after which ctx is cancelled; 0 for never
		want    []string // the tokens the pages were called with; "nil" for none
		wantErr error
	}{
		{name: "one page", answers: []string{"nil"}, want: []string{"nil"}},
		{name: "three pages", answers: []string{"a", "b", "nil"}, want: []string{"nil", "a", "b"}},
		{name: "empty token ends", answers: []string{"a", ""}, want: []string{"nil", "a"}},
		{name: "repeated token ends", answers: []string{"a", "a", "x"}, want: []string{"nil", "a"}},
		{name: "token repeated later ends", answers: []string{"a", "b", "a", "x"}, want: []string{"nil", "a", "b"}},
		{name: "error returned", answers: []string{"a", "b", "nil"}, failAt: 2, want: []string{"nil", "a"}, wantErr: boom},
		{name: "cancelled between pages", answers: []string{"a", "b", "nil"}, cancel: 1, want: []string{"nil"}, wantErr: context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var got []string
			err := pages(ctx, func(_ context.Context, token *string) (*string, error) {
				if token == nil {
					got = append(got, "nil")
				} else {
					got = append(got, *token)
				}
				n := len(got)
				if n > len(tc.answers) {
					t.Fatalf("page %d asked for; the listing has %d", n, len(tc.answers))
				}
				if n == tc.failAt {
					return nil, boom
				}
				if n == tc.cancel {
					cancel()
				}
				if a := tc.answers[n-1]; a != "nil" {
					return &a, nil
				}
				return nil, nil
			})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("called with %v, want %v", got, tc.want)
			}
		})
	}
}
