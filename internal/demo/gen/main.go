// Command gen writes the demo account snapshot, and the other accounts of
// the demo organization, from internal/demo/builder.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func main() {
	out := flag.String("o", "demo.json", "output file")
	org := flag.String("org", "", "also write the demo organization's other accounts into this `directory` (ID.json each)")
	flag.Parse()
	if err := state.SaveSnapshot(*out, builder.Build(), "shoulder demo builder"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *org == "" {
		return
	}
	if err := os.MkdirAll(*org, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, a := range builder.BuildOrg() {
		if err := state.SaveSnapshot(filepath.Join(*org, a.AccountID+".json"), a, "shoulder demo builder"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
