package iampolicy

import "strings"

// maxGlobCells bounds the work of one wildcard comparison. Real action names
// and ARNs are short; a pathological document must not stall a scan.
const maxGlobCells = 1 << 20

// MatchAction reports whether the action pattern from a policy (for example
// "s3:Get*", "kms:*", "*" or "ec2:Describe?pcs") matches action. IAM compares
// action names case-insensitively; * matches any run of characters and ?
// exactly one. If action holds wildcards itself, MatchAction reports whether
// pattern matches every action that action matches, so
// MatchAction("s3:*", "s3:Get*") is true and MatchAction("s3:Get*", "s3:*")
// is false.
func MatchAction(pattern, action string) bool {
	return globCovers(strings.ToLower(pattern), strings.ToLower(action))
}

// actionsIntersect reports whether some action matches both patterns.
func actionsIntersect(a, b string) bool {
	return globIntersects(strings.ToLower(a), strings.ToLower(b))
}

// normGlob returns the pattern as runes with each run of wildcards
// rewritten to its ?s followed by at most one *. The language is unchanged
// ("*?" and "?*" both mean "one or more characters"), and the canonical
// order lets globCovers decide inclusion by a simple token alignment.
func normGlob(s string) []rune {
	in := []rune(s)
	out := make([]rune, 0, len(in))
	for i := 0; i < len(in); {
		if in[i] != '*' && in[i] != '?' {
			out = append(out, in[i])
			i++
			continue
		}
		q, star := 0, false
		for ; i < len(in) && (in[i] == '*' || in[i] == '?'); i++ {
			if in[i] == '*' {
				star = true
			} else {
				q++
			}
		}
		for ; q > 0; q-- {
			out = append(out, '?')
		}
		if star {
			out = append(out, '*')
		}
	}
	return out
}

// globCovers reports whether every string matched by pattern q is also
// matched by pattern p. With a wildcard-free q this is plain matching. The
// answer errs on "no" for exotic pattern pairs (and for inputs too large to
// compare), never on "yes".
func globCovers(p, q string) bool {
	pr, qr := normGlob(p), normGlob(q)
	m, n := len(pr), len(qr)
	if (m+1)*(n+1) > maxGlobCells {
		return p == q
	}
	// next[j] holds covers(pr[i+1:], qr[j:]); cur[j] holds covers(pr[i:], qr[j:]).
	next := make([]bool, n+1)
	cur := make([]bool, n+1)
	next[n] = true // empty covers empty
	for i := m - 1; i >= 0; i-- {
		for j := n; j >= 0; j-- {
			switch {
			case pr[i] == '*':
				// The star matches nothing, or absorbs q's next token
				// (a character, a ? or even a *).
				cur[j] = next[j] || (j < n && cur[j+1])
			case j == n || qr[j] == '*':
				// Only a star in p can absorb a star in q.
				cur[j] = false
			case pr[i] == '?':
				cur[j] = next[j+1]
			case qr[j] == '?':
				cur[j] = false
			default:
				cur[j] = pr[i] == qr[j] && next[j+1]
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

// globIntersects reports whether some string is matched by both patterns.
// For inputs too large to compare it answers "yes", the cautious answer for
// its callers (NotAction and NotResource exclusions).
func globIntersects(a, b string) bool {
	ar, br := normGlob(a), normGlob(b)
	m, n := len(ar), len(br)
	if (m+1)*(n+1) > maxGlobCells {
		return true
	}
	// rows[i][j] = intersects(ar[i:], br[j:]), computed from the ends.
	next := make([]bool, n+1)
	cur := make([]bool, n+1)
	for i := m; i >= 0; i-- {
		for j := n; j >= 0; j-- {
			var v bool
			switch {
			case i == m && j == n:
				v = true
			case i < m && ar[i] == '*':
				v = next[j] || (j < n && cur[j+1])
			case j < n && br[j] == '*':
				v = cur[j+1] || (i < m && next[j])
			case i == m || j == n:
				v = false
			default:
				v = (ar[i] == '?' || br[j] == '?' || ar[i] == br[j]) && next[j+1]
			}
			cur[j] = v
		}
		next, cur = cur, next
	}
	return next[0]
}
