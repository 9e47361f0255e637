package aws

import (
	"context"
	"os"
	"testing"
)

func TestSmokeEmpty(t *testing.T) {
	url := moto.URL(t)
	res, err := Collect(context.Background(), Options{EndpointURL: url, LoadOptions: testCreds(), Regions: []string{"eu-west-1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.Account.Gaps.Sorted() {
		t.Log(g.String())
	}
	res.Stats.WriteTable(os.Stderr)
}
