package state

import "strings"

// ARNField returns field i (0 "arn", 1 partition, 2 service, 3 region,
// 4 account, 5 resource, which keeps its colons) of an ARN, and false when
// s is not an ARN (fewer than six colon-separated fields, or not starting
// with "arn"). It allocates nothing: checks call it for every resource.
func ARNField(s string, i int) (string, bool) {
	if i < 0 || i > 5 {
		return "", false
	}
	var fields [6]string
	rest := s
	for k := 0; k < 5; k++ {
		f, r, ok := strings.Cut(rest, ":")
		if !ok {
			return "", false
		}
		fields[k], rest = f, r
	}
	fields[5] = rest
	if fields[0] != "arn" {
		return "", false
	}
	return fields[i], true
}
