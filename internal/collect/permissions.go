package collect

import (
	"encoding/json"
	"sort"
)

// PolicyDocument is an IAM policy document.
type PolicyDocument struct {
	Version   string            `json:"Version"`
	Statement []PolicyStatement `json:"Statement"`
}

// PolicyStatement is one statement of an IAM policy document.
type PolicyStatement struct {
	Sid      string   `json:"Sid"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource string   `json:"Resource"`
}

// Permissions returns the sorted, de-duplicated IAM actions that ops need.
func Permissions(ops []Operation) []string {
	seen := map[string]bool{}
	var out []string
	for _, o := range ops {
		if o.Permission != "" && !seen[o.Permission] {
			seen[o.Permission] = true
			out = append(out, o.Permission)
		}
	}
	sort.Strings(out)
	return out
}

// LeastPrivilegePolicy is the IAM policy that allows exactly the operations
// of the declaration and nothing else. Resource is "*" because the
// collectors list resources they cannot know in advance; every action is a
// read (see IsRead), so "*" grants no write anywhere.
func LeastPrivilegePolicy() PolicyDocument {
	return PolicyDocument{
		Version: "2012-10-17",
		Statement: []PolicyStatement{{
			Sid:      "ShoulderReadOnlyCollection",
			Effect:   "Allow",
			Action:   Permissions(Operations()),
			Resource: "*",
		}},
	}
}

// PolicyJSON renders LeastPrivilegePolicy as indented JSON ending in a newline.
func PolicyJSON() ([]byte, error) {
	b, err := json.MarshalIndent(LeastPrivilegePolicy(), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
