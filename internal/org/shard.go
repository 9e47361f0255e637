package org

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is one part of a run split over several processes (--shard i/n):
// Index i of Count n. The zero value is not valid; Whole (0/1) holds every
// account.
type Shard struct {
	Index, Count int
}

// Whole is the unsplit run: one shard that holds every account.
var Whole = Shard{Index: 0, Count: 1}

// ParseShard reads "i/n" (0 <= i < n, n >= 1, decimal integers).
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Shard{}, fmt.Errorf("--shard %q: want i/n, e.g. 0/4 (shard i of n, counted from 0)", s)
	}
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("--shard %q: want i/n with whole numbers, e.g. 0/4", s)
	}
	sh := Shard{Index: i, Count: n}
	if err := sh.Validate(); err != nil {
		return Shard{}, err
	}
	return sh, nil
}

// Validate checks 0 <= Index < Count and Count >= 1.
func (s Shard) Validate() error {
	switch {
	case s.Count < 1:
		return fmt.Errorf("--shard %s: n must be 1 or more", s)
	case s.Index < 0 || s.Index >= s.Count:
		return fmt.Errorf("--shard %s: i must be from 0 to n-1 (0 to %d)", s, s.Count-1)
	}
	return nil
}

// String is "i/n".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// ShardOf is the shard (0..n-1) that holds an account: the first 8 bytes
// of the SHA-256 digest of the account ID as written (12 ASCII digits, no
// newline), read as a big-endian unsigned 64-bit integer, modulo n. In
// shell: printf %s 123456789012 | sha256sum, take the first 16 hex digits,
// modulo n. It depends on the ID and n only, so an account lands in the
// same shard whatever the organization's size, order or other accounts,
// and every shard process of one run computes the same split without
// talking to the others. (A cryptographic digest rather than FNV: FNV-1a
// modulo a power of two depends only on the low bits of each byte, and
// account IDs are digits.) n < 1 is treated as 1.
func ShardOf(accountID string, n int) int {
	if n <= 1 {
		return 0
	}
	sum := sha256.Sum256([]byte(accountID))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(n))
}

// Holds reports whether the shard holds the account.
func (s Shard) Holds(accountID string) bool {
	return ShardOf(accountID, s.Count) == s.Index
}
