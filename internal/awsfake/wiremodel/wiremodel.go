// Package wiremodel is the form of the fake endpoint's wire models
// (internal/awsfake/wiremodels.json.gz): the subset of botocore's service
// models that a response's wire form depends on. ./wiregen writes it from
// botocore; internal/awsfake reads it.
package wiremodel

// Shape is the subset of a botocore shape kept in the model.
type Shape struct {
	Type            string             `json:"type"`
	Members         map[string]*Member `json:"members,omitempty"`
	Member          *Member            `json:"member,omitempty"`
	Key             *Member            `json:"key,omitempty"`
	Value           *Member            `json:"value,omitempty"`
	Flattened       bool               `json:"flattened,omitempty"`
	LocationName    string             `json:"locationName,omitempty"`
	TimestampFormat string             `json:"timestampFormat,omitempty"`
	Union           bool               `json:"union,omitempty"`
	Document        bool               `json:"document,omitempty"`
}

// Member is a reference to a shape from a structure, list or map.
type Member struct {
	Shape           string `json:"shape"`
	LocationName    string `json:"locationName,omitempty"`
	Location        string `json:"location,omitempty"`
	Flattened       bool   `json:"flattened,omitempty"`
	TimestampFormat string `json:"timestampFormat,omitempty"`
}

// Service is one SDK package's model.
type Service struct {
	Protocol string            `json:"protocol"`
	Ops      map[string]string `json:"ops"` // operation -> output shape ("" when none)
	Shapes   map[string]*Shape `json:"shapes"`
}
